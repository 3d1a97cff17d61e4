// Issue 20, end to end: `npm run crawl` (the command the nightly job runs) lists each rejected record, with
// its page and reason, in its stdout report and in the job summary — not just a count.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { runScript, tempDir } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: 150, seed: 3, tidy: true });
});
afterAll(async () => {
  await sim.close();
});

describe('report/crawl-command', () => {
  it('lists the rejected record with its page and reason on stdout and in the job summary', async () => {
    sim.inject({ kind: 'rename', page: 2, name: 'has space' });
    const dataDir = await tempDir();
    const summaryFile = join(await tempDir(), 'summary.md');
    const args = ['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', '2026-03-01', '--rps', '1000', '--no-changes'];
    const result = await runScript('pipeline/crawl-cli.ts', args, { env: { ...process.env, GITHUB_STEP_SUMMARY: summaryFile } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('unusable records: 1');
    expect(result.stdout).toMatch(/\n {2}unusable records \(1, left out\):\n {4}\S+\/has space \(page 2\): unusable owner or name "has space"\n/);
    const markdown = await readFile(summaryFile, 'utf8');
    expect(markdown).toContain('#### Unusable records (1, left out)');
    expect(markdown).toMatch(/\| \S+\/has space \| 2 \| unusable owner or name "has space" \|/);
  });
});
