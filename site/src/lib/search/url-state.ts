// The catalog page's whole state lives in its query string, so a search can be bookmarked, shared and
// walked back and forth. Parsing is tolerant — a URL is user input, and a hand-edited or stale one must
// still open the catalog — and serialising is canonical: defaults left out, keys in one fixed order.

/**
 * How the results are ordered, always most first, ties by id: by one figure (downloads, likes, entry day,
 * 7-day growth), or 'api': the models the OpenAI-compatible gateway serves first, each group by downloads.
 */
export type SortKey = 'downloads' | 'likes' | 'entered' | 'growth' | 'api';

/** Every sort, the default first. */
export const SORT_KEYS: readonly SortKey[] = ['downloads', 'likes', 'entered', 'growth', 'api'];

/** What the catalog shows. URL key in brackets. */
export interface CatalogState {
  /** [q] Search text, trimmed; '' = everything. */
  q: string;
  /** [api=1] Only models served by the OpenAI-compatible gateway; default false. */
  api: boolean;
  /** [task] Exact task id; '' = any. */
  task: string;
  /** [aigc] AIGC type such as 'LoRA'; '' = any. */
  aigc: string;
  /** [family] Vision foundation such as 'FLUX_1'; '' = any. */
  family: string;
  /** [license] Licence id; '' = any. */
  license: string;
  /** [owner] Owner, or any part of it, case-insensitively; '' = any. */
  owner: string;
  /** [new=7] Only models that entered in the last 7 days; default false. */
  recent: boolean;
  /** [left=1] Include models that left the list; default false. */
  left: boolean;
  /** [sort] Order of the results; default 'downloads'. */
  sort: SortKey;
  /** [page] 1-based page; default 1. */
  page: number;
}

/** The state of a plain visit: everything, by downloads, page 1. */
export const DEFAULT_STATE: Readonly<CatalogState> = {
  q: '', api: false, task: '', aigc: '', family: '', license: '', owner: '', recent: false, left: false, sort: 'downloads', page: 1,
};

// Longer values are cut: nothing real is this long, and a huge URL must not become a huge scan.
const MAX_TEXT = 200;
const MAX_PAGE = 1_000_000;

/** The state a query string (`?a=b…`, with or without the `?`) describes; never throws. */
export function parseState(search: string): CatalogState {
  // URLSearchParams decodes leniently (a stray `%` stays as it is) and never throws on a string.
  const params = new URLSearchParams(search);
  const text = (key: string): string => (params.get(key) ?? '').trim().slice(0, MAX_TEXT).trim();
  const sort = params.get('sort');
  return {
    q: text('q'),
    api: params.get('api') === '1',
    task: text('task'),
    aigc: text('aigc'),
    family: text('family'),
    license: text('license'),
    owner: text('owner'),
    recent: params.get('new') === '7',
    left: params.get('left') === '1',
    sort: SORT_KEYS.find((key) => key === sort) ?? DEFAULT_STATE.sort,
    page: parsePage(params.get('page')),
  };
}

function parsePage(value: string | null): number {
  if (value === null || !/^\d{1,7}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 && page <= MAX_PAGE ? page : 1;
}

/** The canonical query string of `state`: '' for the default state, else `?` and the non-default keys in a fixed order. */
export function serialiseState(state: CatalogState): string {
  const params = new URLSearchParams();
  const text = (key: string, value: string): void => {
    const trimmed = value.trim();
    if (trimmed !== '') params.set(key, trimmed);
  };
  text('q', state.q);
  if (state.api) params.set('api', '1');
  text('task', state.task);
  text('aigc', state.aigc);
  text('family', state.family);
  text('license', state.license);
  text('owner', state.owner);
  if (state.recent) params.set('new', '7');
  if (state.left) params.set('left', '1');
  if (state.sort !== DEFAULT_STATE.sort) params.set('sort', state.sort);
  if (Number.isSafeInteger(state.page) && state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** How many of the folded controls (filters and sort, not the search text or the page) differ from the default. */
export function filtersSet(state: CatalogState): number {
  const d = DEFAULT_STATE;
  return [state.api !== d.api, state.task !== d.task, state.aigc !== d.aigc, state.family !== d.family, state.license !== d.license,
    state.owner !== d.owner, state.recent !== d.recent, state.left !== d.left, state.sort !== d.sort].filter(Boolean).length;
}

/** Whether two states show the same thing (compared by their canonical query strings). */
export function sameState(a: CatalogState, b: CatalogState): boolean {
  return serialiseState(a) === serialiseState(b);
}
