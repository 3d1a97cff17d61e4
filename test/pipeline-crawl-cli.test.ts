// The crawl command as a person or the nightly job runs it: a child process, exit codes, output.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSnapshotDates } from '../store/snapshots.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { runScript, tempDir, treeContents, type CommandResult } from './helpers.ts';


function crawlCommand(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return runScript('pipeline/crawl-cli.ts', args, { env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env } });
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: 150, seed: 3 });
});
afterAll(async () => {
  await sim.close();
});

describe('pipeline/crawl-cli', () => {
  it('documents itself with --help and exits 0', async () => {
    const result = await crawlCommand(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run crawl');
  });

  it.each(['9999-12-31', '0050-01-01', '2022-10-31'])('refuses --date %s with exit 2 before sending any request', async (date) => {
    const dataDir = await tempDir();
    const before = sim.requests.length;
    const result = await crawlCommand(['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', date]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^crawl: --date must be a day from 2022-11-01 to tomorrow: ${date} is (before|after) `))]);
    expect(sim.requests.length).toBe(before);
    expect(await treeContents(dataDir)).toEqual({});
  });

  it('stops with one line before any request when the data dir is a file', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'data'), 'not a directory');
    const before = sim.requests.length;
    const result = await crawlCommand(['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', join(root, 'data'), '--date', '2026-04-02']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`crawl 2026-04-02: failed — ${join(root, 'data')}: is not a directory, so it cannot be the data dir`]);
    expect(sim.requests.length).toBe(before);
  });

  it.each([
    ['the newest snapshot', 'snapshots/2026-04-01.json', /snapshots\/2026-04-01\.json: not valid JSON/],
    ['the event log', 'events/2026.events.json', /events\/2026\.events\.json: not valid JSON/],
    ['the event index', 'events/index.json', /events\/index\.json: not valid JSON/],
  ])('stops with one line before any request when %s is corrupt, and leaves every file as it was', async (_what, file, reason) => {
    const dataDir = await tempDir();
    const env = { MODELSCOPE_ORIGIN: sim.origin, MODELSCOPE_INFERENCE_ORIGIN: sim.inferenceOrigin, CATALOG_DATA_DIR: dataDir };
    expect((await crawlCommand(['--date', '2026-04-01', '--rps', '500'], env)).code).toBe(0);
    const text = await readFile(join(dataDir, file), 'utf8');
    await writeFile(join(dataDir, file), text.slice(0, text.length / 2));
    const before = await treeContents(dataDir);
    const requests = sim.requests.length;
    const result = await crawlCommand(['--date', '2026-04-02', '--rps', '500'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(reason);
    expect(sim.requests.length).toBe(requests);
    expect(await treeContents(dataDir)).toEqual(before);
  });

  it('exits 2 with one line for a bad option', async () => {
    const result = await crawlCommand(['--rps', 'zero']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual(['crawl: --rps must be a number from 0.01 to 1000, got "zero"']);
  });

  it('crawls the simulator, logs plain progress lines off a terminal, and exits 0', async () => {
    const dataDir = await tempDir();
    const result = await crawlCommand(['--date', '2026-04-01', '--rps', '500'], {
      MODELSCOPE_ORIGIN: sim.origin,
      MODELSCOPE_INFERENCE_ORIGIN: sim.inferenceOrigin,
      CATALOG_DATA_DIR: dataDir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('pass 1: 2 pages to read');
    expect(result.stdout).toContain('crawl 2026-04-01: published');
    expect(await listSnapshotDates(dataDir)).toEqual(['2026-04-01']);
  });

  it('exits promptly once a page has failed, even while another page waits out a long Retry-After', async () => {
    const dataDir = await tempDir();
    const big = await startSimulator({ size: 350, seed: 3 });
    big.inject({ kind: 'html', page: 2, times: Infinity });
    big.inject({ kind: 'status', status: 503, retryAfter: '100', page: 3, times: Infinity });
    const started = performance.now();
    const result = await crawlCommand(['--origin', big.origin, '--inference-origin', big.inferenceOrigin, '--data-dir', dataDir, '--retries', '1', '--rps', '500']);
    await big.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/page 2\).*HTML/);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('exits 1 with a one-line reason when the catalog is unreachable', async () => {
    const dataDir = await tempDir();
    const result = await crawlCommand(['--origin', 'http://127.0.0.1:1', '--inference-origin', 'http://127.0.0.1:1', '--data-dir', dataDir, '--retries', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/crawl \d{4}-\d{2}-\d{2}: failed — (GET|PUT) http:\/\/127\.0\.0\.1:1/);
  });
});
