// One event log file, `data/events/<year>.events.json` (format documented in data/README.md; the split by
// year is events-years.ts), and the older single `data/events.json` in the same format. Items go one per line
// with the comma leading, so a normal night's git diff is appended lines only: the previous last
// item never gains a trailing comma.
import { z } from 'zod';
import { DataFileError, OutdatedFileError } from './errors.ts';
import { jsonWithItemLines } from './json-lines.ts';
import { checkAs, parseJson } from './read-json.ts';
import { compareEvents } from './order.ts';
import { IsoDate } from './record.ts';

const Count = z.number().int().nonnegative();

/**
 * What happened to a model between two observed days, in log order. Catalog list (the filtered
 * listing): entered, returned, renamed, left. Gateway list (`GET /v1/models`): served, served-again, unserved.
 */
export const EVENT_KINDS = ['entered', 'returned', 'renamed', 'left', 'served', 'served-again', 'unserved'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One processed snapshot date; the log keeps one per snapshot, so gaps and baselines are visible. Keys in file order. */
export const ObservedDaySchema = z.strictObject({
  /** Snapshot date. */
  date: IsoDate,
  /** The snapshot it was diffed against; `null` for the first (baseline) snapshot, which yields no events. */
  previous: IsoDate.nullable(),
  /** Calendar dates strictly between `previous` and `date` with no snapshot (crawl failed or refused). */
  missing: z.array(IsoDate),
  /** Models on the catalog list that day. */
  models: Count,
  entered: Count,
  left: Count,
  returned: Count,
  renamed: Count,
  /**
   * Ids on the gateway list that day; `null` when the snapshot kept no gateway list of its own (older
   * snapshots: the catalog's `openaiApi` models stand in, and there are no gateway events that day or the next).
   */
  gateway: Count.nullable(),
  served: Count,
  unserved: Count,
  /** Count of `served-again` events. */
  servedAgain: Count,
});
export type ObservedDay = z.infer<typeof ObservedDaySchema>;

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

/** One observed change, keys in file order. Log order: date, then kind (store/order.ts KIND_ORDER), then id. */
const ChangeEventShape = z.strictObject({
  /** Snapshot date on which the change was observed (not when upstream made it). */
  date: IsoDate,
  /** Model id, `owner/name` (for gateway events: the id exactly as the gateway serves it; for `renamed`: the new id). */
  id: z.string().min(1),
  /**
   * entered = first time ever on the catalog list; left = on the previous snapshot, not on this one;
   * returned = back after leaving; renamed = the same upstream `Id` left under `from` and arrived as `id`;
   * served = first time ever on the gateway list; unserved = on the previous snapshot's gateway list,
   * not on this one; served-again = back on the gateway list after leaving it.
   */
  kind: z.enum(EVENT_KINDS),
  /**
   * Likes at that moment: this snapshot's catalog value, or for `left` the last value seen. Gateway
   * events take the catalog record of that night (for `unserved`, the previous night's), `null` when
   * the id was not on the catalog list then. Catalog events always carry a number.
   */
  likes: Count.nullable(),
  /** Downloads at that moment, same rule as likes. */
  downloads: Count.nullable(),
  /** Only on `renamed`: the old id (which has no catalog history of its own any more). */
  from: z.string().min(1).optional(),
});
export type ChangeEvent = z.infer<typeof ChangeEventShape>;

const ChangeEventSchema = ChangeEventShape.refine((event) => (event.kind === 'renamed') === (event.from !== undefined), {
  message: '"from" is on renamed events and only there',
  path: ['from'],
}).refine((event) => !CATALOG_KINDS.has(event.kind) || (event.likes !== null && event.downloads !== null), {
  message: 'catalog events carry likes and downloads',
  path: ['likes'],
});

/** Key orders in the file, from the schemas: one list, never written out by hand. */
const DAY_KEYS = Object.keys(ObservedDaySchema.shape) as (keyof ObservedDay)[];
const EVENT_KEYS = Object.keys(ChangeEventShape.shape) as (keyof ChangeEvent)[];

/** `value`'s keys in `keys` order, those it does not have left out. */
function inOrder<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}

/** The whole event log (in memory; on disk one file per year, events-years.ts): one ObservedDay per processed snapshot, ascending; events in log order. */
const EventLogSchema = z.strictObject({ days: z.array(ObservedDaySchema), events: z.array(ChangeEventSchema) });
export type EventLog = z.infer<typeof EventLogSchema>;

/** Day keys added with the gateway and renames; a log whose days have none of them is the older format. */
const LATER_DAY_KEYS = ['renamed', 'gateway', 'served', 'unserved', 'servedAgain'];

/** An observed day with its keys in file order, whatever order it was built in (the published API uses it too). */
export function dayFields(day: ObservedDay): ObservedDay {
  return inOrder(day, DAY_KEYS);
}

/** An event with its keys in file order; `from` only when present (renamed events). */
export function eventFields(event: ChangeEvent): ChangeEvent {
  return inOrder(event, EVENT_KEYS);
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
  const log: EventLog = checkAs(EventLogSchema, raw, where, 'the event log schema');
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
