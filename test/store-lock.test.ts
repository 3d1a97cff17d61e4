// One writer per data dir: the lock itself, and real crawl processes racing for the same night.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { readEventLog } from '../store/change-files.ts';
import { DataFileError, MissingDataError } from '../store/errors.ts';
import { DataDirBusyError, lockDataDir, lockPath, StaleLockError, withDataDirLock } from '../store/lock.ts';
import { readSnapshot } from '../store/snapshots.ts';
import { runScript, tempDir, treeContents, type CommandResult } from './helpers.ts';


/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid as number;
}

describe('store/lock', () => {
  it('lets one run in and tells the next who holds the data dir', async () => {
    const dataDir = await tempDir();
    const lock = await lockDataDir(dataDir, 'crawl 2026-03-01');
    const second = lockDataDir(dataDir, 'rebuild');
    await expect(second).rejects.toThrow(DataDirBusyError);
    await expect(lockDataDir(dataDir, 'rebuild')).rejects.toThrow(
      new RegExp(`in use by crawl 2026-03-01 \\(pid ${process.pid} on ${hostname()}, since .*\\); try again when it has finished`),
    );
    await lock.release();
    await (await lockDataDir(dataDir, 'rebuild')).release();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('reports a lock left by a run that is gone, and leaves it where it is', async () => {
    const dataDir = await tempDir();
    const left = `${JSON.stringify({ pid: await deadPid(), host: hostname(), started: '2026-03-01T18:30:00.000Z', command: 'crawl 2026-03-02' })}\n`;
    await writeFile(lockPath(dataDir), left);
    const attempt = lockDataDir(dataDir, 'crawl 2026-03-02');
    await expect(attempt).rejects.toThrow(StaleLockError);
    await expect(lockDataDir(dataDir, 'x')).rejects.toThrow(/a run that held the data dir is gone: crawl 2026-03-02 .*npm run rebuild.* delete .*\.lock$/);
    expect(await readFile(lockPath(dataDir), 'utf8')).toBe(left);
  });

  it('never takes over a lock it cannot read', async () => {
    const dataDir = await tempDir();
    await writeFile(lockPath(dataDir), '');
    await expect(lockDataDir(dataDir, 'x')).rejects.toThrow(StaleLockError);
    expect(await readFile(lockPath(dataDir), 'utf8')).toBe('');
  });

  it('gives it up when the work fails, and only its own lock', async () => {
    const dataDir = await tempDir();
    await expect(withDataDirLock(dataDir, 'x', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await readdir(dataDir)).toEqual([]);
    const lock = await lockDataDir(dataDir, 'mine');
    await writeFile(lockPath(dataDir), 'someone else\n');
    await lock.release();
    expect(await readFile(lockPath(dataDir), 'utf8')).toBe('someone else\n');
  });

  it('says in one line when the data dir is a file or missing', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'file'), 'x');
    await expect(lockDataDir(join(root, 'file'), 'x')).rejects.toThrow(DataFileError);
    await expect(lockDataDir(join(root, 'file'), 'x')).rejects.toThrow(`${join(root, 'file')}: is not a directory, so it cannot be the data dir`);
    await expect(lockDataDir(join(root, 'none'), 'x', { create: false })).rejects.toThrow(MissingDataError);
    await mkdir(join(root, 'made'));
    await (await lockDataDir(join(root, 'new', 'dir'), 'x')).release();
    expect(await readdir(join(root, 'new', 'dir'))).toEqual([]);
  });
});

describe('store/lock-between-processes', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ size: 250, seed: 21 });
  });
  afterAll(async () => {
    await sim.close();
  });

  function crawl(dataDir: string, date: string): Promise<CommandResult> {
    const args = ['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', date, '--rps', '1000', '--concurrency', '4'];
    return runScript('pipeline/crawl-cli.ts', args, { env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
  }

  it('keeps snapshot and event log in step when crawls of one night race, round after round', { timeout: 120_000 }, async () => {
    const dataDir = await tempDir();
    const ROUNDS = 8;
    let refusedAsBusy = 0;
    for (let round = 0; round < ROUNDS; round++) {
      sim.setDay(round);
      const date = `2026-03-${String(round + 1).padStart(2, '0')}`;
      const results = await Promise.all([crawl(dataDir, date), crawl(dataDir, date), crawl(dataDir, date)]);
      const ok = results.filter((r) => r.code === 0);
      const busy = results.filter((r) => r.code !== 0);
      expect(ok.length, JSON.stringify(results)).toBeGreaterThanOrEqual(1);
      for (const loser of busy) {
        expect(loser.code).toBe(1);
        expect(loser.stderr).toMatch(/the data dir is in use by crawl 2026-03-\d\d \(pid \d+/);
      }
      refusedAsBusy += busy.length;
      const snapshot = await readSnapshot(dataDir, date);
      const log = await readEventLog(dataDir);
      expect(log.days.at(-1)?.date).toBe(date);
      expect(log.days.at(-1)?.models).toBe(snapshot?.models.length);
      expect(Object.keys(await treeContents(dataDir)).filter((name) => name.includes('lock') || name.endsWith('.tmp'))).toEqual([]);
    }
    // The race is real: most rounds had more than one crawl at once.
    expect(refusedAsBusy).toBeGreaterThanOrEqual(ROUNDS);
  });
});
