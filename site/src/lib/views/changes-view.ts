// The changes timeline as plain data: one entry per observed night, newest first, its events grouped by
// kind with each model's category, and the nights without a snapshot shown as gaps (never removals).
import type { ModelCategory } from '../model/model-kind.ts';
import { DAY_COUNT_OF, EVENT_KINDS } from '../../../../store/events-file.ts';
import type { ChangeEvent, EventKind, EventLog, ObservedDay } from '../../../../store/types.ts';

/** Kinds in the order a day lists them (the log's order: the catalog list's, then the gateway's). */
export { EVENT_KINDS };

/**
 * Most events of one kind a day lists on a page, OpenAI-compatible models first, then the most
 * downloaded; the rest are in `/api/changes.json`. A churning night moves hundreds of LoRAs, and 200 a
 * kind made each month page 1.7 MB (48 MB of the site in a year).
 */
export const MAX_EVENTS_SHOWN = 30;

/** One event as a page lists it. */
export interface DayEvent {
  id: string;
  category: ModelCategory;
  /** Catalog figures at the event; `null` for a gateway id the catalog did not list. */
  likes: number | null;
  downloads: number | null;
  /** The old id of a renamed model. */
  from?: string;
}

/** One observed night. */
export interface DayView {
  date: string;
  /** Snapshot it was compared with; `null` for the baseline. */
  previous: string | null;
  /** Nights without a snapshot between `previous` and `date`, ascending. */
  missing: string[];
  models: number;
  counts: Readonly<Record<EventKind, number>>;
  /** Listed events by kind (at most `MAX_EVENTS_SHOWN` each), in `shownFirst` order. */
  events: Readonly<Record<EventKind, DayEvent[]>>;
  /** Every event of each kind counted by model category (the listed ones and the rest), for the filter's counts. */
  categoryCounts: Readonly<Record<EventKind, Partial<Record<ModelCategory, number>>>>;
}

/** The order a day lists one kind's events in: OpenAI-compatible first, then downloads (most first), then id. */
function shownFirst(a: DayEvent, b: DayEvent): number {
  if ((a.category === 'openai') !== (b.category === 'openai')) return a.category === 'openai' ? -1 : 1;
  if (a.downloads !== b.downloads) return (b.downloads ?? -1) - (a.downloads ?? -1);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every observed night, newest first. `category` says what each model is. */
export function dayViews(log: EventLog, category: (id: string) => ModelCategory, maxShown = MAX_EVENTS_SHOWN): DayView[] {
  const byDate = new Map<string, ChangeEvent[]>();
  for (const event of log.events) {
    const list = byDate.get(event.date);
    if (list === undefined) byDate.set(event.date, [event]);
    else list.push(event);
  }
  return [...log.days].reverse().map((day: ObservedDay) => {
    const events = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, [] as DayEvent[]])) as Record<EventKind, DayEvent[]>;
    const categoryCounts = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, {}])) as Record<EventKind, Partial<Record<ModelCategory, number>>>;
    for (const { id, kind, likes, downloads, from } of byDate.get(day.date) ?? []) {
      const cat = category(id);
      events[kind].push({ id, category: cat, likes, downloads, ...(from === undefined ? {} : { from }) });
      categoryCounts[kind][cat] = (categoryCounts[kind][cat] ?? 0) + 1;
    }
    for (const kind of EVENT_KINDS) events[kind] = events[kind].sort(shownFirst).slice(0, maxShown);
    return {
      date: day.date,
      previous: day.previous,
      missing: [...day.missing],
      models: day.models,
      counts: Object.fromEntries(EVENT_KINDS.map((kind) => [kind, day[DAY_COUNT_OF[kind]]])) as Record<EventKind, number>,
      events,
      categoryCounts,
    };
  });
}

/** The months that have observed nights (`YYYY-MM`), newest first. */
export function monthsOf(days: readonly DayView[]): string[] {
  return [...new Set(days.map((day) => day.date.slice(0, 7)))];
}

/** The nights of one month, newest first. */
export function daysInMonth(days: readonly DayView[], month: string): DayView[] {
  return days.filter((day) => day.date.startsWith(`${month}-`));
}
