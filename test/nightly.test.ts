// `npm run nightly`, the one command the nightly job runs: the crawl in a process of its own, then the build.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { runScript, tempDir, treeContents } from './helpers.ts';

const NIGHTLY = join(import.meta.dirname, '..', 'scripts', 'nightly.ts');

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: 250, seed: 31 });
});
afterAll(async () => {
  await sim.close();
});

async function nightly(root: string, args: string[]) {
  const env = {
    ...process.env,
    MODELSCOPE_ORIGIN: sim.origin,
    MODELSCOPE_INFERENCE_ORIGIN: sim.inferenceOrigin,
    CATALOG_DATA_DIR: join(root, 'data'),
    SITE_URL: 'https://someone.github.io/catalog/',
    GITHUB_STEP_SUMMARY: '',
  };
  return runScript(NIGHTLY, ['--rps', '500', '--concurrency', '4', ...args], { env, cwd: root });
}

describe('nightly', () => {
  it('crawls in a child process, then builds the site from the same data dir', async () => {
    const root = await tempDir();
    const result = await nightly(root, ['--date', '2026-04-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('crawl 2026-04-01: published');
    expect(result.stdout).toMatch(/site: site\/dist for https:\/\/someone\.github\.io\/catalog\/ \(latest 2026-04-01, 250 models/);
    await access(join(root, 'site', 'dist', 'feed.json'));
    expect(Object.keys(await treeContents(join(root, 'data')))).toContain('snapshots/2026-04-01.json');
  });

  it('stops with the crawl’s own status when it is refused, building nothing', async () => {
    const root = await tempDir();
    sim.inject({ kind: 'ignore-filter' });
    const result = await nightly(root, ['--date', '2026-04-01']);
    sim.clearFaults();
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/crawl 2026-04-01: refused — the API-Inference filter was ignored/);
    await expect(access(join(root, 'site'))).rejects.toThrow();
  });

  it('refuses a bad option in one line before anything runs', async () => {
    const root = await tempDir();
    const before = sim.requests.length;
    const result = await nightly(root, ['--rps', 'fast']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual(['nightly: --rps must be a number from 0.01 to 1000, got "fast"']);
    expect(sim.requests.length).toBe(before);
  });
});
