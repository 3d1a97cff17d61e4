// The catalog's query engine, browser-safe, and the one module the page imports for it. A query is one
// linear scan over the columns (search-match.ts) that marks the matches, then a walk along the row
// order kept for the sort (search-order.ts) that picks out the requested page — so no query ever sorts,
// and the last of 60,000 pages costs the same as the first. Shards are decoded by search-decode.ts.
import type { SearchIndex } from './search-decode.ts';
import { matchRows, type MatchCache } from './search-match.ts';
import type { SearchRow } from './search-shard.ts';
import { rowOrder } from './search-order.ts';
import type { CatalogState } from './url-state.ts';

export { appendShard, decodeShards, emptyIndex, normaliseText, type Kind, type SearchIndex } from './search-decode.ts';
export { idOrder, rowOrder } from './search-order.ts';
export { matchCache, matchRows, searchTerms, termGroups, type MatchCache } from './search-match.ts';
export { correctedQuery } from './search-suggest.ts';
export type { SearchRow } from './search-shard.ts';

/** One page of results. */
export interface QueryResult {
  /** Models matching the state (all pages). */
  total: number;
  /** The page shown, 1-based: the requested one clamped to 1…pages. */
  page: number;
  /** Number of pages, at least 1. */
  pages: number;
  /** The rows of that page, in order. */
  rows: SearchRow[];
}

/**
 * Rows per page the script draws. Drawing the rows is most of a keystroke's cost past the scan: in
 * Chromium at 60,000 models, 25 rows kept the keystroke p95 at 11–14 ms where 50 gave 16–22 ms.
 */
export const PAGE_SIZE = 25;

/** The row at position `i` of the index, as a plain object for rendering. */
export function rowAt(index: SearchIndex, i: number): SearchRow {
  const gone = index.gone[i] === 1;
  const left = index.left[i] ?? Number.NaN;
  const growth = index.growth[i] ?? Number.NaN;
  const [tasks = [], base = 0, aigc = 0, family = 0, license = 0, tags = []] = index.kinds[index.kind[i] ?? 0] ?? [];
  return {
    id: index.id[i] ?? '',
    owner: index.owners[index.owner[i] ?? 0] ?? '',
    name: index.name[i] ?? '',
    chineseName: index.zh[i] ?? '',
    tasks: tasks.map((t) => index.tasks[t] ?? ''),
    baseModel: index.bases[base] ?? '',
    aigcType: index.aigcs[aigc] ?? '',
    family: index.families[family] ?? '',
    license: index.licenses[license] ?? '',
    tags: tags.map((t) => index.tagNames[t] ?? ''),
    openaiApi: index.api[i] === 1,
    onList: !gone,
    entered: index.entered[i] ?? 0,
    left: gone && !Number.isNaN(left) ? left : null,
    likes: index.likes[i] ?? 0,
    downloads: index.downloads[i] ?? 0,
    growth7: Number.isNaN(growth) ? null : growth,
    href: index.href[i] ?? null,
  };
}

/** The page of results `state` asks for, `pageSize` rows a page; `cache` (kept by the caller) speeds up typing on. */
export function runQuery(index: SearchIndex, state: CatalogState, pageSize: number = PAGE_SIZE, cache?: MatchCache): QueryResult {
  const size = Math.max(1, Math.floor(pageSize));
  const matches = matchRows(index, state, cache);
  const total = matches.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(state.page) || 1), pages);
  const rows: SearchRow[] = [];
  if (total > 0) {
    const marks = new Uint8Array(index.size);
    for (const i of matches) marks[i] = 1;
    const order = rowOrder(index, state.sort);
    const first = (page - 1) * size;
    let seen = 0;
    for (let k = 0; k < order.length && rows.length < size; k++) {
      const i = order[k] ?? 0;
      if (marks[i] !== 1) continue;
      if (seen++ >= first) rows.push(rowAt(index, i));
    }
  }
  return { total, page, pages, rows };
}
