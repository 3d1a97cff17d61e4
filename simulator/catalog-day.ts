// What the catalog is on one day, as the server reads it: the day's list and hub in Default order, with the
// numeric sort keys upstream may hide in strings; and the calendar the days are counted on (day 0 = 2026-02-15).
import type { ResolvedCatalogOptions } from './catalog-options.ts';
import type { UpstreamModel } from './types.ts';

/** One model on a given day, with the numeric sort keys the upstream record may hide in strings. */
export interface CatalogEntry {
  readonly model: UpstreamModel;
  /** `Path/Name`. */
  readonly key: string;
  readonly id: number;
  readonly downloads: number;
  readonly stars: number;
  /** LastUpdatedTime, Unix seconds (the GmtModified sort key). */
  readonly modified: number;
  /** On the API-Inference list today. */
  readonly listed: boolean;
  /**
   * Real world's Default order: higher first (the record's `IsTop`; models inserted mid-crawl get 1e9 + n so they
   * still land on top). Absent = 0.
   */
  readonly top?: number;
}

/** The catalog on one day; immutable. */
export interface CatalogDay {
  readonly day: number;
  readonly options: ResolvedCatalogOptions;
  /** Today's API-Inference list in Default order (tidy: newest Id first; real: IsTop, then downloads, then Id). */
  readonly listing: readonly UpstreamModel[];
  /** The same, with sort keys. */
  readonly entries: readonly CatalogEntry[];
  /** Every catalog model that exists today, listed or not (leavers have `SupportInference: ""`), Default order. */
  readonly hubCore: readonly CatalogEntry[];
  /**
   * Hub-only models (never on the list), generated on demand by index. Their Id, downloads, likes and
   * LastUpdatedTime all fall with the index, so index order is their order under every sort.
   */
  readonly hubExtraCount: number;
  hubExtra(index: number): CatalogEntry;
  /** Unfiltered hub size: hubCore + hub extras. */
  readonly hubTotal: number;
  /** Ids /v1/models serves today: listed `txt2txt` models (oldest first), one listed non-chat model, then the gateway-only ids. */
  readonly chatIds: readonly string[];
  /** `created` of an id /v1/models serves (epoch seconds). */
  chatCreated(id: string): number;
  /** A catalog or hub model by `Path/Name` (detail route); `undefined` when it does not exist today. */
  find(key: string): CatalogEntry | undefined;
}

/** Day 0 at 00:00 Asia/Shanghai (2026-02-15), Unix seconds. */
export const DAY0 = 20_500 * 86_400 - 8 * 3600;

/** Start of `day`, Unix seconds. */
export function dayStart(day: number): number {
  return DAY0 + day * 86_400;
}

/** The Default order: tidy = newest Id first; real = higher `top` (IsTop), then more downloads, then newest Id. */
export function compareDefault(tidy: boolean): (a: CatalogEntry, b: CatalogEntry) => number {
  return tidy ? (a, b) => b.id - a.id : (a, b) => (b.top ?? 0) - (a.top ?? 0) || b.downloads - a.downloads || b.id - a.id;
}
