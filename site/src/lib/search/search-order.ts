// Row orders for the catalog's sorts, computed once per index and kept in it: with the order at hand a
// query only walks it, never sorts. The orders are built with the engine's native numeric sort on one
// composite number per row (the sort key, then the id's rank), which is many times faster than a
// comparator sort — it matters, because the first query after the full index arrives pays for it.
import type { SearchIndex } from './search-decode.ts';
import type { SortKey } from './url-state.ts';

// Composite = -key * RANKS + id rank; exact while |key| * RANKS stays below 2^53.
const RANK_BITS = 20;
const RANKS = 2 ** RANK_BITS;
const MAX_KEY = 2 ** (53 - RANK_BITS) - 1;

/** Row numbers in id order (code units), computed once per index. */
export function idOrder(index: SearchIndex): Uint32Array {
  const cached = index.orders.get('id');
  if (cached !== undefined) return cached;
  // The engine's own string sort (code-unit order) is far faster than a comparator; rows are found
  // again by id. Ids are unique upstream; should two rows share one, a comparator sort keeps both.
  const rowOf = new Map<string, number>();
  index.id.forEach((id, row) => rowOf.set(id, row));
  const order = rowOf.size === index.size
    ? Uint32Array.from(index.id.slice().sort(), (id) => rowOf.get(id) ?? 0)
    : Uint32Array.from(index.id.keys()).sort((a, b) => compareText(index.id[a] ?? '', index.id[b] ?? '') || a - b);
  index.orders.set('id', order);
  return order;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The number each one-figure sort orders by, most first; NaN (unknown growth) sorts last. */
function sortKey(index: SearchIndex, sort: Exclude<SortKey, 'api'>): ArrayLike<number> {
  switch (sort) {
    case 'downloads': return index.downloads;
    case 'likes': return index.likes;
    case 'entered': return index.entered;
    case 'growth': return index.growth;
  }
}

/**
 * Row numbers ordered by `sort` (most first, unknown growth last, ties by id), computed once per index.
 * 'api' is the downloads order with the gateway's models taken out in front, each part kept in order.
 */
export function rowOrder(index: SearchIndex, sort: SortKey): Uint32Array {
  const cached = index.orders.get(sort);
  if (cached !== undefined) return cached;
  if (sort === 'api') {
    const byDownloads = rowOrder(index, 'downloads');
    const order = new Uint32Array(byDownloads.length);
    let k = 0;
    for (const row of byDownloads) if (index.api[row] === 1) order[k++] = row;
    for (const row of byDownloads) if (index.api[row] !== 1) order[k++] = row;
    index.orders.set(sort, order);
    return order;
  }
  const byId = idOrder(index);
  const key = sortKey(index, sort);
  let lowest = 0;
  let exact = index.size < RANKS;
  for (let i = 0; i < index.size; i++) {
    const value = key[i] ?? 0;
    if (Number.isNaN(value)) continue;
    if (!Number.isInteger(value) || Math.abs(value) >= MAX_KEY) exact = false;
    lowest = Math.min(lowest, value);
  }
  const order = exact ? compositeOrder(key, byId, lowest - 1) : comparatorOrder(key, byId);
  index.orders.set(sort, order);
  return order;
}

/** The fast way: one composite number per row, sorted natively, decoded back to rows. */
function compositeOrder(key: ArrayLike<number>, byId: Uint32Array, unknown: number): Uint32Array {
  const composite = new Float64Array(byId.length);
  byId.forEach((row, rank) => {
    const value = key[row] ?? 0;
    composite[rank] = -(Number.isNaN(value) ? unknown : value) * RANKS + rank;
  });
  composite.sort();
  const order = new Uint32Array(byId.length);
  for (let k = 0; k < order.length; k++) order[k] = byId[(((composite[k] ?? 0) % RANKS) + RANKS) % RANKS] ?? 0;
  return order;
}

/** The general way, for keys too large or fractional to pack: a comparator sort. */
function comparatorOrder(key: ArrayLike<number>, byId: Uint32Array): Uint32Array {
  const rank = new Uint32Array(byId.length);
  byId.forEach((row, r) => { rank[row] = r; });
  const value = (row: number): number => {
    const v = key[row] ?? 0;
    return Number.isNaN(v) ? -Infinity : v;
  };
  return Uint32Array.from(byId).sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    return va === vb ? (rank[a] ?? 0) - (rank[b] ?? 0) : vb > va ? 1 : -1;
  });
}
