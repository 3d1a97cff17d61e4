// Calendar arithmetic on `YYYY-MM-DD` dates via day numbers (days since 1970-01-01), the unit the
// history files are encoded in. UTC throughout: a snapshot date is a label, not an instant.

const MS_PER_DAY = 86_400_000;

/** Whether `text` is a real calendar date written `YYYY-MM-DD`; one definition for the whole project. */
export { isCalendarDate as isIsoDate } from '../crawler/dates.ts';

/** Days since 1970-01-01 for a valid `YYYY-MM-DD` date (callers check with isIsoDate first). */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

const dateCache = new Map<number, string>();

/** `YYYY-MM-DD` for a day number; cached, so equal days share one string (a year of points is millions). */
export function dateOfDay(day: number): string {
  let text = dateCache.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    dateCache.set(day, text);
  }
  return text;
}

/** Calendar dates strictly between `from` and `to`, ascending (empty when adjacent or out of order). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const last = dayNumber(to);
  for (let day = dayNumber(from) + 1; day < last; day++) out.push(dateOfDay(day));
  return out;
}

/** Up to two dates from ascending `available` closest to `date`: the one before and the one after. */
export function nearestDates(available: readonly string[], date: string): string[] {
  const after = available.findIndex((d) => d > date);
  const before = after === -1 ? available.at(-1) : available[after - 1];
  return [before, after === -1 ? undefined : available[after]].filter((d): d is string => d !== undefined);
}
