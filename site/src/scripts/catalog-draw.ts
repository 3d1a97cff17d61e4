// Drawing the catalog's results into the page: table rows, the count, the pager and the sort headers.
// Everything upstream (ids, names, tasks…) goes in through textContent and attribute setters only —
// model names are hostile text, so no HTML is ever parsed from data.
import { badges, countText, formatNumber, hintText, modelPath, pagerLayout, type SearchHint } from '../lib/catalog/catalog-format.ts';
import { CATALOG_LABELS, fillLabel } from '../i18n/catalog.ts';
import type { Lang } from '../i18n/lang.ts';
import type { QueryResult, SearchRow } from '../lib/search/search.ts';
import { serialiseState, type CatalogState } from '../lib/search/url-state.ts';
import { TEXT_COLUMNS, cellLabels, cellText, columnLabel } from '../lib/catalog/catalog-columns.ts';

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
  /** p#hint: what to try when a search finds nothing as typed (hidden when there is nothing to say). */
  hint: HTMLElement | null;
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

/** A drawn result row and what it shows, so the next draw touches only what differs. */
interface RowSlot {
  link: HTMLAnchorElement;
  id: Text;
  /** The model cell's Chinese name and badges, as one key: rebuilt only when it changes. */
  extras: string;
  model: HTMLTableCellElement;
  owner: Text;
  /** The text of each cell in TEXT_COLUMNS (task, downloads, likes, entered, growth). */
  cells: Text[];
}

const slots = new WeakMap<HTMLTableRowElement, RowSlot>();

/** The model cell's Chinese name and badges after the link, as ResultRow.astro renders them. */
function modelExtras(view: CatalogView, row: SearchRow): Node[] {
  const nodes: Node[] = [];
  if (row.chineseName !== '') {
    const zh = element('span', 'zh');
    zh.append(bdi(row.chineseName));
    nodes.push(document.createTextNode(' '), zh);
  }
  for (const badge of badges(row, view.lang)) nodes.push(document.createTextNode(' '), element('span', `badge ${badge.kind}`, badge.text));
  return nodes;
}

/** The texts of a row's cells after the model and the owner (TEXT_COLUMNS). */
function cellTexts(view: CatalogView, row: SearchRow): string[] {
  return TEXT_COLUMNS.map((column) => cellText(column, row, view.lang));
}

/**
 * A new result row, cell for cell as components/ResultRow.astro renders it: model (id link, Chinese
 * name, badges — the cell's text starts with the id), owner, task, downloads, likes, entered, 7-day growth,
 * each cell after the model named by its `data-label`.
 */
function newRow(view: CatalogView, row: SearchRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const model = document.createElement('td');
  const link = document.createElement('a');
  const idText = document.createTextNode('');
  const idBdi = document.createElement('bdi');
  idBdi.append(idText);
  link.append(idBdi);
  model.append(link);
  const label = cellLabels(view.lang);
  const ownerText = document.createTextNode('');
  const owner = element('td', 'owner');
  owner.dataset['label'] = label.owner;
  const ownerBdi = document.createElement('bdi');
  ownerBdi.append(ownerText);
  owner.append(ownerBdi);
  const cells = TEXT_COLUMNS.map((column) => {
    const td = element('td', column.className);
    // Each figure's name, shown beside it where the column headers are not (phones: site.css).
    td.dataset['label'] = columnLabel(column, view.lang);
    const text = document.createTextNode('');
    td.append(text);
    tr.append(td);
    return text;
  });
  tr.prepend(model, owner);
  slots.set(tr, { link, id: idText, extras: '\u0000', model, owner: ownerText, cells });
  fillRow(view, tr, row);
  return tr;
}

/**
 * Show `row` in a drawn row, changing only the text and attributes that differ: new rows cost a style
 * pass over every element, which was most of a keystroke's time. False when `tr` is not a result row.
 */
function fillRow(view: CatalogView, tr: HTMLTableRowElement, row: SearchRow): boolean {
  const slot = slots.get(tr);
  if (slot === undefined) return false;
  const href = modelPath(row, view.lang, view.base);
  if (slot.link.getAttribute('href') !== href) slot.link.setAttribute('href', href);
  if (slot.id.data !== row.id) slot.id.data = row.id;
  const extras = `${row.chineseName}\u0000${badges(row, view.lang).map((badge) => `${badge.kind}:${badge.text}`).join('\u0000')}`;
  if (slot.extras !== extras) {
    slot.model.replaceChildren(slot.link, ...modelExtras(view, row));
    slot.extras = extras;
  }
  if (slot.owner.data !== row.owner) slot.owner.data = row.owner;
  cellTexts(view, row).forEach((text, i) => {
    const node = slot.cells[i];
    if (node !== undefined && node.data !== text) node.data = text;
  });
  return true;
}

/** Shows `rows` in the table body (or a single "no models match" row), reusing the rows already drawn. */
export function drawRows(view: CatalogView, rows: readonly SearchRow[]): void {
  if (rows.length === 0) {
    const cell = element('td', 'empty', CATALOG_LABELS[view.lang].noMatch);
    cell.colSpan = view.table.tHead?.rows[0]?.cells.length ?? 7;
    const tr = document.createElement('tr');
    tr.append(cell);
    view.body.replaceChildren(tr);
    return;
  }
  const drawn = [...view.body.rows];
  // The static rows (and the empty-result row) are not ours to update: replaced once, reused after.
  if (drawn.some((tr) => !slots.has(tr))) {
    view.body.replaceChildren(...rows.map((row) => newRow(view, row)));
    return;
  }
  rows.forEach((row, i) => {
    const tr = drawn[i];
    if (tr === undefined) view.body.append(newRow(view, row));
    else fillRow(view, tr, row);
  });
  for (const tr of drawn.slice(rows.length)) tr.remove();
}

/** Marks the active sort on the column headers and points their links at the other sorts. */
export function drawHeaders(view: CatalogView, state: CatalogState): void {
  for (const th of view.table.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) {
    const sort = th.dataset['sort'];
    // Set only what changed: every attribute write may restyle the header, and this runs per keystroke.
    const ariaSort = sort === state.sort ? 'descending' : 'none';
    if (th.getAttribute('aria-sort') !== ariaSort) th.setAttribute('aria-sort', ariaSort);
    const link = th.querySelector('a');
    const href = sort === undefined ? null : stateHref(view, { ...state, sort: sort as CatalogState['sort'], page: 1 });
    if (link !== null && href !== null && link.getAttribute('href') !== href) link.setAttribute('href', href);
  }
}

/**
 * The pager: "page n of m", then one horizontal list: previous, page numbers (gaps as "…"), next. The
 * current page is marked aria-current, the ends without a page are disabled; entries for only the wide
 * or only the narrow layout (pagerLayout) carry a class that CSS hides on the other.
 */
export function drawPager(view: CatalogView, state: CatalogState, result: QueryResult): void {
  const labels = CATALOG_LABELS[view.lang];
  if (result.pages <= 1) {
    view.pager.replaceChildren();
    return;
  }
  const list = document.createElement('ul');
  const add = (node: Node, className = ''): void => {
    const item = element('li', className);
    item.append(node);
    list.append(item);
  };
  const link = (page: number, rel: string): HTMLAnchorElement => {
    const a = element('a', rel === '' ? 'page' : `step ${rel}`);
    a.href = stateHref(view, { ...state, page });
    if (rel !== '') a.rel = rel;
    return a;
  };
  // Previous and next: an arrow and a word (the word hidden on phones, still read out).
  const step = (rel: 'prev' | 'next', page: number | undefined, text: string): HTMLElement => {
    const node = page === undefined ? element('span', `step ${rel} disabled`) : link(page, rel);
    if (page === undefined) node.setAttribute('aria-disabled', 'true');
    const arrow = element('span', 'arrow', rel === 'prev' ? '‹' : '›');
    arrow.setAttribute('aria-hidden', 'true');
    const word = element('span', 'word', text);
    if (rel === 'prev') node.append(arrow, word);
    else node.append(word, arrow);
    return node;
  };
  add(step('prev', result.page > 1 ? result.page - 1 : undefined, labels.previous));
  for (const entry of pagerLayout(result.page, result.pages)) {
    const only = entry.wide && entry.narrow ? '' : entry.wide ? 'wide-only' : 'narrow-only';
    if (entry.item === 'gap') {
      add(element('span', 'ellipsis', '…'), only);
      continue;
    }
    const a = link(entry.item, '');
    a.textContent = formatNumber(entry.item, view.lang);
    a.setAttribute('aria-label', fillLabel(labels.page, { n: formatNumber(entry.item, view.lang) }));
    if (entry.item === result.page) a.setAttribute('aria-current', 'page');
    add(a, only);
  }
  add(step('next', result.page < result.pages ? result.page + 1 : undefined, labels.next));
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

/** Shows `hint` under the count (or hides it); its button, when it offers one, calls `includeLeft`. All text set as text. */
export function drawHint(view: CatalogView, hint: SearchHint, includeLeft: () => void): void {
  const box = view.hint;
  if (box === null) return;
  const { sentences, includeLeft: offer } = hintText(hint, view.lang);
  const key = `${sentences.join('\n')}\n${String(offer)}`;
  if (box.dataset['shown'] === key) return;
  box.dataset['shown'] = key;
  const nodes: Node[] = [];
  for (const sentence of sentences) nodes.push(element('span', '', sentence), document.createTextNode(' '));
  if (offer) {
    const button = element('button', 'hint-action', CATALOG_LABELS[view.lang].includeLeft);
    button.type = 'button';
    button.addEventListener('click', includeLeft);
    nodes.push(button);
  }
  box.replaceChildren(...nodes);
  box.hidden = nodes.length === 0;
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
