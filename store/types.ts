// The change-tracking contract: what the event log and per-model history hold in memory. The file
// encodings live in events-file.ts and history-file.ts; change-files.ts reads and writes them.

/** What happened to a model between two observed days. */
export type EventKind = 'entered' | 'left' | 'returned';

/** One observed change. Events are sorted by date, then kind (entered, returned, left), then id. */
export interface ChangeEvent {
  /** Snapshot date on which the change was observed (not when upstream made it). */
  date: string;
  /** Model id, `owner/name`. */
  id: string;
  /** entered = first time ever on the list; left = on the previous snapshot, not on this one; returned = back after leaving. */
  kind: EventKind;
  /** Likes at that moment: this snapshot's value, or for `left` the last value seen. */
  likes: number;
  /** Downloads at that moment, same rule as likes. */
  downloads: number;
}

/** One processed snapshot date; the log keeps one per snapshot, so gaps and baselines are visible. */
export interface ObservedDay {
  /** Snapshot date. */
  date: string;
  /** The snapshot it was diffed against; `null` for the first (baseline) snapshot, which yields no events. */
  previous: string | null;
  /** Calendar dates strictly between `previous` and `date` with no snapshot (crawl failed or refused). */
  missing: string[];
  /** Models on the list that day. */
  models: number;
  entered: number;
  left: number;
  returned: number;
}

/** The whole event log, `data/events.json`. */
export interface EventLog {
  days: ObservedDay[];
  events: ChangeEvent[];
}

/** A stretch of consecutive observed days on the list. */
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
  /** First snapshot date the model was on the list. */
  firstSeen: string;
  /** Last snapshot date the model was on the list. */
  lastSeen: string;
  /** Presence intervals, ascending; consecutive observed snapshots (gaps included) join one interval. */
  intervals: PresenceInterval[];
  /** Likes change points, ascending by date, no two consecutive points with the same value. */
  likes: SeriesPoint[];
  /** Downloads change points, same rules as likes. */
  downloads: SeriesPoint[];
}

/**
 * One model's history in day numbers (days since 1970-01-01), as flat number arrays: a year of 60,000
 * models is about ten million change points, too many for one small array per point.
 */
export interface Track {
  /** Interval boundaries `[from0, to0, from1, to1, …]`, ascending; the last `to` is the last day seen. */
  presence: number[];
  /** Likes change points `[day0, value0, day1, value1, …]`; consecutive values always differ. */
  likes: number[];
  /** Downloads change points, same layout and rule as likes. */
  downloads: number[];
}

/** Everything change tracking keeps on disk: the event log and every model's track. */
export interface ChangeState {
  /** Event log: one ObservedDay per processed snapshot, ascending; events in log order. */
  log: EventLog;
  /** Tracks of every model ever seen, by id (insertion order carries no meaning). */
  tracks: Map<string, Track>;
}
