// The one date module. Dates in our files are calendar dates `YYYY-MM-DD` in ModelScope's day
// (Asia/Shanghai: a crawl at 23:30 UTC belongs to the next Shanghai date); history files count them
// as day numbers (days since 1970-01-01). Arithmetic is UTC throughout: a snapshot date is a label,
// not an instant.
import { UsageError } from '../core/errors.ts';

const MS_PER_DAY = 86_400_000;

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Asia/Shanghai as `YYYY-MM-DD`. */
export function shanghaiDate(now: Date = new Date()): string {
  return shanghai.format(now);
}

// Dates that passed the check: the event log repeats a few thousand dates hundreds of thousands of times.
const calendarDates = new Set<string>();

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (calendarDates.has(text)) return true;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  const valid = !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
  if (valid) calendarDates.add(text);
  return valid;
}

/** A date given on the command line (`flag` names it), checked; undefined stays undefined. */
export function dateOption(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !isCalendarDate(value)) {
    throw new UsageError(`${flag} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Days since 1970-01-01 for a valid `YYYY-MM-DD` date (callers check with isCalendarDate first). */
export function dayNumber(date: string): number {
  // Not Date.UTC(y, …): it reads years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return at.getTime() / MS_PER_DAY;
}

/** The earliest date a snapshot may carry: ModelScope opened to the public in November 2022. */
export const FIRST_SNAPSHOT_DATE = '2022-11-01';

/** The latest date a snapshot may carry: tomorrow in Asia/Shanghai (a crawl may be labelled a day ahead). */
export function lastSnapshotDate(now: Date = new Date()): string {
  return dateOfDay(dayNumber(shanghaiDate(now)) + 1);
}

/** Why `date` cannot be a snapshot's date (outside FIRST_SNAPSHOT_DATE..tomorrow), or undefined when it can. */
export function snapshotDateProblem(date: string, now: Date = new Date()): string | undefined {
  const last = lastSnapshotDate(now);
  if (date < FIRST_SNAPSHOT_DATE) return `${date} is before ${FIRST_SNAPSHOT_DATE}, when ModelScope opened`;
  if (date > last) return `${date} is after tomorrow in Asia/Shanghai (${last})`;
  return undefined;
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
