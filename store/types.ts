// The change-tracking contract: what the event log and per-model history hold in memory. The file
// encodings live in events-file.ts and history-file.ts; change-files.ts reads and writes them.

// The event log's own types are its schema's (events-file.ts): one declaration, checked and typed at once.
import type { ChangeEvent, EventKind, EventLog, ObservedDay } from './events-file.ts';

export type { ChangeEvent, EventKind, EventLog, ObservedDay };

/** A stretch of consecutive observed days on a list. */
export interface PresenceInterval {
  /** First snapshot date present. */
  from: string;
  /** Last snapshot date present (equals the latest snapshot date while still on the list). */
  to: string;
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
