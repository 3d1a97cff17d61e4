// The orders our files are sorted in, so every writer and every check agree.
import type { ChangeEvent, EventKind } from './types.ts';

/** Code-unit order, locale-independent: snapshots, history shards and event ties are sorted by id this way. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sort rank of each kind within a date: the order the log and reports list them in. The catalog list's
 * kinds first (arrivals, then departures), then the gateway's in the same spirit.
 */
export const KIND_ORDER: Readonly<Record<EventKind, number>> = {
  entered: 0,
  returned: 1,
  renamed: 2,
  left: 3,
  served: 4,
  'served-again': 5,
  unserved: 6,
};

/** Log order: date, then kind (entered, returned, renamed, left, served, served-again, unserved), then id. */
export function compareEvents(a: ChangeEvent, b: ChangeEvent): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  return compareIds(a.id, b.id);
}
