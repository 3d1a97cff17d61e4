// The catalog page's script: progressive enhancement of the static page (the top models, a form). The
// search index is fetched only when someone starts searching — focus, a keystroke, or a state in the
// URL — shard 0 (top models) first so the first results come quickly, the rest of the list after it,
// and the departed models' shard only once they are asked for. The whole state lives in the URL: one
// history entry per typed search (replaced while typing), one per filter, sort or page change, all
// restored on back/forward. Results are drawn with DOM calls only (catalog-draw.ts).
//
// Markup contract: form#catalog[data-search=<shard dir URL/>][data-shards=N][data-base=<site base>]
// with controls named q, task, aigc, family, license, owner, api, new, left, sort; p#count;
// table#results (thead th[data-sort], tbody); nav#pager.
import { langOf } from '../i18n/lang.ts';
import { CATALOG_LABELS, fillLabel } from '../i18n/catalog.ts';
import { formatNumber } from '../lib/catalog/catalog-format.ts';
import { appendShard, correctedQuery, emptyIndex, matchCache, matchRows, rowOrder, runQuery, searchTerms, PAGE_SIZE, type SearchIndex } from '../lib/search/search.ts';
import type { SearchHint } from '../lib/catalog/catalog-format.ts';
import { COLUMN_SORTS } from '../lib/catalog/catalog-columns.ts';
import { filtersSet, parseState, serialiseState, type CatalogState } from '../lib/search/url-state.ts';
import { fillForm, formState } from './catalog-form.ts';
import { addSortButtons, drawHeaders, drawHint, drawPager, drawResult, stateHref, type CatalogView } from './catalog-draw.ts';

// URL updates while typing wait for a pause: browsers throttle (Safari throws on) rapid history calls.
const TYPING_URL_DELAY_MS = 300;

function start(form: HTMLFormElement): void {
  const table = document.getElementById('results');
  const count = document.getElementById('count');
  const pager = document.getElementById('pager');
  const body = table instanceof HTMLTableElement ? table.tBodies[0] : undefined;
  if (!(table instanceof HTMLTableElement) || body === undefined || count === null || pager === null) return;
  const view: CatalogView = {
    lang: langOf(document.documentElement.lang), base: form.dataset['base'] ?? '/', path: location.pathname,
    table, body, count, pager, hint: document.getElementById('hint'), shown: { rows: '', pager: '' },
  };
  const labels = CATALOG_LABELS[view.lang];
  const shardDir = new URL(form.dataset['search'] ?? './', location.href);
  const hintedParts = Math.max(1, Number.parseInt(form.dataset['shards'] ?? '1', 10) || 1);

  let state = parseState(location.search);
  let index: SearchIndex | undefined;
  const cache = matchCache();
  let loading = false;
  let failed = false;
  // Static rows stay until the visitor asks for something; from then on the index draws the table.
  let live = false;
  // Typing: the pending URL update, and whether this run of keystrokes already has its history entry.
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingEntry = false;

  const fetchShard = async (part: number): Promise<string> => {
    const response = await fetch(new URL(`search-${part}.json`, shardDir));
    if (!response.ok) throw new Error(`search-${part}.json: HTTP ${response.status}`);
    return response.text();
  };

  /** Starts fetching shard `part`; a failure surfaces when it is awaited (and not before, if never). */
  const prefetch = (part: number): { part: number; text: Promise<string> } => {
    const text = fetchShard(part);
    text.catch(() => undefined);
    return { part, text };
  };

  /** Shards the current state needs: those of models on the list, and the departed ones when `left` is on. */
  const wanted = (): number => (index === undefined ? hintedParts : state.left ? index.parts : index.departedFrom);

  // Shards arrive in order, one at a time; shard 0 says how many there are (data-shards only guesses
  // before it). Called again whenever the state may want more (the departed shard for `left`).
  const load = (): void => {
    if (loading || failed || (index !== undefined && index.loaded >= wanted())) return;
    loading = true;
    void (async () => {
      try {
        let pending: { part: number; text: Promise<string> } | undefined;
        while (index === undefined || index.loaded < wanted()) {
          const part = index?.loaded ?? 0;
          if (pending?.part !== part) pending = prefetch(part);
          const loaded = appendShard(index ?? emptyIndex(), await pending.text);
          index = loaded;
          // The next shard downloads while this one's results are drawn.
          if (loaded.loaded < wanted()) pending = prefetch(loaded.loaded);
          // A new index sorts its rows on first use (tens of ms at 60,000): done now if results are
          // showing, else while the page is idle, so the next keystroke does not pay for it.
          if (live) draw();
          else whenIdle(() => rowOrder(loaded, state.sort));
        }
      } catch {
        failed = true;
        if (live) draw();
      } finally {
        loading = false;
      }
    })();
  };

  // The filters fold away on narrow screens (site.css); their control says how many are set.
  const filterBox = document.getElementById('filter-box');
  const setCount = document.getElementById('filters-set');
  const showFiltersSet = (): void => {
    const n = filtersSet(state);
    const text = n === 0 ? '' : fillLabel(labels.filtersSet, { n: formatNumber(n, view.lang) });
    if (setCount !== null && setCount.textContent !== text) setCount.textContent = text;
  };
  // Where CSS cannot keep a closed <details> open on wide screens (no ::details-content), open it there.
  if (filterBox instanceof HTMLDetailsElement && !CSS.supports('selector(::details-content)') && matchMedia('(min-width: 40.01rem)').matches) filterBox.open = true;

  const draw = (): void => {
    showFiltersSet();
    live = true;
    table.setAttribute('aria-busy', String(index === undefined && !failed));
    if (index === undefined) {
      count.textContent = failed ? labels.failed : labels.loading;
      drawHeaders(view, state);
      return;
    }
    let result = runQuery(index, state, PAGE_SIZE, cache);
    const partial = !failed && index.loaded < wanted();
    // Nothing as typed: the misspelt words put right (once every shard asked for is in), and, when
    // models that left were not searched, the offer to include them (with how many match, when known).
    const hint: SearchHint = {};
    if (result.total === 0 && !partial && searchTerms(state.q).length > 0) {
      const fixed = correctedQuery(index, state);
      if (fixed !== undefined) {
        result = runQuery(index, { ...state, q: fixed }, PAGE_SIZE);
        hint.spelling = { q: state.q, fixed };
      }
    }
    if ((result.total === 0 || hint.spelling !== undefined) && !partial && !state.left && serialiseState({ ...state, page: 1 }) !== '') {
      const left = index.loaded >= index.parts ? matchRows(index, { ...state, left: true }).length : null;
      if (left !== 0) hint.left = left;
    }
    drawResult(view, state, result, partial);
    drawHint(view, hint, includeLeft);
  };

  const includeLeft = (): void => {
    const next = { ...state, left: true, page: 1 };
    fillForm(form, next);
    go(next, 'push');
  };

  const writeUrl = (push: boolean): void => {
    const url = stateHref(view, state) + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    try {
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    } catch {
      // Throttled by the browser: the page still shows the state, only the address lags.
    }
  };

  const stopTyping = (): void => {
    if (typingTimer !== undefined) {
      clearTimeout(typingTimer);
      typingTimer = undefined;
      writeUrl(!typingEntry);
    }
    typingEntry = false;
  };

  /** Moves to `next`: draws it and records it in the history (pushed, or replaced while typing). */
  const go = (next: CatalogState, how: 'push' | 'type'): void => {
    state = next;
    load();
    draw();
    if (how === 'push') {
      stopTyping();
      writeUrl(true);
      return;
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      typingTimer = undefined;
      writeUrl(!typingEntry);
      typingEntry = true;
    }, TYPING_URL_DELAY_MS);
  };

  form.addEventListener('focusin', load);
  form.addEventListener('input', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && (target.type === 'search' || target.type === 'text')) {
      // A keystroke's cost, for bench:site: the query and the DOM writes (synchronous once the index is in).
      performance.mark('catalog:input');
      go(formState(form), 'type');
      performance.mark('catalog:rendered');
      performance.measure('catalog:keystroke', 'catalog:input', 'catalog:rendered');
    }
  });
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && (event.target.type === 'search' || event.target.type === 'text')) stopTyping();
    else go(formState(form), 'push');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(formState(form), 'push');
  });
  table.tHead?.addEventListener('click', (event) => {
    const th = event.target instanceof Element ? event.target.closest<HTMLElement>('th[data-sort]') : null;
    const sort = COLUMN_SORTS.find((key) => key === th?.dataset['sort']);
    if (sort === undefined || isModified(event)) return;
    event.preventDefault();
    const select = form.elements.namedItem('sort');
    if (select instanceof HTMLSelectElement) select.value = sort;
    go({ ...state, sort, page: 1 }, 'push');
  });
  // Pager links are followed without reloading; focus stays on the pager, at the new current page.
  pager.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (link === null || isModified(event)) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    event.preventDefault();
    go({ ...state, page: parseState(url.search).page }, 'push');
    pager.querySelector<HTMLElement>('[aria-current="page"]')?.focus();
    table.scrollIntoView({ block: 'start' });
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
    const q = form.elements.namedItem('q');
    if (!(q instanceof HTMLInputElement)) return;
    event.preventDefault();
    q.focus();
    q.select();
  });
  window.addEventListener('popstate', () => {
    clearTimeout(typingTimer);
    typingTimer = undefined;
    typingEntry = false;
    state = parseState(location.search);
    fillForm(form, state);
    if (live || serialiseState(state) !== '') {
      load();
      draw();
    }
  });

  addSortButtons(table);
  fillForm(form, state);
  showFiltersSet();
  if (serialiseState(state) !== '') {
    load();
    draw();
  } else {
    // Before any search the static rows are page 1 of the default order, and its pager leads on from
    // them (the search data loads on the click), so every model is reachable without typing.
    const total = Number(form.dataset['total']);
    if (Number.isSafeInteger(total) && total > 0) drawPager(view, state, { total, page: 1, pages: Math.ceil(total / PAGE_SIZE), rows: [] });
  }
}

function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task);
  else setTimeout(task, 50);
}

/** A click meant for the browser (new tab, other button), not for the page. */
function isModified(event: MouseEvent | Event): boolean {
  return event instanceof MouseEvent && (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
}

/** Whether a key pressed in `target` is typing (so '/' is a character there, not the shortcut). */
function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

const form = document.getElementById('catalog');
if (form instanceof HTMLFormElement) start(form);
