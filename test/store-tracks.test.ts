import { describe, expect, it } from 'vitest';
import { seededRandom } from '../simulator/hash.ts';
import { valueOn } from '../store/tracks.ts';

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
});
