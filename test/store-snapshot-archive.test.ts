// store/snapshot-archive: the checkout keeps the newest snapshots; older ones live in git's history, and
// the rebuild reads them from there (or, in a shallow clone, says what to fetch).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { EXIT } from '../core/cli.ts';
import { runNight } from '../pipeline/night.ts';
import { startSimulator } from '../simulator/index.ts';
import { updateChanges } from '../changes/update.ts';
import { MissingDataError } from '../store/errors.ts';
import { archivedSnapshots, datesToPrune, KEEP_SNAPSHOTS, pruneSnapshots } from '../store/snapshot-archive.ts';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import { listSnapshotDates } from '../store/snapshots.ts';
import { changeFiles, model, tempDataDir, writeDay } from './changes-factory.ts';
import { crawlOptions, quietProgress } from './helpers.ts';

const run = promisify(execFile);
const git = async (dir: string, ...args: string[]): Promise<string> => (await run('git', ['-C', dir, ...args])).stdout;

/** A repository whose `data/` is committed night by night, as the nightly workflow does. */
async function repository(): Promise<{ repo: string; dataDir: string }> {
  const repo = await mkdtemp(join(tmpdir(), 'archive-test-'));
  await git(repo, 'init', '-q', '-b', 'main');
  for (const [key, value] of [['user.name', 'test'], ['user.email', 'test@example.invalid'], ['commit.gpgsign', 'false']] as const) await git(repo, 'config', key, value);
  const dataDir = join(repo, 'data');
  await mkdir(dataDir);
  return { repo, dataDir };
}

/** Ten nights (2026-03-01…10, 03-05 missed), a model entering and leaving on the way. */
const NIGHTS = ['01', '02', '03', '04', '06', '07', '08', '09', '10'].map((day) => `2026-03-${day}`);
function modelsOn(date: string, i: number) {
  const models = [model('a/steady', i, 100 + i * 3), model('b/late', 1, 5)];
  if (i >= 2 && i <= 5) models.push(model('c/visitor', 2, 50 + i));
  return date === '2026-03-04' ? models.slice(0, 1) : models;
}

/** Play the nights, committing each; prune to `keep` after each night when given. */
async function playNights(repo: string, dataDir: string, keep?: number): Promise<void> {
  for (const [i, date] of NIGHTS.entries()) {
    await writeDay(dataDir, date, modelsOn(date, i));
    await updateChanges(dataDir, date);
    if (keep !== undefined) await pruneSnapshots(dataDir, await listSnapshotDates(dataDir), keep);
    await git(repo, 'add', '--all', 'data');
    await git(repo, 'commit', '-q', '-m', `data: ${date}`);
  }
}

let full: Record<string, string>;
beforeAll(async () => {
  // The same nights with every snapshot kept: what the pruned repository must rebuild to.
  const dataDir = await tempDataDir();
  for (const [i, date] of NIGHTS.entries()) await writeDay(dataDir, date, modelsOn(date, i));
  await rebuildChanges(dataDir);
  full = await changeFiles(dataDir);
});

describe('store/snapshot-archive', () => {
  it('keeps only the newest snapshots in the working tree, each night appending to the log as before', async () => {
    const { repo, dataDir } = await repository();
    await playNights(repo, dataDir, 3);
    expect(await listSnapshotDates(dataDir)).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
    // The log and history are what keeping every file gives: no night was rebuilt from the newest three.
    expect(await changeFiles(dataDir)).toEqual(full);
    expect((await archivedSnapshots(dataDir, await listSnapshotDates(dataDir), undefined)).map((entry) => entry.date)).toEqual(NIGHTS.slice(0, -3));
  });

  it('rebuilds the same events and history from the archive, on this thread and with workers', async () => {
    const { repo, dataDir } = await repository();
    await playNights(repo, dataDir, 2);
    for (const workers of [0, 2]) {
      await run('rm', ['-rf', join(dataDir, 'events'), join(dataDir, 'history')]);
      const summary = await rebuildChanges(dataDir, { workers });
      expect(summary.days).toBe(NIGHTS.length);
      expect(await changeFiles(dataDir)).toEqual(full);
    }
  });

  it('in a shallow clone, goes on appending nights but refuses to rebuild, saying what to fetch', async () => {
    const { repo, dataDir } = await repository();
    await playNights(repo, dataDir, 3);
    const clone = await mkdtemp(join(tmpdir(), 'archive-shallow-'));
    await run('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const shallowData = join(clone, 'data');
    await writeDay(shallowData, '2026-03-11', modelsOn('2026-03-11', 9));
    expect((await updateChanges(shallowData, '2026-03-11')).mode).toBe('append');
    const error = await rebuildChanges(shallowData).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingDataError);
    expect(String((error as Error).message)).toMatch(/shallow clone.*git fetch --unshallow$/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('refuses a rebuild that would leave out a night the event log lists', async () => {
    const { repo, dataDir } = await repository();
    await playNights(repo, dataDir);
    await run('rm', [join(dataDir, 'snapshots', '2026-03-06.json')]);
    await expect(rebuildChanges(dataDir)).rejects.toThrow(/the event log lists 2026-03-06, whose snapshot is neither in snapshots\/ nor in git history/);
    expect((await readdir(join(dataDir, 'events'))).sort()).toEqual(['2026.events.json', 'index.json']);
  });

  it('prunes only files git holds unchanged in the last commit, and nothing outside a repository', async () => {
    expect(datesToPrune(['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'b']);
    expect(datesToPrune(['a', 'b'], 7)).toEqual([]);
    const loose = await tempDataDir();
    for (const [i, date] of NIGHTS.slice(0, 4).entries()) await writeDay(loose, date, modelsOn(date, i));
    expect(await pruneSnapshots(loose, await listSnapshotDates(loose), 1)).toEqual([]);
    expect(await listSnapshotDates(loose)).toHaveLength(4);

    const { repo, dataDir } = await repository();
    for (const [i, date] of NIGHTS.slice(0, 3).entries()) await writeDay(dataDir, date, modelsOn(date, i));
    await git(repo, 'add', '--all', 'data');
    await git(repo, 'commit', '-q', '-m', 'three nights');
    await writeDay(dataDir, NIGHTS[3] as string, modelsOn(NIGHTS[3] as string, 3)); // not committed yet
    await writeFile(join(dataDir, 'snapshots', '2026-03-02.json'), 'edited, not committed\n');
    const removed = await pruneSnapshots(dataDir, await listSnapshotDates(dataDir), 1);
    expect(removed).toEqual(['2026-03-01', '2026-03-03']);
    expect(await listSnapshotDates(dataDir)).toEqual(['2026-03-02', '2026-03-04']);
  });

  it('is what a good night does last: the crawl leaves the newest snapshot files and notes what went to git', async () => {
    const sim = await startSimulator({ size: 60, seed: 3 });
    try {
      const { repo, dataDir } = await repository();
      const dates = Array.from({ length: KEEP_SNAPSHOTS + 2 }, (_, i) => dateOfDay(dayNumber('2026-04-01') + i));
      for (const [i, date] of dates.entries()) {
        sim.setDay(i);
        const { progress, text } = quietProgress();
        const { exitCode } = await runNight(crawlOptions(sim, dataDir, date), { progress });
        expect(exitCode).toBe(EXIT.ok);
        if (i === KEEP_SNAPSHOTS) expect(text()).toContain(`1 older snapshot file(s) left the working tree for git's history (${dates[0]})`);
        await git(repo, 'add', '--all', 'data');
        await git(repo, 'commit', '-q', '-m', `data: ${date}`);
      }
      expect(await listSnapshotDates(dataDir)).toEqual(dates.slice(-KEEP_SNAPSHOTS));
      const kept = await changeFiles(dataDir);
      await run('rm', ['-rf', join(dataDir, 'events'), join(dataDir, 'history')]);
      expect((await rebuildChanges(dataDir)).days).toBe(dates.length);
      expect(await changeFiles(dataDir)).toEqual(kept);
    } finally {
      await sim.close();
    }
  }, 60_000);
});
