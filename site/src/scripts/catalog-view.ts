// Drawing the catalog's results into the page: table rows, the count, the pager and the sort headers.
// Everything upstream (ids, names, tasks…) goes in through textContent and attribute setters only —
// model names are hostile text, so no HTML is ever parsed from data.
import { badges, countText, dayDate, formatNumber, modelPath, pagerItems } from '../lib/catalog-format.ts';
import { CATALOG_LABELS, fillLabel } from '../i18n/catalog.ts';
import type { Lang } from '../i18n/lang.ts';
import type { QueryResult, SearchRow } from '../lib/search.ts';
import { serialiseState, type CatalogState } from '../lib/url-state.ts';

/** The parts of the page the view draws into, and what it needs to know to draw. */
export interface CatalogView {
  /** Interface language. */
  lang: Lang;
  /** Site base path (`data-base`, e.g. '/repo/'). */
  base: string;
  /** The page's own path: links carry only a query string after it. */
  path: string;
  /** table#results, its body (rows are replaced), p#count and nav#pager (contents replaced). */
  table: HTMLTableElement;
  body: HTMLTableSectionElement;
  count: HTMLElement;
  pager: HTMLElement;
  /** What is on screen now (row ids, pager state): unchanged parts are not redrawn ('' at first). */
  shown: { rows: string; pager: string };
}

/** A link within the catalog page to `state`. */
export function stateHref(view: CatalogView, state: CatalogState): string {
  return `${view.path}${serialiseState(state)}`;
}

/** `<tag class=…>` with `text` as its text. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== '') node.className = className;
  if (text !== '') node.textContent = text;
  return node;
}

/** `text` isolated from the surrounding direction (names may be right-to-left). */
function bdi(text: string): HTMLElement {
  return element('bdi', '', text);
}

/**
 * One result row, cell for cell as components/ResultRow.astro renders it: model (id link, Chinese
 * name, badges — the cell's text starts with the id), owner, task, downloads, likes, entered, 7-day growth.
 */
function rowElement(view: CatalogView, row: SearchRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const model = document.createElement('td');
  const link = document.createElement('a');
  link.href = modelPath(row, view.lang, view.base);
  link.append(bdi(row.id));
  model.append(link);
  if (row.chineseName !== '') {
    const zh = element('span', 'zh');
    zh.append(bdi(row.chineseName));
    model.append(' ', zh);
  }
  model.append(' ');
  for (const badge of badges(row, view.lang)) model.append(element('span', `badge ${badge.kind}`, badge.text));
  const owner = element('td', 'owner');
  owner.append(bdi(row.owner));
  const n = (value: number | null): string => (value === null ? '—' : formatNumber(value, view.lang));
  tr.append(
    model, owner, element('td', 'task', row.tasks[0] ?? ''), element('td', 'num', n(row.downloads)),
    element('td', 'num', n(row.likes)), element('td', 'entered', dayDate(row.entered)), element('td', 'num', n(row.growth7)),
  );
  return tr;
}

/** Replaces the table body with `rows` (or a single "no models match" row). */
export function drawRows(view: CatalogView, rows: readonly SearchRow[]): void {
  if (rows.length === 0) {
    const cell = element('td', 'empty', CATALOG_LABELS[view.lang].noMatch);
    cell.colSpan = view.table.tHead?.rows[0]?.cells.length ?? 7;
    const tr = document.createElement('tr');
    tr.append(cell);
    view.body.replaceChildren(tr);
    return;
  }
  view.body.replaceChildren(...rows.map((row) => rowElement(view, row)));
}

/** Marks the active sort on the column headers and points their links at the other sorts. */
export function drawHeaders(view: CatalogView, state: CatalogState): void {
  for (const th of view.table.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) {
    const sort = th.dataset['sort'];
    th.setAttribute('aria-sort', sort === state.sort ? 'descending' : 'none');
    const link = th.querySelector('a');
    if (link !== null && sort !== undefined) link.href = stateHref(view, { ...state, sort: sort as CatalogState['sort'], page: 1 });
  }
}

/** The pager: previous, page numbers (gaps as "…"), next; the current page marked, ends disabled. */
export function drawPager(view: CatalogView, state: CatalogState, result: QueryResult): void {
  const labels = CATALOG_LABELS[view.lang];
  if (result.pages <= 1) {
    view.pager.replaceChildren();
    return;
  }
  const list = document.createElement('ul');
  const add = (node: Node): void => {
    const item = document.createElement('li');
    item.append(node);
    list.append(item);
  };
  const link = (page: number, text: string, rel: string): HTMLElement => {
    const a = element('a', rel, text);
    a.href = stateHref(view, { ...state, page });
    if (rel !== '') a.rel = rel;
    return a;
  };
  const end = (text: string): HTMLElement => {
    const span = element('span', 'disabled', text);
    span.setAttribute('aria-disabled', 'true');
    return span;
  };
  add(result.page > 1 ? link(result.page - 1, labels.previous, 'prev') : end(labels.previous));
  for (const item of pagerItems(result.page, result.pages)) {
    if (item === 'gap') {
      add(element('span', 'gap', '…'));
      continue;
    }
    const a = link(item, formatNumber(item, view.lang), '');
    a.setAttribute('aria-label', fillLabel(labels.page, { n: formatNumber(item, view.lang) }));
    if (item === result.page) a.setAttribute('aria-current', 'page');
    add(a);
  }
  add(result.page < result.pages ? link(result.page + 1, labels.next, 'next') : end(labels.next));
  const summary = element('p', 'summary', fillLabel(labels.pageOf, { page: formatNumber(result.page, view.lang), pages: formatNumber(result.pages, view.lang) }));
  view.pager.replaceChildren(summary, list);
}

/**
 * Draws one query's results: the count every time (it answers each keystroke, and is cheap), rows and
 * pager only when they changed — a table's layout is the costly part of a draw, and many keystrokes
 * leave the first page as it was.
 */
export function drawResult(view: CatalogView, state: CatalogState, result: QueryResult, partial: boolean): void {
  const rows = result.rows.map((row) => row.id).join('\n') || '\u0000none';
  if (rows !== view.shown.rows) drawRows(view, result.rows);
  view.count.textContent = countText(result.total, view.lang, partial);
  drawHeaders(view, state);
  const pager = `${result.page}/${result.pages}${serialiseState(state)}`;
  if (pager !== view.shown.pager) drawPager(view, state, result);
  view.shown = { rows, pager };
}

/** Sort headers without a link get a button, so they can be reached and used from the keyboard. */
export function addSortButtons(table: HTMLTableElement): void {
  for (const th of table.querySelectorAll('th[data-sort]')) {
    if (th.querySelector('a, button') !== null) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.append(...th.childNodes);
    th.append(button);
  }
}
