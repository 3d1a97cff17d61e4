// Issue 21.6: the chart's dated ticks, value ticks, log scale, one-day stays and its complete figures
// table, as pure geometry (lib/chart.ts, chart-ticks.ts, chart-figures.ts). The browser side (hover,
// focus, phone height) is in test/site-browser-model.test.ts.
import { describe, expect, it } from 'vitest';
import type { Track } from '../store/types.ts';
import { dayNumber } from '../store/dates.ts';
import { chartGeometry, dayAtX, type ChartGeometry } from '../site/src/lib/model/chart.ts';
import { figureRows } from '../site/src/lib/model/chart-figures.ts';
import { linearTicks, logTicks, spansDecades } from '../site/src/lib/model/chart.ts';

const d = (date: string): number => dayNumber(date);
const START = d('2026-03-01');
function track(presence: number[], likes: [number, number][], downloads: [number, number][] = likes): Track {
  return { presence, likes: likes.flat(), downloads: downloads.flat(), gateway: [], genImages: [], upstreamId: null };
}
const chart = (t: Track, lastDay: number, options = {}): ChartGeometry => {
  const g = chartGeometry(t, lastDay, options);
  if (g === null) throw new Error('expected a chart');
  return g;
};

describe('site/chart/dated ticks', () => {
  it('labels a chart of a few days with dates, where month ticks would give none or one', () => {
    const g = chart(track([START, START + 8], [[START, 1]]), START + 8);
    expect(g.xTicks.length).toBeGreaterThanOrEqual(2);
    expect(g.xTicks.every((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.label))).toBe(true);
    expect(g.xTicks[0]).toEqual({ x: 0, label: '2026-03-01' });
    // Two weeks inside one month: still several dated ticks.
    const mid = chart(track([d('2026-03-10'), d('2026-03-24')], [[d('2026-03-10'), 1]]), d('2026-03-24'));
    expect(mid.xTicks.length).toBeGreaterThanOrEqual(2);
    // A one-night chart has its date.
    expect(chart(track([START, START], [[START, 1]]), START).xTicks).toEqual([{ x: 0, label: '2026-03-01' }]);
  });
});

describe('site/chart/value ticks', () => {
  it('gives whole round values within the panel, bottom to top, at their y', () => {
    expect(linearTicks(86, 87)).toEqual([86, 87]);
    expect(linearTicks(0, 1000, 4)).toEqual([0, 500, 1000]);
    expect(linearTicks(43_820, 43_882, 4)).toEqual([43_820, 43_840, 43_860, 43_880]);
    expect(linearTicks(7, 7)).toEqual([7]);
    const g = chart(track([START, START + 9], [[START, 0], [START + 5, 10]]), START + 9, { width: 100 });
    expect(g.likes.ticks.map((t) => t.value)).toEqual([0, 5, 10]);
    expect(g.likes.ticks.map((t) => t.y)).toEqual([62.5, 32, 1.5]);
  });

  it('uses a log scale where the values span decades, when asked to choose', () => {
    expect(spansDecades(0, 99)).toBe(true);
    expect(spansDecades(1000, 1500)).toBe(false);
    expect(logTicks(0, 123_456)).toEqual([0, 10, 1_000, 100_000]);
    expect(logTicks(3, 50_000, 3)).toEqual([10, 1_000, 10_000]);
    const t = track([START, START + 9], [[START, 1], [START + 5, 5]], [[START, 3], [START + 3, 3_000], [START + 6, 900_000]]);
    const auto = chart(t, START + 9, { scale: 'auto' });
    expect(auto.downloads.log).toBe(true);
    expect(auto.likes.log).toBe(false);
    // On a log axis, 3,000 sits well above the middle of 3…900,000 (a linear axis puts it at the bottom).
    const linear = chart(t, START + 9);
    const mid = auto.downloads.top + auto.downloads.height / 2;
    expect(auto.downloads.yOf(3_000)).toBeLessThan(mid);
    expect(linear.downloads.yOf(3_000)).toBeGreaterThan(mid + 20);
    expect(auto.downloads.ticks.every((tick) => tick.value === 0 || Number.isInteger(Math.log10(tick.value)))).toBe(true);
  });
});

describe('site/chart/one-day stays', () => {
  it('marks a one-day stay on a long range with a dot in its column, not only a sliver of line', () => {
    const g = chart(track([START, START], [[START, 28]]), START + 59, { width: 600 });
    expect(g.likes.dots).toEqual([{ x: 5, y: 32 }]);
    expect(g.downloads.dots).toHaveLength(1);
    expect(chart(track([START, START + 9], [[START, 28]]), START + 9).likes.dots).toEqual([]);
  });
});

describe('site/chart/hover', () => {
  it('finds the day under a point, clamped to the range', () => {
    expect(dayAtX(0, START, 10, 100)).toBe(START);
    expect(dayAtX(55, START, 10, 100)).toBe(START + 5);
    expect(dayAtX(100, START, 10, 100)).toBe(START + 9);
    expect(dayAtX(-5, START, 10, 100)).toBe(START);
  });
});

describe('site/chart/figures table', () => {
  it('lists every change point and the days it entered, left and returned, with nothing dropped', () => {
    // On 03-01…03-10 with a change every day, off 03-11…03-14, back 03-15…03-20.
    const likes = Array.from({ length: 10 }, (_, i) => [START + i, i] as [number, number]);
    const t = track([START, START + 9, START + 14, START + 19], [...likes, [START + 14, 20]], [[START, 100], [START + 14, 200]]);
    const rows = figureRows(t, START + 19);
    expect(rows.map((r) => r.date)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`),
      '2026-03-11', '2026-03-15', '2026-03-20',
    ]);
    expect(rows[0]).toEqual({ date: '2026-03-01', likes: 0, downloads: 100, mark: 'entered' });
    expect(rows[10]).toEqual({ date: '2026-03-11', likes: null, downloads: null, mark: 'left' });
    expect(rows[11]).toEqual({ date: '2026-03-15', likes: 20, downloads: 200, mark: 'returned' });
    expect(rows[12]).toEqual({ date: '2026-03-20', likes: 20, downloads: 200 });
    // The nights the events give win over the night after the stay (a missed night in between).
    expect(figureRows(t, START + 19, { left: [START + 12] }).find((r) => r.mark === 'left')?.date).toBe('2026-03-13');
  });

  it('gives a one-day stay its day and its departure, not a range like 28–28', () => {
    const rows = figureRows(track([START, START], [[START, 28]]), START + 30);
    expect(rows).toEqual([
      { date: '2026-03-01', likes: 28, downloads: 28, mark: 'entered' },
      { date: '2026-03-02', likes: null, downloads: null, mark: 'left' },
      { date: '2026-03-31', likes: null, downloads: null },
    ]);
  });
});
