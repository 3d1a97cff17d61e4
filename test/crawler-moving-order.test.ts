// ModelScope's Default order is a live ranking that moves while a crawl pages through it. The crawl must
// still produce the exact, complete list, never report a listed model as "left", and still refuse a
// list whose membership really changed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../core/cli.ts';
import { collectingEvery, runNight } from '../pipeline/night.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { crawlIds } from '../simulator/testing.ts';
import { recoveryPlan } from '../crawler/listing.ts';
import { readEventLog } from '../store/change-files.ts';
import { readSnapshot } from '../store/snapshots.ts';
import { crawlOptions, quietProgress, tempDir } from './helpers.ts';

const SIZE = 2000;
/** The fewest requests a crawl can make: every page once, the hub check, the gateway list. */
const MINIMUM = Math.ceil(SIZE / 100) + 2;

// The mechanics (request budgets, passes) are pinned on the tidy world; the real world, with its hidden
// rows and renames on top of the moving order, has its own block below.
let sim: Simulator;
let real: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: SIZE, seed: 17, tidy: true });
  real = await startSimulator({ size: SIZE, seed: 17 });
});
afterAll(async () => {
  await sim.close();
  await real.close();
});
beforeEach(() => {
  for (const world of [sim, real]) {
    world.clearFaults();
    world.setDay(0);
  }
});

const sorted = (ids: Iterable<string>): string[] => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const listingIds = (world: Simulator = sim): string[] => sorted(world.listing().map((m) => `${m.Path}/${m.Name}`));

async function night(dataDir: string, date: string, world: Simulator = sim) {
  const quiet = quietProgress();
  const result = await runNight(crawlOptions(world, dataDir, date), { progress: quiet.progress });
  const snapshot = await readSnapshot(dataDir, date);
  return { ...result, log: quiet.text(), ids: sorted((snapshot?.models ?? []).map((m) => m.id)) };
}

describe('crawler/moving-order', () => {
  it('is a real fault: read in Default order, a moving ranking gives duplicates and misses', async () => {
    sim.inject({ kind: 'moving-order', share: 0.05 });
    const ids = await crawlIds(sim.origin, 100, { SortBy: 'Default' });
    expect(ids).toHaveLength(SIZE);
    expect(new Set(ids).size).toBeLessThan(SIZE);
  });

  it('moves only while the fault is there: cleared, the Default order is newest first again', async () => {
    const firstPage = async (): Promise<string[]> => (await crawlIds(sim.origin, 100, { SortBy: 'Default' })).slice(0, 100);
    const still = await firstPage();
    expect(still).toEqual(sim.listing().slice(0, 100).map((m) => `${m.Path}/${m.Name}`));
    sim.inject({ kind: 'moving-order', share: 0.05 });
    expect(await firstPage()).not.toEqual(still);
    sim.clearFaults();
    expect(await firstPage()).toEqual(still);
  });

  it('reads the exact, complete list in one pass while the ranking moves a lot', async () => {
    sim.inject({ kind: 'moving-order', share: 0.05 });
    const result = await night(await tempDir(), '2026-03-01');
    expect(result.exitCode, result.summary.reason).toBe(EXIT.ok);
    expect(result.ids).toEqual(listingIds());
    expect(result.summary.requests).toBeLessThanOrEqual(2 * MINIMUM);
  });

  it('reads the exact list while the ranking moves only a little', async () => {
    sim.inject({ kind: 'moving-order', share: 0.002, jump: 5 });
    const result = await night(await tempDir(), '2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    expect(result.ids).toEqual(listingIds());
  });

  it('recovers the models that updates moved past the pages already read, and says so', async () => {
    sim.inject({ kind: 'moving-order', share: 0.05, updates: 0.002 });
    const result = await night(await tempDir(), '2026-03-01');
    expect(result.exitCode, result.summary.reason).toBe(EXIT.ok);
    expect(result.ids).toEqual(listingIds());
    expect(result.summary.recovered).toBeGreaterThan(0);
    expect(result.summary.pagesReread).toBeGreaterThan(0);
    expect(result.summary.requests).toBeLessThanOrEqual(2 * MINIMUM);
    expect(result.log).toMatch(/the order moved while the list was read: \d+ ids recovered by re-reading \d+ pages/);
  });

  it('makes the minimum of requests on a list that holds still', async () => {
    const result = await night(await tempDir(), '2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    expect(result.summary.requests).toBeLessThanOrEqual(Math.floor(MINIMUM * 1.01));
    expect(result.summary).toMatchObject({ passes: 1, pagesReread: 0, recovered: 0 });
  });

  it('still refuses a list whose membership keeps changing, moving order or not', async () => {
    sim.inject({ kind: 'moving-order', share: 0.05, updates: 0.002 });
    sim.inject({ kind: 'insert-during-crawl', every: 3, times: Infinity });
    const dataDir = await tempDir();
    const result = await night(dataDir, '2026-03-01');
    expect(result.exitCode).toBe(EXIT.refused);
    expect(result.summary.reason).toMatch(/the list kept changing: no consistent listing in 3 passes/);
    expect(result.ids).toEqual([]);
  });

  it('never reports a listed model as left over nights with a moving order', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir();
    for (let day = 0; day < 5; day++) {
      sim.setDay(day);
      sim.clearFaults();
      sim.inject({ kind: 'moving-order', share: 0.05, updates: 0.002 });
      const date = `2026-03-0${day + 1}`;
      const result = await night(dataDir, date);
      expect(result.exitCode, result.summary.reason).toBe(EXIT.ok);
      const listed = new Set(listingIds());
      expect(result.ids).toEqual([...listed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const log = await readEventLog(dataDir);
      const leftToday = log.events.filter((event) => event.date === date && event.kind === 'left').map((event) => event.id);
      expect(leftToday.filter((id) => listed.has(id)), date).toEqual([]);
    }
  });
});

describe('crawler/moving-order in the real world', () => {
  it('publishes the exact list while the order moves and TotalCount stays 3 above the rows (hidden rows)', async () => {
    real.inject({ kind: 'moving-order', share: 0.05, updates: 0.002 });
    const result = await night(await tempDir(), '2026-03-01', real);
    expect(result.exitCode, result.summary.reason).toBe(EXIT.ok);
    expect(result.ids).toEqual(listingIds(real));
    expect(result.summary.shortfall).toBe(3);
    expect(result.log).toMatch(/publishing with a shortfall of 3/);
  });

  it('never reports a listed model as left over nights of moving order, hidden rows and renames', { timeout: 90_000 }, async () => {
    const dataDir = await tempDir();
    for (let day = 0; day < 4; day++) {
      real.setDay(day);
      real.clearFaults();
      real.inject({ kind: 'moving-order', share: 0.05, updates: 0.002 });
      const date = `2026-03-0${day + 1}`;
      const result = await night(dataDir, date, real);
      expect(result.exitCode, result.summary.reason).toBe(EXIT.ok);
      const listed = new Set(listingIds(real));
      expect(result.ids).toEqual(sorted(listed));
      const log = await readEventLog(dataDir);
      const leftToday = log.events.filter((event) => event.date === date && event.kind === 'left').map((event) => event.id);
      expect(leftToday.filter((id) => listed.has(id)), date).toEqual([]);
    }
  });
});

describe('crawler/recovery-plan', () => {
  /** The waves a plan asks for, given which of them find something. */
  function walk(pageCount: number, wave: number, finds: (first: number, round: number) => boolean, budget = pageCount): number[] {
    const plan = recoveryPlan(pageCount);
    const firsts: number[] = [];
    for (let round = 0; budget > 0; round++) {
      const next = plan.next();
      const size = Math.min(wave, pageCount - next + 1, budget);
      firsts.push(next);
      budget -= size;
      plan.read(next, size, finds(next, round));
    }
    return firsts;
  }

  it('sweeps down from the top while waves find ids, and starts again at the top when one finds none', () => {
    expect(walk(10, 2, (first) => first <= 3, 8)).toEqual([1, 3, 5, 1]);
  });

  it('after a top sweep that finds nothing, sweeps the rest of the list once, then returns to the top', () => {
    // First sweep finds ids on pages 1–4, the second finds none: go deep from page 7 to the end.
    expect(walk(12, 2, (first, round) => round < 2 && first <= 3, 16)).toEqual([1, 3, 5, 1, 7, 9, 11, 1]);
    // A pass re-reads at most every page once.
    expect(walk(12, 2, (first, round) => round < 2 && first <= 3)).toEqual([1, 3, 5, 1, 7, 9]);
  });

  it('never asks for a page past the last', () => {
    for (const first of walk(7, 3, () => true, 20)) expect(first).toBeLessThanOrEqual(7);
  });
});

describe('pipeline/garbage-while-paging', () => {
  it('collects every N pages when the process can, and passes every hook through', () => {
    const seen: string[] = [];
    let collections = 0;
    const wrapped = collectingEvery(3, { passStarted: (p, n) => seen.push(`pass ${p}/${n}`), pageRead: (m) => seen.push(`page ${m}`), note: (t) => seen.push(t) }, () => collections++);
    wrapped.passStarted?.(1, 7);
    for (let page = 0; page < 7; page++) wrapped.pageRead?.(100);
    wrapped.note?.('done');
    expect(collections).toBe(2);
    expect(seen).toEqual(['pass 1/7', ...Array.from({ length: 7 }, () => 'page 100'), 'done']);
    const plain = { pageRead: () => undefined };
    expect(collectingEvery(3, plain, undefined)).toBe(plain);
  });
});
