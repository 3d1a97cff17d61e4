// SIGTERM or SIGINT to the node process of a crawl or a build ends the run cleanly: the lock released, a
// build's worker stopped and its staging directory removed, every file as it was.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import { model, snapshot } from './factories.ts';
import { tempDir, treeContents } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  // Slow enough that a crawl of 300 models is still reading when the signal comes.
  sim = await startSimulator({ size: 300, seed: 9, latencyMs: 400 });
});
afterAll(() => sim.close());

/** Start `script` with Node and collect its output. */
function start(script: string, args: string[]): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr?.setEncoding('utf8').on('data', (t: string) => (err += t));
  return { child, out: () => out, err: () => err };
}

async function until(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('signals end a run cleanly', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s to a crawl: exit as the signal, one line, no lock, files untouched', async (name) => {
    const dataDir = await tempDir('signal-crawl-');
    await writeSnapshot(dataDir, snapshot('2026-02-28', [model('a/one')]));
    await rebuildChanges(dataDir);
    const before = await treeContents(dataDir);
    const run = start('pipeline/crawl-cli.ts', ['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', '2026-03-01', '--rps', '100', '--concurrency', '1']);
    await until(() => existsSync(join(dataDir, '.lock')));
    await until(() => sim.requests.length > 2);
    run.child.kill(name);
    const [code] = (await once(run.child, 'exit')) as [number | null];
    expect(code).toBe(name === 'SIGTERM' ? 143 : 130);
    expect(run.err()).toMatch(new RegExp(`^crawl 2026-03-01: failed — interrupted by ${name}; nothing it had not finished was written$`, 'm'));
    expect(existsSync(join(dataDir, '.lock'))).toBe(false);
    expect(await treeContents(dataDir)).toEqual(before);
  });

  it('SIGTERM to a build: the worker is stopped, its staging directory removed, the lock released, the old site kept', async () => {
    const root = await tempDir('signal-build-');
    const dataDir = join(root, 'data');
    const models = Array.from({ length: 400 }, (_, i) => model(`owner${i % 7}/model-${i}`));
    await writeSnapshot(dataDir, snapshot('2026-03-01', models));
    await rebuildChanges(dataDir);
    const out = join(root, 'dist');
    const first = start('publish/build.ts', ['--data-dir', dataDir, '--out', out]);
    const [firstCode] = (await once(first.child, 'exit')) as [number | null];
    expect(firstCode, first.err()).toBe(0);
    const site = await treeContents(out);
    const run = start('publish/build.ts', ['--data-dir', dataDir, '--out', out]);
    const staging = async (): Promise<string[]> => (await readdir(root)).filter((name) => name.startsWith('.dist.build-'));
    await until(async () => (await staging()).length > 0);
    run.child.kill('SIGTERM');
    const [code] = (await once(run.child, 'exit')) as [number | null];
    expect(code).not.toBe(0);
    expect(run.err()).toMatch(/^build: interrupted by SIGTERM; nothing it had not finished was written$/m);
    // The worker is gone: nothing is still writing into a staging directory, and none is left.
    await new Promise((r) => setTimeout(r, 500));
    expect(await staging()).toEqual([]);
    expect(existsSync(join(dataDir, '.lock'))).toBe(false);
    expect(await treeContents(out)).toEqual(site);
  }, 120_000);
});
