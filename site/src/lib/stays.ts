// A model's membership of the list, told as dates: its stays, the day it left, and the tombstone a
// departed model's page opens with. Pure arithmetic on day numbers
// (days since 1970-01-01), no Date and no Node built-ins: model pages and browser bundles both use it.
import type { Track } from '../../../store/types.ts';

/** A calendar date split into numbers (proleptic Gregorian, UTC). */
export interface CivilDate {
  /** Full year, e.g. 2026. */
  year: number;
  /** Month 1–12. */
  month: number;
  /** Day of the month 1–31. */
  day: number;
}

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

// Howard Hinnant's days↔civil algorithms: exact for every year, unlike Date.UTC (years 0–99 become
// 1900s) and independent of the machine's time zone.
/** The calendar date of a day number. */
export function civil(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** The day number of a calendar date (month 1–12; out-of-range days roll over like Date does). */
export function dayOfCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` for a day number. */
export function dayToDate(dayNumber: number): string {
  const { year, month, day } = civil(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The day number of a `YYYY-MM-DD` date; throws RangeError on anything else (2026-02-30 included). */
export function dateToDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const dayNumber = match === null ? Number.NaN : dayOfCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  if (Number.isNaN(dayNumber) || dayToDate(dayNumber) !== date) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return dayNumber;
}

/** The `[from, to]` pairs of a presence array (a stray odd last number is ignored). */
export function intervals(presence: readonly number[]): [from: number, to: number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < presence.length; i += 2) out.push([presence[i] as number, presence[i + 1] as number]);
  return out;
}

/** Every stay, oldest first; the last is ongoing when it reaches `latestDay` (the latest observed day). */
export function stays(presence: readonly number[], latestDay: number): Stay[] {
  const pairs = intervals(presence);
  return pairs.map(([from, to], i) => ({
    from: dayToDate(from),
    to: dayToDate(to),
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
  const last = intervals(track.presence).at(-1);
  if (last === undefined || last[1] >= latestDay) return null;
  return { leftOn: dayToDate(leftOnDay(last[1], observedDays)), afterDays: last[1] - last[0] + 1 };
}
