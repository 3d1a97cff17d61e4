// A model's membership of the list, told as dates: its stays, the day it left, and the tombstone a
// departed model's page opens with. Pure arithmetic on day numbers
// (days since 1970-01-01), no Date and no Node built-ins: model pages and browser bundles both use it.
import { dateOfDay } from '../../../../store/days.ts';
import type { Track } from '../../../../store/types.ts';
import { intervalPairs } from '../../../../store/tracks.ts';

/** One stretch on the list: consecutive observed days present (missed crawl nights included). */
export interface Stay {
  /** First day on the list, `YYYY-MM-DD`. */
  from: string;
  /** Last day seen on the list, `YYYY-MM-DD` (the latest observed day while ongoing). */
  to: string;
  /** Calendar days from `from` to `to`, both counted: a stay seen on one night only is 1 day. */
  days: number;
  /** Still on the list on the latest observed day; only the last stay can be. */
  ongoing: boolean;
}

/** What the page of a model no longer on the list says first. */
export interface Tombstone {
  /** The day it was first seen missing, `YYYY-MM-DD` (see `leftOnDay`). */
  leftOn: string;
  /** Length in calendar days of its last stay, both ends counted. */
  afterDays: number;
}

/** Every stay, oldest first; the last is ongoing when it reaches `latestDay` (the latest observed day). */
export function stays(presence: readonly number[], latestDay: number): Stay[] {
  const pairs = intervalPairs(presence);
  return pairs.map(([from, to], i) => ({
    from: dateOfDay(from),
    to: dateOfDay(to),
    days: to - from + 1,
    ongoing: i === pairs.length - 1 && to >= latestDay,
  }));
}

/**
 * The day a model is recorded as having left, given `to`, the last day it was seen. The history keeps
 * only days seen, so the departure is the first *observed* day after `to`: with crawl nights missed
 * right after `to` that is later than `to + 1`, and it is the date the event log gives the `left` event.
 * `observedDays` is the ascending list of days a snapshot exists for; without it, or when it holds no
 * day after `to`, the answer is `to + 1`.
 */
export function leftOnDay(to: number, observedDays?: readonly number[]): number {
  if (observedDays === undefined) return to + 1;
  let lo = 0;
  let hi = observedDays.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((observedDays[mid] as number) <= to) lo = mid + 1;
    else hi = mid;
  }
  return observedDays[lo] ?? to + 1;
}

/** `null` while the model is on the list (and for a track with no stay, which has nothing to mourn). */
export function tombstone(track: Pick<Track, 'presence'>, latestDay: number, observedDays?: readonly number[]): Tombstone | null {
  const last = intervalPairs(track.presence).at(-1);
  if (last === undefined || last[1] >= latestDay) return null;
  return { leftOn: dateOfDay(leftOnDay(last[1], observedDays)), afterDays: last[1] - last[0] + 1 };
}
