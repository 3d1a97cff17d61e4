// Reading a track's change-point series (`[day0, v0, day1, v1, …]`, days ascending: the layout of
// store/types.ts's Track and of data/history/) — the one place that does, for the build and the browser
// alike (browser-safe in test/architecture.test.ts: no imports, no Node built-ins).

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
