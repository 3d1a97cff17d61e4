// Which models a catalog state matches: one linear scan, cheap tests on typed arrays first (left, API,
// entry day, kind, owner), then substring tests of each term on the row's precomputed search text.
// Typing on mostly narrows the last query, so a small cache of recent results lets a narrower query
// rescan only the rows the wider one matched, and going back (Backspace) finds its answer cached.
import { termAlternatives } from './search-aliases.ts';
import { normaliseText, type SearchIndex } from './search-decode.ts';
import type { CatalogState } from './url-state.ts';

/** "New" = entered on the newest day or the 6 before it. */
const RECENT_DAYS = 7;
/** Terms tested per query: one bit each in a 32-bit mask (a longer query is narrowed by its 31 longest). */
const MAX_TERMS = 31;
/** Results kept by a MatchCache. */
const CACHE_SIZE = 8;

/** Recent results of one index, newest first; the caller keeps one per page and passes it to each query. */
export interface MatchCache {
  /** The index the entries belong to (another index empties the cache). */
  index: SearchIndex | undefined;
  /** Each: the state's filters (as text), its search terms (each a group of alternatives), and the rows it matched, ascending. */
  entries: { filters: string; terms: readonly (readonly string[])[]; rows: Uint32Array }[];
}

/** An empty cache. */
export function matchCache(): MatchCache {
  return { index: undefined, entries: [] };
}

/** The search terms of a query: normalised, split on white space, duplicates and terms inside other terms dropped, longest first. */
export function searchTerms(q: string): string[] {
  const terms = [...new Set(normaliseText(q).split(/\s+/u).filter((t) => t !== ''))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // A term inside a longer one is implied by it; the longest (most selective) is tested first.
  return terms.filter((t, i) => !terms.slice(0, i).some((longer) => longer.includes(t)));
}

/**
 * The search terms of a query, each with its alternatives (the term, then what it also stands for:
 * 千问 → qwen, see search-aliases.ts). A row matches a term when it holds any of its alternatives.
 */
export function termGroups(q: string): string[][] {
  return searchTerms(q).map(termAlternatives);
}

/** Position of `value` in a merged table, -1 when absent, undefined when there is no such filter. */
function tablePosition(table: readonly string[], value: string): number | undefined {
  return value === '' ? undefined : table.indexOf(value);
}

/** Which kinds pass the task, AIGC type, family and licence filters (1 = passes); undefined = all do. */
function kindFilter(index: SearchIndex, state: CatalogState): Uint8Array | undefined {
  const task = tablePosition(index.tasks, state.task);
  const aigc = tablePosition(index.aigcs, state.aigc);
  const family = tablePosition(index.families, state.family);
  const license = tablePosition(index.licenses, state.license);
  if (task === undefined && aigc === undefined && family === undefined && license === undefined) return undefined;
  return Uint8Array.from(index.kinds, ([tasks, , a, f, l]) => Number(
    (task === undefined || tasks.includes(task)) && (aigc === undefined || a === aigc)
    && (family === undefined || f === family) && (license === undefined || l === license)));
}

/** Whether every row matching group `narrow` matches group `wide`: each alternative of `narrow` holds one of `wide`'s. */
const implies = (narrow: readonly string[], wide: readonly string[]): boolean => narrow.every((n) => wide.some((w) => n.includes(w)));

/** The rows a previous, wider query matched (every old term implied by a new one, same filters), if cached. */
function cachedSuperset(cache: MatchCache, filters: string, terms: readonly (readonly string[])[]): Uint32Array | undefined {
  let best: Uint32Array | undefined;
  for (const entry of cache.entries) {
    if (entry.filters !== filters || !entry.terms.every((old) => terms.some((group) => implies(group, old)))) continue;
    if (best === undefined || entry.rows.length < best.length) best = entry.rows;
  }
  return best;
}

/** The rows matching `state` (sort and page do not matter), ascending. */
export function matchRows(index: SearchIndex, state: CatalogState, cache?: MatchCache): Uint32Array {
  const terms = termGroups(state.q).slice(0, MAX_TERMS);
  const ownerKey = normaliseText(state.owner.trim());
  const filters = [state.api, state.task, state.aigc, state.family, state.license, ownerKey, state.recent, state.left].join('\n');
  if (cache !== undefined && cache.index !== index) {
    cache.index = index;
    cache.entries = [];
  }
  const key = (group: readonly string[]): string => group.join('\n');
  const keys = new Set(terms.map(key));
  const same = cache?.entries.find((e) => e.filters === filters && e.terms.length === terms.length && e.terms.every((t) => keys.has(key(t))));
  if (same !== undefined) return same.rows;
  const candidates = cache === undefined ? undefined : cachedSuperset(cache, filters, terms);

  const kinds = kindFilter(index, state);
  // Owners match any part of the name, case-insensitively: 'qwen' finds Qwen, 'muse' MusePublic, and
  // 'Foo' and 'foo' (case twins upstream) both count.
  const owners = ownerKey === '' ? undefined : Uint8Array.from(index.ownerKeys, (owner) => Number(owner.includes(ownerKey)));
  const minEntered = state.recent ? index.newest - (RECENT_DAYS - 1) : -Infinity;
  // Tasks, base model, type, family, licence and tags are text shared by every row of a kind: tested once
  // per kind, as bits of the terms they hold.
  const holds = (text: string, group: readonly string[]): boolean => group.some((alternative) => text.includes(alternative));
  const kindTerms = Uint32Array.from(index.kindHay, (text) => terms.reduce((bits, group, t) => (holds(text, group) ? bits | (1 << t) : bits), 0));
  const { api, gone, entered, hay, kind, owner } = index;
  const matches = (i: number): boolean => {
    if ((gone[i] === 1 && !state.left) || (state.api && api[i] !== 1) || (entered[i] ?? 0) < minEntered) return false;
    if ((kinds !== undefined && kinds[kind[i] ?? 0] !== 1) || (owners !== undefined && owners[owner[i] ?? 0] !== 1)) return false;
    const text = hay[i] ?? '';
    const found = kindTerms[kind[i] ?? 0] ?? 0;
    for (let t = 0; t < terms.length; t++) {
      if ((found & (1 << t)) !== 0) continue;
      const group = terms[t] ?? [];
      // Nearly every group is one term: tested without the general loop.
      if (group.length === 1 ? !text.includes(group[0] ?? '') : !holds(text, group)) return false;
    }
    return true;
  };
  const rows = new Uint32Array(candidates?.length ?? index.size);
  let total = 0;
  if (candidates === undefined) {
    for (let i = 0; i < index.size; i++) if (matches(i)) rows[total++] = i;
  } else {
    for (const i of candidates) if (matches(i)) rows[total++] = i;
  }
  const result = rows.slice(0, total);
  cache?.entries.unshift({ filters, terms, rows: result });
  if (cache !== undefined && cache.entries.length > CACHE_SIZE) cache.entries.length = CACHE_SIZE;
  return result;
}
