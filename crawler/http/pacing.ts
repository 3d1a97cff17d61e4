// Start-time pacing for the HTTP client: the rate cap (requests started per second) on a fixed grid.
import { setTimeout as delay } from 'node:timers/promises';

/** Hands out start times 1000/rps ms apart; each caller waits for its own. */
export interface Pacer {
  /** Resolves at the caller's start slot (at once when the client has been idle for a gap or more). */
  wait(): Promise<void>;
}

/**
 * Start slots on a fixed grid: slot n+1 = max(now, slot n + 1000/rps). p-queue's interval option measures each gap
 * from the previous actual start, so every late timer (about 1 ms in Node) is added to the run: 10 % at 200 rps.
 * Here a late start does not move the grid, so the average rate is exactly `rps` and no start is ever ahead of its
 * slot; a start can follow a late one by less than a gap, never more often than the grid allows.
 */
export function createPacer(
  rps: number,
  clock: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<unknown> = (ms) => delay(ms),
): Pacer {
  const gap = 1000 / rps;
  let next = Number.NEGATIVE_INFINITY;
  return {
    async wait(): Promise<void> {
      if (rps === Infinity) return;
      const slot = Math.max(clock(), next);
      next = slot + gap;
      // Timers run on a millisecond loop clock and can fire a fraction early; wait again rather than start early.
      for (let left = slot - clock(); left > 0; left = slot - clock()) await sleep(Math.max(1, Math.ceil(left)));
    },
  };
}
