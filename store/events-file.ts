// The event log file, `data/events.json` (format documented in data/README.md). Items go one per line
// with the comma leading, so a normal night's git diff is appended lines only: the previous last
// item never gains a trailing comma.
import { z } from 'zod';
import { DataFileError, OutdatedFileError } from './errors.ts';
import { jsonWithItemLines } from './json-lines.ts';
import { checkAs, parseJson } from './read-json.ts';
import { compareEvents } from './order.ts';
import { IsoDate } from './record.ts';
import type { ChangeEvent, EventKind, EventLog, ObservedDay } from './types.ts';

const Count = z.number().int().nonnegative();

const ObservedDaySchema = z.strictObject({
  date: IsoDate,
  previous: IsoDate.nullable(),
  missing: z.array(IsoDate),
  models: Count,
  entered: Count,
  left: Count,
  returned: Count,
  renamed: Count,
  gateway: Count.nullable(),
  served: Count,
  unserved: Count,
  servedAgain: Count,
});

/** Every kind, in log order. */
export const EVENT_KINDS = ['entered', 'returned', 'renamed', 'left', 'served', 'served-again', 'unserved'] as const satisfies readonly EventKind[];

/** The day field counting each kind (`served-again` is counted in `servedAgain`). */
export const DAY_COUNT_OF: Readonly<Record<EventKind, keyof ObservedDay & ('entered' | 'left' | 'returned' | 'renamed' | 'served' | 'unserved' | 'servedAgain')>> = {
  entered: 'entered',
  returned: 'returned',
  renamed: 'renamed',
  left: 'left',
  served: 'served',
  'served-again': 'servedAgain',
  unserved: 'unserved',
};

/** Kinds about the catalog list: their metrics are always known. */
export const CATALOG_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['entered', 'returned', 'renamed', 'left']);

/** Kinds about the gateway list (`GET /v1/models`). */
export const GATEWAY_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['served', 'served-again', 'unserved']);

const ChangeEventSchema = z
  .strictObject({
    date: IsoDate,
    id: z.string().min(1),
    kind: z.enum(EVENT_KINDS),
    likes: Count.nullable(),
    downloads: Count.nullable(),
    from: z.string().min(1).optional(),
  })
  .refine((event) => (event.kind === 'renamed') === (event.from !== undefined), { message: '"from" is on renamed events and only there', path: ['from'] })
  .refine((event) => !CATALOG_KINDS.has(event.kind) || (event.likes !== null && event.downloads !== null), {
    message: 'catalog events carry likes and downloads',
    path: ['likes'],
  });

const EventLogSchema = z.strictObject({ days: z.array(ObservedDaySchema), events: z.array(ChangeEventSchema) });

/** Day keys added with the gateway and renames; a log whose days have none of them is the older format. */
const LATER_DAY_KEYS = ['renamed', 'gateway', 'served', 'unserved', 'servedAgain'];

/** An observed day with its keys in file order, whatever order it was built in (the published API uses it too). */
export function dayFields(day: ObservedDay): ObservedDay {
  const { date, previous, missing, models, entered, left, returned, renamed, gateway, served, unserved, servedAgain } = day;
  return { date, previous, missing, models, entered, left, returned, renamed, gateway, served, unserved, servedAgain };
}

/** An event with its keys in file order; `from` only when present (renamed events). */
export function eventFields(event: ChangeEvent): ChangeEvent {
  const { date, id, kind, likes, downloads, from } = event;
  return from === undefined ? { date, id, kind, likes, downloads } : { date, id, kind, likes, downloads, from };
}

/** Serialise the log: `days` then `events`, one item per line, comma first. */
export function serialiseEventLog(log: EventLog): string {
  const file = { days: log.days.map(dayFields), events: log.events.map(eventFields) };
  return jsonWithItemLines(file, { lineArrays: ['days', 'events'], commaFirst: true });
}

/** Whether parsed JSON is an event log of the first format (days without the gateway and rename counts). */
function isFirstFormat(raw: unknown): boolean {
  const days = (raw as { days?: unknown } | null)?.days;
  if (!Array.isArray(days) || days.length === 0) return false;
  return days.every((day: unknown) => typeof day === 'object' && day !== null && LATER_DAY_KEYS.every((key) => !Object.hasOwn(day, key)));
}

/**
 * Parse and check the log (schema, order, per-day counts of every kind); problems are DataFileErrors
 * naming the file, a log of the older format (no gateway or rename counts) an OutdatedFileError.
 */
export function parseEventLog(text: string, where: string): EventLog {
  const raw = parseJson(text, where);
  if (isFirstFormat(raw)) throw new OutdatedFileError('the event log has no gateway or rename counts', where);
  // zod types an absent `from` as `string | undefined`; the schema never lets it be present and undefined.
  const log = checkAs(EventLogSchema, raw, where, 'the event log schema') as EventLog;
  const counts = new Map<string, Map<EventKind, number>>();
  log.days.forEach((day, index) => {
    const before = log.days[index - 1];
    if (before !== undefined && before.date >= day.date) throw new DataFileError(`days out of order at ${day.date}`, where);
    counts.set(day.date, new Map());
  });
  log.events.forEach((event, index) => {
    const before = log.events[index - 1];
    if (before !== undefined && compareEvents(before, event) >= 0) {
      throw new DataFileError(`events out of order or repeated at #${index + 1} (${event.date} ${event.kind})`, where);
    }
    const count = counts.get(event.date);
    if (count === undefined) throw new DataFileError(`event #${index + 1} is dated ${event.date}, which is not an observed day`, where);
    count.set(event.kind, (count.get(event.kind) ?? 0) + 1);
  });
  for (const day of log.days) {
    const count = counts.get(day.date) as Map<EventKind, number>;
    if (EVENT_KINDS.some((kind) => (count.get(kind) ?? 0) !== day[DAY_COUNT_OF[kind]])) {
      throw new DataFileError(`the counts of ${day.date} do not match its events`, where);
    }
  }
  return log;
}
