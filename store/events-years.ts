// The event log on disk, split by year: `events/<YYYY>.events.json` (each in the format of events-file.ts, the
// year's days and their events) and `events/index.json` listing them. One file for every night would grow
// without bound (~26 KB a night at 60k models, ~95 MB in ten years, past GitHub's 50 MB warning); a year
// is ~10 MB, and a night rewrites only its own year's file. In memory the log stays one EventLog.
import { z } from 'zod';
import { DataFileError } from './errors.ts';
import { parseEventLog, type EventLog } from './events-file.ts';
import { parseJsonAs } from './read-json.ts';

/**
 * `YYYY.events.json`, the name of a year's file in `events/`. Not `YYYY.json`: git's delta search orders
 * files by their names' last characters, and that name would sort among the dated snapshots and crowd them
 * out of each other's delta windows (test/changes-git-pairing.test.ts).
 */
export const YEAR_FILE_PATTERN = /^(\d{4})\.events\.json$/;

/** The name of the index file in `events/`. */
export const INDEX_FILE = 'index.json';

/** The index's format number: bump it when the layout changes, so older code refuses it. */
const INDEX_FORMAT = 1;

/** One year's entry in the index, keys in file order. */
const IndexYear = z.strictObject({
  /** The calendar year (ModelScope's day, Asia/Shanghai) of every date in the file. */
  year: z.string().regex(/^\d{4}$/),
  /** The file, relative to `events/`. */
  file: z.string().regex(YEAR_FILE_PATTERN),
  /** First and last observed day in the file. */
  first: z.string(),
  last: z.string(),
  /** Observed days and events in the file. */
  days: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
});
type IndexYear = z.infer<typeof IndexYear>;

const EventIndex = z.strictObject({
  /** Layout version. */
  format: z.literal(INDEX_FORMAT),
  /** The years, ascending. */
  years: z.array(IndexYear),
});
export type EventIndex = z.infer<typeof EventIndex>;

const yearOf = (date: string): string => date.slice(0, 4);

/** The file of `year` in `events/`. */
export const yearFile = (year: string): string => `${year}.events.json`;

/** The log cut into years: each year's days and the events dated on them, ascending by year. */
export function splitByYear(log: EventLog): Map<string, EventLog> {
  const years = new Map<string, EventLog>();
  const of = (date: string): EventLog => {
    const year = yearOf(date);
    let part = years.get(year);
    if (part === undefined) years.set(year, (part = { days: [], events: [] }));
    return part;
  };
  for (const day of log.days) of(day.date).days.push(day);
  for (const event of log.events) of(event.date).events.push(event);
  return new Map([...years].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The index of a split log. */
export function indexOf(years: ReadonlyMap<string, EventLog>): EventIndex {
  const entries: IndexYear[] = [];
  for (const [year, part] of years) {
    entries.push({ year, file: yearFile(year), first: part.days[0]?.date ?? '', last: part.days.at(-1)?.date ?? '', days: part.days.length, events: part.events.length });
  }
  return { format: INDEX_FORMAT, years: entries };
}

/** The index file's text: pretty, one year per line. */
export function serialiseIndex(index: EventIndex): string {
  const lines = index.years.map((entry) => `    ${JSON.stringify(entry)}`);
  return `{\n  "format": ${index.format},\n  "years": [${lines.length === 0 ? ']' : `\n${lines.join(',\n')}\n  ]`}\n}\n`;
}

/** Parse and check the index (`where` names the file). */
export function parseIndex(text: string, where: string): EventIndex {
  const index = parseJsonAs(EventIndex, text, where, 'the event index schema');
  index.years.forEach((entry, i) => {
    if (entry.file !== yearFile(entry.year)) throw new DataFileError(`year ${entry.year} is listed with file ${entry.file}`, where);
    const before = index.years[i - 1];
    if (before !== undefined && before.year >= entry.year) throw new DataFileError(`years out of order at ${entry.year}`, where);
  });
  return index;
}

/**
 * Join the year files (each parsed and checked by events-file.ts) into one log, checking each against the
 * index: every date in its own year, the counts the index gives, days ascending across files.
 * `read(file)` returns a file's text, `undefined` when it is missing; `where(file)` names it in errors.
 */
export async function joinYears(index: EventIndex, read: (file: string) => Promise<string | undefined>, where: (file: string) => string): Promise<EventLog> {
  const log: EventLog = { days: [], events: [] };
  for (const entry of index.years) {
    const text = await read(entry.file);
    if (text === undefined) throw new DataFileError(`the index lists ${entry.file}, which is missing`, where(INDEX_FILE));
    const part = parseEventLog(text, where(entry.file));
    const stray = part.days.find((day) => yearOf(day.date) !== entry.year);
    if (stray !== undefined) throw new DataFileError(`holds ${stray.date}, which is not in ${entry.year}`, where(entry.file));
    const first = part.days[0]?.date ?? '';
    const last = part.days.at(-1)?.date ?? '';
    if (part.days.length !== entry.days || part.events.length !== entry.events || first !== entry.first || last !== entry.last) {
      throw new DataFileError(`does not match its line in ${INDEX_FILE} (${part.days.length} days, ${part.events.length} events, ${first}…${last})`, where(entry.file));
    }
    // A loop, not push(...): a year may hold more events than a call takes arguments.
    for (const day of part.days) log.days.push(day);
    for (const event of part.events) log.events.push(event);
  }
  return log;
}
