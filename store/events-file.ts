// The event log file, `data/events.json` (format documented in data/README.md). Items go one per line
// with the comma leading, so a normal night's git diff is appended lines only: the previous last
// item never gains a trailing comma.
import { z } from 'zod';
import { DataFileError } from './errors.ts';
import { jsonWithItemLines } from './json-lines.ts';
import { parseJsonAs } from './read-json.ts';
import { compareEvents } from './order.ts';
import { IsoDate } from './record.ts';
import type { ChangeEvent, EventLog, ObservedDay } from './types.ts';

const Count = z.number().int().nonnegative();

const ObservedDaySchema = z.strictObject({
  date: IsoDate,
  previous: IsoDate.nullable(),
  missing: z.array(IsoDate),
  models: Count,
  entered: Count,
  left: Count,
  returned: Count,
});

const ChangeEventSchema = z.strictObject({
  date: IsoDate,
  id: z.string().min(1),
  kind: z.enum(['entered', 'left', 'returned']),
  likes: Count,
  downloads: Count,
});

const EventLogSchema = z.strictObject({ days: z.array(ObservedDaySchema), events: z.array(ChangeEventSchema) });

/** An observed day with its keys in file order, whatever order it was built in (the published API uses it too). */
export function dayFields(day: ObservedDay): ObservedDay {
  const { date, previous, missing, models, entered, left, returned } = day;
  return { date, previous, missing, models, entered, left, returned };
}

/** An event with its keys in file order. */
export function eventFields(event: ChangeEvent): ChangeEvent {
  const { date, id, kind, likes, downloads } = event;
  return { date, id, kind, likes, downloads };
}

/** Serialise the log: `days` then `events`, one item per line, comma first. */
export function serialiseEventLog(log: EventLog): string {
  const file = { days: log.days.map(dayFields), events: log.events.map(eventFields) };
  return jsonWithItemLines(file, { lineArrays: ['days', 'events'], commaFirst: true });
}

/** Parse and check the log (schema, order, per-day counts); problems are DataFileErrors naming the file. */
export function parseEventLog(text: string, where: string): EventLog {
  const log: EventLog = parseJsonAs(EventLogSchema, text, where, 'the event log schema');
  const counts = new Map<string, { entered: number; left: number; returned: number }>();
  log.days.forEach((day, index) => {
    const before = log.days[index - 1];
    if (before !== undefined && before.date >= day.date) throw new DataFileError(`days out of order at ${day.date}`, where);
    counts.set(day.date, { entered: 0, left: 0, returned: 0 });
  });
  log.events.forEach((event, index) => {
    const before = log.events[index - 1];
    if (before !== undefined && compareEvents(before, event) >= 0) {
      throw new DataFileError(`events out of order or repeated at #${index + 1} (${event.date} ${event.kind})`, where);
    }
    const count = counts.get(event.date);
    if (count === undefined) throw new DataFileError(`event #${index + 1} is dated ${event.date}, which is not an observed day`, where);
    count[event.kind] += 1;
  });
  for (const day of log.days) {
    const count = counts.get(day.date);
    if (count?.entered !== day.entered || count.left !== day.left || count.returned !== day.returned) {
      throw new DataFileError(`the counts of ${day.date} do not match its events`, where);
    }
  }
  return log;
}
