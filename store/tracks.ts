// A track's number arrays (store/types.ts's Track, data/history/) — the one place that reads them and
// delta-codes them, for the build and the browser alike (browser-safe in test/architecture.test.ts: it
// imports only store/days.ts, and no Node built-in). Two layouts: a presence list of interval
// boundaries `[from0, to0, from1, to1, …]`, and a change-point series `[day0, v0, day1, v1, …]`, days
// ascending in both.
import { dateOfDay } from './days.ts';
import type { PresenceInterval } from './types.ts';

/** The value a change-point series holds on `day` (its last point on or before it); `undefined` before its first point. */
export function valueOn(points: readonly number[], day: number): number | undefined {
  // Binary search over the pairs: a year of a model's points is read for every day a chart or series shows.
  let lo = 0;
  let hi = points.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((points[2 * mid] as number) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : points[2 * lo - 1];
}

/** The `[from, to]` day pairs of a presence list, oldest first (a stray odd last number is ignored). */
export function intervalPairs(presence: readonly number[]): [from: number, to: number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < presence.length; i += 2) out.push([presence[i] as number, presence[i + 1] as number]);
  return out;
}

/** The intervals of a presence list as dates, oldest first (as the model files and the site write them). */
export function presenceIntervals(presence: readonly number[]): PresenceInterval[] {
  return intervalPairs(presence).map(([from, to]) => ({ from: dateOfDay(from), to: dateOfDay(to) }));
}

/**
 * `values` delta-coded: each value less the one `stride` places before it, the first `stride` as they
 * are. Stride 1 codes a list (presence, a model file's days); stride 2 codes a change-point series pair
 * by pair against the pair before, its days and its values each on their own.
 */
export function deltaEncode(values: readonly number[], stride = 1): number[] {
  return values.map((value, i) => (i < stride ? value : value - (values[i - stride] as number)));
}

/** The values `deltaEncode(values, stride)` coded: running sums, `stride` apart. */
export function deltaDecode(deltas: readonly number[], stride = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < deltas.length; i++) out.push(i < stride ? (deltas[i] as number) : (out[i - stride] as number) + (deltas[i] as number));
  return out;
}
