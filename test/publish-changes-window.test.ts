// publish/api: /api/changes.json holds the newest year of the log, so the site stays bounded however many
// years the record spans (the rest is in data/events/ and the dataset).
import { describe, expect, it } from 'vitest';
import { CHANGES_WINDOW_DAYS, changesJson } from '../publish/api.ts';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import type { ChangeEvent, EventLog, ObservedDay } from '../store/types.ts';

/** An observed day of `date` with one `entered` event counted. */
function day(date: string, previous: string | null): ObservedDay {
  return { date, previous, missing: [], models: 1, entered: previous === null ? 0 : 1, left: 0, returned: 0, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0 };
}
const entered = (date: string): ChangeEvent => ({ date, id: `o/m-${date}`, kind: 'entered', likes: 1, downloads: 2 });

/** A night every 7 days for two years, ending 2026-12-01. */
function twoYears(): EventLog {
  const last = dayNumber('2026-12-01');
  const dates = Array.from({ length: 105 }, (_, i) => dateOfDay(last - 7 * (104 - i)));
  return { days: dates.map((date, i) => day(date, dates[i - 1] ?? null)), events: dates.slice(1).map(entered) };
}

describe('publish/changes window', () => {
  it('keeps the days and events of the newest year, the window’s first day included', () => {
    const log = twoYears();
    // A night exactly on the window's first day, and one the day before it.
    const first = dateOfDay(dayNumber('2026-12-01') - CHANGES_WINDOW_DAYS + 1);
    const before = dateOfDay(dayNumber(first) - 1);
    log.days.push(day(before, null), day(first, null));
    log.days.sort((a, b) => (a.date < b.date ? -1 : 1));
    log.events.push(entered(before), entered(first));
    log.events.sort((a, b) => (a.date < b.date ? -1 : 1));
    const file = JSON.parse(changesJson(log)) as EventLog & { latest: string };
    expect(file.latest).toBe('2026-12-01');
    expect(file.days[0]?.date).toBe(first);
    expect(file.days.every((d) => d.date >= first)).toBe(true);
    expect(file.days.map((d) => d.date)).toEqual(log.days.map((d) => d.date).filter((date) => date >= first));
    expect(file.events.map((e) => e.date)).toEqual(log.events.map((e) => e.date).filter((date) => date >= first));
    expect(file.days.length).toBeLessThan(log.days.length);
    expect(Object.keys(file)).toEqual(['latest', 'days', 'events']);
  });

  it('holds everything of a record younger than a year, and nothing before the first crawl', () => {
    const log = twoYears();
    const young = { days: log.days.slice(-20), events: log.events.filter((e) => e.date >= (log.days.at(-20)?.date ?? '')) };
    const file = JSON.parse(changesJson(young)) as EventLog;
    expect(file.days).toHaveLength(20);
    expect(file.events).toHaveLength(young.events.length);
    expect(JSON.parse(changesJson({ days: [], events: [] }))).toEqual({ latest: null, days: [], events: [] });
  });
});
