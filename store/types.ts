// The change-tracking contract: what the event log and per-model history hold in memory. The file
// encodings live in events-file.ts and history-file.ts; change-files.ts reads and writes them.

/**
 * What happened to a model between two observed days. Catalog list (the filtered listing): entered,
 * returned, renamed, left. Gateway list (`GET /v1/models`): served, served-again, unserved.
 */
export type EventKind = 'entered' | 'left' | 'returned' | 'renamed' | 'served' | 'unserved' | 'served-again';

/** One observed change. Log order: date, then kind (store/order.ts KIND_ORDER), then id. */
export interface ChangeEvent {
  /** Snapshot date on which the change was observed (not when upstream made it). */
  date: string;
  /** Model id, `owner/name` (for gateway events: the id exactly as the gateway serves it; for `renamed`: the new id). */
  id: string;
  /**
   * entered = first time ever on the catalog list; left = on the previous snapshot, not on this one;
   * returned = back after leaving; renamed = the same upstream `Id` left under `from` and arrived as `id`;
   * served = first time ever on the gateway list; unserved = on the previous snapshot's gateway list,
   * not on this one; served-again = back on the gateway list after leaving it.
   */
  kind: EventKind;
  /**
   * Likes at that moment: this snapshot's catalog value, or for `left` the last value seen. Gateway
   * events take the catalog record of that night (for `unserved`, the previous night's), `null` when
   * the id was not on the catalog list then. Catalog events always carry a number.
   */
  likes: number | null;
  /** Downloads at that moment, same rule as likes. */
  downloads: number | null;
  /** Only on `renamed`: the old id (which has no catalog history of its own any more). */
  from?: string;
}

/** One processed snapshot date; the log keeps one per snapshot, so gaps and baselines are visible. */
export interface ObservedDay {
  /** Snapshot date. */
  date: string;
  /** The snapshot it was diffed against; `null` for the first (baseline) snapshot, which yields no events. */
  previous: string | null;
  /** Calendar dates strictly between `previous` and `date` with no snapshot (crawl failed or refused). */
  missing: string[];
  /** Models on the catalog list that day. */
  models: number;
  entered: number;
  left: number;
  returned: number;
  renamed: number;
  /**
   * Ids on the gateway list that day; `null` when the snapshot kept no gateway list of its own (older
   * snapshots: the catalog's `openaiApi` models stand in, and there are no gateway events that day or the next).
   */
  gateway: number | null;
  served: number;
  unserved: number;
  /** Count of `served-again` events. */
  servedAgain: number;
}

/** The whole event log, `data/events.json`. */
export interface EventLog {
  days: ObservedDay[];
  events: ChangeEvent[];
}

/** A stretch of consecutive observed days on a list. */
export interface PresenceInterval {
  /** First snapshot date present. */
  from: string;
  /** Last snapshot date present (equals the latest snapshot date while still on the list). */
  to: string;
}

/** A value change point: the value holds from `date` until the next point. */
export type SeriesPoint = [date: string, value: number];

/** Everything we know of one model over time. */
export interface ModelHistory {
  id: string;
  /** First snapshot date the model was on the catalog list; `''` for an id only ever on the gateway. */
  firstSeen: string;
  /** Last snapshot date the model was on the catalog list; `''` for an id only ever on the gateway. */
  lastSeen: string;
  /** Catalog presence intervals, ascending; consecutive observed snapshots (gaps included) join one interval. Empty for a gateway-only id. */
  intervals: PresenceInterval[];
  /** Likes change points, ascending by date, no two consecutive points with the same value. */
  likes: SeriesPoint[];
  /** Downloads change points, same rules as likes. */
  downloads: SeriesPoint[];
  /** Gateway presence intervals (days the id was on `GET /v1/models`), same rules as `intervals`; may be empty. */
  gatewayIntervals: PresenceInterval[];
  /** genImageCount change points, same rules as likes, days without a count skipped; may be empty. */
  genImages: SeriesPoint[];
  /** Upstream numeric `Id` last seen on the catalog list; `null` when unknown or never listed. */
  upstreamId: number | null;
}

/**
 * One model's history in day numbers (days since 1970-01-01), as flat number arrays: a year of 60,000
 * models is about ten million change points, too many for one small array per point.
 */
export interface Track {
  /** Catalog interval boundaries `[from0, to0, from1, to1, …]`, ascending; empty for a gateway-only id. */
  presence: number[];
  /** Likes change points `[day0, value0, day1, value1, …]`; consecutive values always differ. Empty iff `presence` is. */
  likes: number[];
  /** Downloads change points, same layout and rule as likes. */
  downloads: number[];
  /** Gateway interval boundaries, same layout as `presence`; empty when never served. */
  gateway: number[];
  /** genImageCount change points, same layout as likes; days without a count add nothing, so it may be empty. */
  genImages: number[];
  /** Upstream numeric `Id` last seen on the catalog list (what renames are matched by); `null` when unknown. */
  upstreamId: number | null;
}

/** Everything change tracking keeps on disk: the event log and every model's track. */
export interface ChangeState {
  /** Event log: one ObservedDay per processed snapshot, ascending; events in log order. */
  log: EventLog;
  /** Tracks of every id ever seen on either list, by id (insertion order carries no meaning). */
  tracks: Map<string, Track>;
}
