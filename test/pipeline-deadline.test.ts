// The night's deadline (--deadline): a night that runs too long fails with a reason, quickly, with its
// rate-limiter waits cancelled, the lock released and the data dir untouched. A job cancelled by GitHub's
// timeout would leave no reason at all.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNight } from '../pipeline/night.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { crawlOptions, quietProgress, tempDir, treeContents } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: 300, seed: 3, latencyMs: 0 });
});
afterAll(() => sim.close());

describe('pipeline/night: --deadline', () => {
  it('fails past the deadline with one line, cancels the rate limiter’s wait, releases the lock, writes nothing', async () => {
    const dataDir = await tempDir('deadline-');
    const before = await treeContents(dataDir);
    // One request every 100 s: without a cancellable wait the night would sit for minutes.
    const options = crawlOptions(sim, dataDir, '2026-03-01', ['--rps', '0.01', '--concurrency', '1', '--deadline', '0.02']);
    const started = Date.now();
    const { exitCode, summary } = await runNight(options, { progress: quietProgress().progress });
    expect(exitCode).toBe(1);
    expect(summary.outcome).toBe('failed');
    expect(summary.reason).toBe('the night ran past its deadline of 0.02 minutes (--deadline); nothing was written');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(join(dataDir, '.lock'))).toBe(false);
    expect(await treeContents(dataDir)).toEqual(before);
  });

  it('a night inside its deadline publishes as before', async () => {
    const dataDir = await tempDir('deadline-');
    const { exitCode } = await runNight(crawlOptions(sim, dataDir, '2026-03-01', ['--deadline', '5']), { progress: quietProgress().progress });
    expect(exitCode).toBe(0);
    expect(existsSync(join(dataDir, 'snapshots', '2026-03-01.json'))).toBe(true);
  });
});
