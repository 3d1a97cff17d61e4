// The one owner of day numbers: days since 1970-01-01 (UTC), as history files count dates, and the
// calendar dates `YYYY-MM-DD` they stand for. Pure arithmetic with no Node built-ins, so the build and
// the browser bundles share it (browser-safe in test/architecture.test.ts). Howard Hinnant's days↔civil
// algorithms: exact for every year from 0000 to 9999, unlike Date.UTC (years 0–99 become 1900s), and
// independent of the machine's time zone. store/dates.ts adds what needs a clock or an option.

/** A calendar date split into numbers (proleptic Gregorian, UTC). */
export interface CivilDate {
  /** Full year, e.g. 2026. */
  year: number;
  /** Month 1–12. */
  month: number;
  /** Day of the month 1–31. */
  day: number;
}

/** Day numbers of 0000-01-01 and 9999-12-31: the dates `YYYY-MM-DD` can write. */
const FIRST_DAY = -719_528;
const LAST_DAY = 2_932_896;

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
const dateCache = new Map<number, string>();

/**
 * `YYYY-MM-DD` for a day number; '' for a value that is no day from 0000-01-01 to 9999-12-31 (only a
 * damaged file has one). Cached, so equal days share one string: a year of points is millions.
 */
export function dateOfDay(day: number): string {
  let text = dateCache.get(day);
  if (text === undefined) {
    if (!Number.isInteger(day) || day < FIRST_DAY || day > LAST_DAY) return '';
    const { year, month, day: date } = civil(day);
    text = `${pad(year, 4)}-${pad(month, 2)}-${pad(date, 2)}`;
    dateCache.set(day, text);
  }
  return text;
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date, unchecked: callers check with isCalendarDate first (2026-02-30 rolls over). */
export function dayNumber(date: string): number {
  return dayOfCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

// Dates that passed the check: the event log repeats a few thousand dates hundreds of thousands of times.
const calendarDates = new Set<string>();

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (calendarDates.has(text)) return true;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const valid = dateOfDay(dayNumber(text)) === text;
  if (valid) calendarDates.add(text);
  return valid;
}

/** The day number of a `YYYY-MM-DD` date; throws RangeError on anything else (2026-02-30 included). */
export function checkedDayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return dayNumber(date);
}
