// Dates with a clock or an option: dates in our files are calendar dates `YYYY-MM-DD` in ModelScope's
// day (Asia/Shanghai: a crawl at 23:30 UTC belongs to the next Shanghai date); history files count them
// as day numbers (store/days.ts converts). Arithmetic is UTC throughout: a snapshot date is a label,
// not an instant.
import { UsageError } from '../core/errors.ts';
import { custom, type Option } from '../core/options.ts';
import { dateOfDay, dayNumber, isCalendarDate } from './days.ts';

// Day numbers and dates are store/days.ts's (browser-safe); re-exported for the build side's imports.
export { checkedDayNumber, dateOfDay, dayNumber, isCalendarDate } from './days.ts';

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

/** A date given on the command line (`flag` names it), checked; undefined stays undefined. */
export function dateOption(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !isCalendarDate(value)) {
    throw new UsageError(`${flag} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A date option (core/options.ts) of a command: `YYYY-MM-DD`, checked by dateOption. */
export function dateFlag(spec: { doc: string; shown?: string; range?: string }): Option<string | undefined> {
  return custom({ value: 'YYYY-MM-DD', ...spec, parse: (given, from) => dateOption(given, from) as string });
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
