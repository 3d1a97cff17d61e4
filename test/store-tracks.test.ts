import { describe, expect, it } from 'vitest';
import { seededRandom } from '../simulator/hash.ts';
import { deltaDecode, deltaEncode, intervalPairs, presenceIntervals, valueOn } from '../store/tracks.ts';
import { dayNumber } from '../store/days.ts';

/** The definition, read straight: the value of the last point on or before `day`. */
function byScan(points: readonly number[], day: number): number | undefined {
  let value: number | undefined;
  for (let i = 0; i + 1 < points.length && (points[i] as number) <= day; i += 2) value = points[i + 1];
  return value;
}

describe('store/tracks', () => {
  it('reads the value held on a day: nothing before the first point, the point itself on its day, the last one after', () => {
    const points = [10, 5, 12, 7, 20, 1];
    expect([9, 10, 11, 12, 19, 20, 99].map((day) => valueOn(points, day))).toEqual([undefined, 5, 5, 7, 7, 1, 1]);
    expect(valueOn([], 10)).toBeUndefined();
  });

  it('agrees with a plain scan on every day of random series of every length', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 40; n++) {
      const points: number[] = [];
      let day = 100 + Math.floor(random() * 5);
      for (let i = 0; i < n; i++) {
        points.push(day, Math.floor(random() * 1000) - 500);
        day += 1 + Math.floor(random() * 9);
      }
      for (let d = 95; d <= day + 2; d++) expect(valueOn(points, d), `n=${n} day=${d}`).toBe(byScan(points, d));
    }
  });

  it('reads a presence list as its intervals, in day numbers and in dates, ignoring a stray odd last number', () => {
    const presence = [dayNumber('2026-03-01'), dayNumber('2026-03-01'), dayNumber('2026-03-05'), dayNumber('2026-03-09')];
    expect(intervalPairs(presence)).toEqual([[presence[0], presence[1]], [presence[2], presence[3]]]);
    expect(presenceIntervals(presence)).toEqual([{ from: '2026-03-01', to: '2026-03-01' }, { from: '2026-03-05', to: '2026-03-09' }]);
    expect(intervalPairs([...presence, 99])).toEqual(intervalPairs(presence));
    expect(intervalPairs([])).toEqual([]);
    expect(presenceIntervals([])).toEqual([]);
  });

  it('delta-codes a list and a series pair by pair, and decodes each back', () => {
    // A list: the first value as is, then each one's difference from the one before.
    expect(deltaEncode([100, 103, 103, 110])).toEqual([100, 3, 0, 7]);
    expect(deltaDecode([100, 3, 0, 7])).toEqual([100, 103, 103, 110]);
    // A series: days against the day before, values against the value before (a value may fall).
    expect(deltaEncode([100, 5, 102, 7, 110, 4], 2)).toEqual([100, 5, 2, 2, 8, -3]);
    expect(deltaDecode([100, 5, 2, 2, 8, -3], 2)).toEqual([100, 5, 102, 7, 110, 4]);
    expect(deltaEncode([])).toEqual([]);
    expect(deltaDecode([], 2)).toEqual([]);
    const random = seededRandom(11);
    for (let n = 0; n < 30; n++) {
      const values = Array.from({ length: 2 * n }, () => Math.floor(random() * 2000) - 1000);
      for (const stride of [1, 2]) expect(deltaDecode(deltaEncode(values, stride), stride), `n=${n} stride=${stride}`).toEqual(values);
    }
  });
});
