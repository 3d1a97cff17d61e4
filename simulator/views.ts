// The dolphin listing as data: parse a request body, then answer it from sorted, cached views of today's catalog.
// Hub-only models are merged in lazily so an unfiltered page never materialises the whole hub.
import { compareDefault } from './catalog-day.ts';
import type { CatalogDay, CatalogEntry } from './catalog-day.ts';
import type { SortBy } from './types.ts';

/** The largest page the simulator serves; larger `PageSize`s are clamped. */
export const MAX_PAGE_SIZE = 100;
/** `PageSize` when the body has none. */
export const DEFAULT_PAGE_SIZE = 10;
const SORTS: readonly SortBy[] = ['Default', 'DownloadsCount', 'StarsCount', 'GmtModified'];

/** A dolphin request body, normalised. */
export interface DolphinQuery {
  /** 1-based (default 1). */
  readonly pageNumber: number;
  /** 1…MAX_PAGE_SIZE (default DEFAULT_PAGE_SIZE). */
  readonly pageSize: number;
  /** Unknown values fall back to Default, as upstream silently does. */
  readonly sortBy: SortBy;
  /** `SingleCriterion` had `inference_type` equal `IntValue` 1. */
  readonly inferenceOnly: boolean;
  /** Case-insensitive substring of `Name`; `""` = all. */
  readonly name: string;
  /** `Criterion` `tasks` contains any of these; `null` = no task filter. */
  readonly tasks: readonly string[] | null;
  /** `Criterion` `aigc_type` contains any of these; `null` = no filter. */
  readonly aigcTypes: readonly string[] | null;
}

function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function containsValues(criteria: unknown, category: string): string[] | null {
  if (!Array.isArray(criteria)) return null;
  let values: string[] | null = null;
  for (const c of criteria) {
    // Only `contains` works upstream; other predicates are silently ignored (they return everything).
    if (!isRecord(c) || c['category'] !== category || c['predicate'] !== 'contains' || !Array.isArray(c['values'])) continue;
    values = [...(values ?? []), ...c['values'].filter((v): v is string => typeof v === 'string')];
  }
  return values;
}

/** Normalise a parsed JSON body; `undefined` when it is not an object at all. */
export function parseDolphinQuery(body: unknown): DolphinQuery | undefined {
  if (!isRecord(body)) return undefined;
  const single = body['SingleCriterion'];
  const inferenceOnly =
    Array.isArray(single) &&
    single.some((c) => isRecord(c) && c['category'] === 'inference_type' && c['predicate'] === 'equal' && Number(c['IntValue']) === 1);
  const sortBy = SORTS.find((s) => s === body['SortBy']) ?? 'Default';
  const name = typeof body['Name'] === 'string' ? body['Name'] : '';
  return {
    pageNumber: positiveInt(body['PageNumber'], 1),
    pageSize: Math.min(MAX_PAGE_SIZE, positiveInt(body['PageSize'], DEFAULT_PAGE_SIZE)),
    sortBy,
    inferenceOnly,
    name,
    tasks: containsValues(body['Criterion'], 'tasks'),
    aigcTypes: containsValues(body['Criterion'], 'aigc_type'),
  };
}

/** Descending by the sort key, then by Id (newest first), as a total order; Default depends on the world (`tidy`). */
export function compareFor(sortBy: SortBy, tidy = true): (a: CatalogEntry, b: CatalogEntry) => number {
  switch (sortBy) {
    case 'Default':
      return compareDefault(tidy);
    case 'DownloadsCount':
      return (a, b) => b.downloads - a.downloads || b.id - a.id;
    case 'StarsCount':
      return (a, b) => b.stars - a.stars || b.id - a.id;
    case 'GmtModified':
      return (a, b) => b.modified - a.modified || b.id - a.id;
  }
}

/** What a view shows. */
export interface ViewRequest {
  /** 'list' = the API-Inference list; 'hub' = everything. */
  readonly scope: 'list' | 'hub';
  readonly sortBy: SortBy;
  /** Drop this fraction of the list (the `shrink` fault), or `null`. */
  readonly shrink: number | null;
  readonly name: string;
  readonly tasks: readonly string[] | null;
  readonly aigcTypes: readonly string[] | null;
}

/** An ordered, pageable result. */
export interface View {
  readonly total: number;
  /** Up to `count` entries from `offset` (0-based). */
  slice(offset: number, count: number): CatalogEntry[];
}

/** Today's catalog plus models inserted mid-crawl (newest first); `version` changes whenever either does. */
export interface ViewSource {
  readonly day: CatalogDay;
  readonly inserted: readonly CatalogEntry[];
  readonly version: number;
}

/** `hidden` rows are counted in `total` but never served (the real world's shortfall). */
export function arrayView(items: readonly CatalogEntry[], hidden = 0): View {
  return { total: items.length + hidden, slice: (offset, count) => items.slice(offset, offset + count) };
}

/** `core` (sorted) merged with the lazily generated hub extras (already in order under every sort). */
function mergedView(core: readonly CatalogEntry[], day: CatalogDay, compare: (a: CatalogEntry, b: CatalogEntry) => number): View {
  const m = day.hubExtraCount;
  const n = core.length;
  return {
    total: n + m,
    slice(offset, count) {
      // Find how many core entries precede position `offset` (binary search on the merge split).
      let lo = Math.max(0, offset - m);
      let hi = Math.min(offset, n);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const j = offset - mid - 1;
        const c = core[mid];
        if (c !== undefined && (j < 0 || j >= m || compare(c, day.hubExtra(j)) < 0)) lo = mid + 1;
        else hi = mid;
      }
      let i = lo;
      let j = offset - lo;
      const out: CatalogEntry[] = [];
      while (out.length < count && (i < n || j < m)) {
        const c = core[i];
        if (c !== undefined && (j >= m || compare(c, day.hubExtra(j)) < 0)) {
          out.push(c);
          i++;
        } else {
          out.push(day.hubExtra(j));
          j++;
        }
      }
      return out;
    },
  };
}

function merge(a: readonly CatalogEntry[], b: readonly CatalogEntry[], compare: (x: CatalogEntry, y: CatalogEntry) => number): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && (y === undefined || compare(x, y) <= 0)) (out.push(x), i++);
    else if (y !== undefined) (out.push(y), j++);
  }
  return out;
}

/** Builds views on demand and keeps them until the source version changes (sorting 60k models once per day). */
export class ViewCache {
  private version = -1;
  private readonly cache = new Map<string, unknown>();

  view(source: ViewSource, request: ViewRequest): View {
    const key = JSON.stringify(['view', request]);
    return this.memo(source, key, () => this.build(source, request));
  }

  /** The list in Default order after a shrink (what listing() reports). */
  list(source: ViewSource, shrink: number | null): readonly CatalogEntry[] {
    const base = this.sorted(source, 'list', 'Default');
    if (shrink === null) return base;
    const removed = this.removed(source, shrink);
    return this.memo(source, `list-shrunk:${shrink}`, () => base.filter((e) => !removed.has(e)));
  }

  private memo<T>(source: ViewSource, key: string, make: () => T): T {
    if (source.version !== this.version) {
      this.cache.clear();
      this.version = source.version;
    }
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = make();
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(key, value);
    return value;
  }

  private sorted(source: ViewSource, scope: 'list' | 'hub', sortBy: SortBy): readonly CatalogEntry[] {
    return this.memo(source, `sorted:${scope}:${sortBy}`, () => {
      // Inserted models have the highest ids, so in Default order they simply go on top.
      const base = [...source.inserted, ...(scope === 'list' ? source.day.entries : source.day.hubCore)];
      return sortBy === 'Default' ? base : base.sort(compareFor(sortBy));
    });
  }

  /** The shrink fault's victims: evenly spread over the Default order, exactly ⌊n × fraction⌋ of them. */
  private removed(source: ViewSource, fraction: number): ReadonlySet<CatalogEntry> {
    return this.memo(source, `removed:${fraction}`, () => {
      const list = this.sorted(source, 'list', 'Default');
      return new Set(list.filter((_, i) => Math.floor((i + 1) * fraction) > Math.floor(i * fraction)));
    });
  }

  private build(source: ViewSource, request: ViewRequest): View {
    const compare = compareFor(request.sortBy, source.day.options.tidy);
    const removed = request.shrink === null ? null : this.removed(source, request.shrink);
    const needle = request.name.toLowerCase();
    const { tasks, aigcTypes } = request;
    const filtered = needle !== '' || tasks !== null || aigcTypes !== null;
    const keep = (e: CatalogEntry): boolean =>
      (needle === '' || e.model.Name.toLowerCase().includes(needle)) &&
      (tasks === null || (e.model.Tasks ?? []).some((t) => tasks.includes(t.Name))) &&
      (aigcTypes === null || aigcTypes.includes(e.model.AigcType));
    let core = this.sorted(source, request.scope, request.sortBy);
    if (removed !== null) core = core.filter((e) => !removed.has(e));
    if (filtered) core = core.filter(keep);
    const day = source.day;
    // Hidden rows are counted in the whole list's TotalCount only, not in a searched or filtered one.
    if (request.scope === 'list') return arrayView(core, filtered ? 0 : day.options.shortfall);
    if (day.hubExtraCount === 0) return arrayView(core);
    if (!filtered) return mergedView(core, day, compare);
    const extras: CatalogEntry[] = [];
    for (let j = 0; j < day.hubExtraCount; j++) {
      const e = day.hubExtra(j);
      if (keep(e)) extras.push(e);
    }
    return arrayView(merge(core, extras, compare));
  }
}
