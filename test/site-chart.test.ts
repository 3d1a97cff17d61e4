import { describe, expect, it } from 'vitest';
import type { Track } from '../store/types.ts';
import { dayNumber } from '../store/dates.ts';
import { chartGeometry, type ChartGeometry, type SeriesPanel } from '../site/src/lib/model/chart.ts';
import { chartTable } from '../site/src/lib/model/chart-figures.ts';
import { valueOn } from '../store/tracks.ts';

const d = (date: string): number => dayNumber(date);
const START = d('2026-01-01');

/** A track on the list from `from` to `to`, with likes/downloads given as `[day, value]` pairs. */
function track(presence: number[], likes: [number, number][], downloads: [number, number][] = likes): Track {
  return { presence, likes: likes.flat(), downloads: downloads.flat(), gateway: [], genImages: [], upstreamId: null };
}

/** A series changing every day for `days` days, by `value(i)`. */
const daily = (from: number, days: number, value: (i: number) => number): [number, number][] =>
  Array.from({ length: days }, (_, i) => [from + i, value(i)]);

const chart = (t: Track, lastDay: number, options = {}): ChartGeometry => {
  const geometry = chartGeometry(t, lastDay, options);
  if (geometry === null) throw new Error('expected a chart');
  return geometry;
};

/** The path's commands as `[letter, numbers]`. */
const commands = (path: string): [string, number[]][] =>
  [...path.matchAll(/([MHV])([-\d.]+)(?: ([-\d.]+))?/g)].map((m) => [m[1] as string, [m[2], m[3]].filter((n) => n !== undefined).map(Number)]);

/** The y levels a panel's path visits. */
const levels = (panel: SeriesPanel): number[] =>
  commands(panel.path).flatMap(([c, n]) => (c === 'M' ? [n[1] as number] : c === 'V' ? [n[0] as number] : []));

/** The y a value gets in a panel (same inset and rounding as the chart). */
const yOf = (panel: SeriesPanel, value: number): number =>
  Math.round((panel.top + 1.5 + (1 - (value - panel.min) / (panel.max - panel.min)) * (panel.height - 3)) * 10) / 10;

describe('site/chart/size', () => {
  it('draws a flat series as two points, whatever its length', () => {
    const g = chart(track([START, START + 364], [[START, 7]]), START + 364);
    expect(g.likes.path).toBe('M0 32H600');
    expect(g.likes).toMatchObject({ min: 7, max: 7, last: 7 });
  });

  it('keeps a daily-changing series under the point budget, for one year or ten', () => {
    for (const years of [1, 10]) {
      const days = 365 * years;
      const g = chart(track([START, START + days - 1], daily(START, days, (i) => i * 3 + (i % 5))), START + days - 1);
      const corners = commands(g.downloads.path).filter(([c]) => c === 'V').length;
      expect(corners, `${years} years`).toBeLessThanOrEqual(60);
      expect(corners).toBeGreaterThan(40);
      expect(g.downloads.path.length).toBeLessThan(700);
    }
  });

  it('honours a smaller point budget', () => {
    const g = chart(track([START, START + 999], daily(START, 1000, (i) => i)), START + 999, { maxPoints: 20 });
    expect(commands(g.likes.path).filter(([c]) => c === 'V').length).toBeLessThanOrEqual(20);
  });

  it('bridges the shortest gaps of a model flickering on and off, keeping the longest', () => {
    const presence: number[] = [];
    for (let i = 0; i < 300; i++) presence.push(START + 2 * i, START + 2 * i);
    presence.push(START + 700, START + 710); // after a long gap
    const g = chart(track(presence, [[START, 1]]), START + 710);
    const moves = commands(g.likes.path).filter(([c]) => c === 'M').length;
    expect(moves).toBeLessThanOrEqual(15);
    expect(moves).toBeGreaterThan(1);
    expect(g.gaps.some((gap) => gap.width > 80)).toBe(true); // the 100-day gap, 84 units wide
  });
});

describe('site/chart/honesty', () => {
  it('draws every change exactly when there are few', () => {
    const g = chart(track([START, START + 9], [[START, 0], [START + 5, 10]]), START + 9, { width: 100 });
    expect(g.likes.path).toBe('M0 62.5H50V1.5H100');
  });

  it('never draws a value the series did not hold, however it is sampled', () => {
    const cycle = [0, 1000, 100, 1000];
    const g = chart(track([START, START + 729], daily(START, 730, (i) => cycle[i % 4] as number)), START + 729);
    const allowed = new Set([0, 100, 1000].map((v) => yOf(g.likes, v)));
    expect(levels(g.likes).length).toBeGreaterThan(10);
    expect(levels(g.likes).filter((y) => !allowed.has(y))).toEqual([]);
  });

  it('labels the true lowest and highest value even when sampling steps over them', () => {
    const likes: [number, number][] = [...daily(START, 400, (i) => i), [START + 401, 999_999], [START + 402, 402], ...daily(START + 403, 400, (i) => 403 + i)];
    const g = chart(track([START, START + 802], likes), START + 802);
    expect(g.likes.max).toBe(999_999);
    expect(g.likes.min).toBe(0);
  });

  it('ends on the value of the last day, at the right edge', () => {
    const g = chart(track([START, START + 499], daily(START, 500, (i) => i * 2)), START + 499);
    expect(g.likes.last).toBe(998);
    expect(levels(g.likes).at(-1)).toBe(yOf(g.likes, 998));
    expect(g.likes.path.endsWith('H600')).toBe(true);
  });

  it('starts a stretch where its series starts, not before', () => {
    const g = chart(track([START, START + 9], [[START + 5, 3]]), START + 9, { width: 100 });
    expect(g.likes.path).toBe('M50 32H100');
  });
});

describe('site/chart/gaps', () => {
  it('breaks the line while the model is off the list instead of drawing across', () => {
    const t = track([START, START + 9, START + 20, START + 29], [[START, 5], [START + 20, 9]]);
    const g = chart(t, START + 29, { width: 300 });
    expect(commands(g.likes.path).filter(([c]) => c === 'M').map(([, n]) => n[0])).toEqual([0, 200]);
    expect(g.likes.path).toBe('M0 62.5H100M200 1.5H300');
    expect(g.gaps).toEqual([{ x: 100, width: 100 }]);
  });

  it('leaves the days since a departure blank', () => {
    const g = chart(track([START, START + 9], [[START, 5]]), START + 19, { width: 200 });
    expect(g.likes.path).toBe('M0 32H100');
    expect(g.gaps).toEqual([{ x: 100, width: 100 }]);
    expect(g.to).toBe('2026-01-20');
    const after = chart(track([START, START + 9], [[START, 5]]), START + 19, { width: 50, from: START + 15 });
    expect(after.likes).toMatchObject({ path: '', last: null });
    expect(after.gaps).toEqual([{ x: 0, width: 50 }]);
  });
});

describe('site/chart/edges', () => {
  it('gives one full-width day for a model seen on a single night', () => {
    const g = chart(track([START, START], [[START, 4]], [[START, 0]]), START);
    expect(g).toMatchObject({ from: '2026-01-01', to: '2026-01-01', days: 1, gaps: [] });
    expect(g.likes.path).toBe('M0 32H600');
    expect(g.downloads.path).toBe('M0 146.5H600');
  });

  it('draws all zeros along the bottom of the panel', () => {
    const g = chart(track([START, START + 99], [[START, 0]]), START + 99);
    expect(g.likes).toMatchObject({ min: 0, max: 0, path: 'M0 62.5H600' });
  });

  it('keeps counts in the billions exact and the coordinates plain numbers', () => {
    const g = chart(track([START, START + 99], [[START, 10]], daily(START, 100, (i) => 1_000_000_000 + i * 1_000_003)), START + 99);
    expect(g.downloads).toMatchObject({ min: 1_000_000_000, max: 1_000_000_000 + 99 * 1_000_003, last: 1_000_000_000 + 99 * 1_000_003 });
    expect(g.downloads.path).toMatch(/^[MHV0-9. ]+$/);
    expect(Math.max(...levels(g.downloads))).toBeLessThanOrEqual(g.height);
  });

  it('has no chart for a track never on the list', () => {
    expect(chartGeometry(track([], []), START)).toBeNull();
  });

  it('starts at the day asked for, dropping what came before', () => {
    const g = chart(track([START, START + 99], [[START, 1], [START + 10, 2], [START + 60, 3]]), START + 99, { from: START + 50, width: 50 });
    expect(g.from).toBe('2026-02-20');
    expect(g.likes.path).toBe('M0 62.5H10V1.5H50');
    expect(g.likes.min).toBe(2);
  });
});

describe('site/chart/ticks', () => {
  it('labels month starts for a year and year starts for a decade, never more than asked', () => {
    const year = chart(track([START, START + 364], [[START, 1]]), START + 364);
    expect(year.xTicks.length).toBeLessThanOrEqual(6);
    expect(year.xTicks.every((t) => /^\d{4}-\d{2}$/.test(t.label))).toBe(true);
    expect(year.xTicks[0]).toEqual({ x: 0, label: '2026-01' });
    const decade = chart(track([START, START + 3652], [[START, 1]]), START + 3652, { maxTicks: 4 });
    expect(decade.xTicks.length).toBeLessThanOrEqual(4);
    expect(decade.xTicks.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
    const xs = decade.xTicks.map((t) => t.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });
});

describe('site/chart/table', () => {
  it('gives every day of a short history', () => {
    const rows = chartTable(track([START, START + 3], [[START, 1], [START + 2, 5]], [[START, 10]]), START + 3);
    expect(rows).toEqual([
      { date: '2026-01-01', likes: 1, downloads: 10 },
      { date: '2026-01-02', likes: 1, downloads: 10 },
      { date: '2026-01-03', likes: 5, downloads: 10 },
      { date: '2026-01-04', likes: 5, downloads: 10 },
    ]);
  });

  it('samples Mondays for a couple of months, between the first and last day', () => {
    const rows = chartTable(track([START, START + 59], daily(START, 60, (i) => i)), START + 59, 12);
    expect(rows.length).toBeLessThanOrEqual(12);
    expect(rows[0]?.date).toBe('2026-01-01');
    expect(rows.at(-1)).toEqual({ date: '2026-03-01', likes: 59, downloads: 59 });
    expect(rows.slice(1, -1).every((r) => new Date(`${r.date}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
  });

  it('stays within its rows for years of history, on calendar month starts', () => {
    const rows = chartTable(track([START, START + 2000], daily(START, 2001, (i) => i)), START + 2000, 10);
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows.length).toBeGreaterThan(4);
    expect(rows.slice(1, -1).every((r) => r.date.endsWith('-01'))).toBe(true);
    for (const row of rows) expect(row.likes).toBe(valueOn(daily(START, 2001, (i) => i).flat(), dayNumber(row.date)));
  });

  it('writes no figure for a day off the list', () => {
    const rows = chartTable(track([START, START, START + 2, START + 2], [[START, 1]]), START + 2);
    expect(rows.map((r) => r.likes)).toEqual([1, null, 1]);
  });

  it('has one row for a single night and none for a track never on the list', () => {
    expect(chartTable(track([START, START], [[START, 3]]), START)).toEqual([{ date: '2026-01-01', likes: 3, downloads: 3 }]);
    expect(chartTable(track([], []), START)).toEqual([]);
  });
});
