// changes/migrate: `npm run migrate-data` turns a data dir of the earlier layout (one events.json, every
// snapshot a file) into today's, losing nothing: a rebuild before and after gives the same events.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main as migrateMain } from '../changes/migrate-cli.ts';
import { rebuildChanges } from '../changes/rebuild.ts';
import { readEventLog, readTracks } from '../store/change-files.ts';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import { serialiseEventLog } from '../store/events-file.ts';
import { KEEP_SNAPSHOTS } from '../store/snapshot-archive.ts';
import { listSnapshotDates } from '../store/snapshots.ts';
import { changeFiles, model, writeDay } from './changes-factory.ts';

const run = promisify(execFile);
const git = async (dir: string, ...args: string[]): Promise<string> => (await run('git', ['-C', dir, ...args])).stdout;

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await migrateMain(argv, { out: (text) => void (out += text), err: (text) => void (err += text) });
  return { code, out, err };
}

/** A repository whose data dir is in the earlier layout: `nights` snapshot files and one events.json, committed. */
async function earlierLayout(nights: number): Promise<{ repo: string; dataDir: string; dates: string[] }> {
  const repo = await mkdtemp(join(tmpdir(), 'migrate-test-'));
  await git(repo, 'init', '-q', '-b', 'main');
  for (const [key, value] of [['user.name', 'test'], ['user.email', 'test@example.invalid'], ['commit.gpgsign', 'false']] as const) await git(repo, 'config', key, value);
  const dataDir = join(repo, 'data');
  await mkdir(dataDir);
  // Across New Year, with a model leaving and returning and one missed night.
  const dates = Array.from({ length: nights + 1 }, (_, i) => dateOfDay(dayNumber('2025-12-20') + i)).filter((_, i) => i !== 5);
  for (const [i, date] of dates.entries()) {
    const models = [model('a/steady', i, 100 + 7 * i), model('b/sometimes', 1, 5 + i)];
    await writeDay(dataDir, date, i % 4 === 2 ? models.slice(0, 1) : models);
  }
  await rebuildChanges(dataDir);
  const log = await readEventLog(dataDir);
  await rm(join(dataDir, 'events'), { recursive: true });
  await writeFile(join(dataDir, 'events.json'), serialiseEventLog(log));
  await git(repo, 'add', '--all', 'data');
  await git(repo, 'commit', '-q', '-m', 'data in the earlier layout');
  return { repo, dataDir, dates };
}

describe('changes/migrate-data', () => {
  it('moves the log to one file a year and old snapshots to git, and a rebuild afterwards gives the same events', async () => {
    const { repo, dataDir, dates } = await earlierLayout(KEEP_SNAPSHOTS + 6);
    const before = { log: await readEventLog(dataDir), tracks: (await readTracks(dataDir)).tracks };
    const result = await capture(['--data-dir', dataDir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^migrate-data: \d+ file\(s\) written, 7 removed; 6 snapshot file\(s\) left for git's history \(2025-12-20 … 2025-12-26\)\. Commit the data dir to keep it\.\n$/);
    expect(await listSnapshotDates(dataDir)).toEqual(dates.slice(-KEEP_SNAPSHOTS));
    const files = Object.keys(await changeFiles(dataDir)).filter((name) => !name.startsWith('history/'));
    expect(files).toEqual(['events/2025.events.json', 'events/2026.events.json', 'events/index.json']);
    expect(await readEventLog(dataDir)).toEqual(before.log);
    expect((await readTracks(dataDir)).tracks).toEqual(before.tracks);
    await git(repo, 'add', '--all', 'data');
    await git(repo, 'commit', '-q', '-m', 'migrated');
    // Again: nothing to do.
    expect((await capture(['--data-dir', dataDir])).out).toBe('migrate-data: already in the current layout; nothing changed\n');
    // From scratch, reading the moved snapshots back from git: the same log and history.
    const migrated = await changeFiles(dataDir);
    await rm(join(dataDir, 'events'), { recursive: true });
    await rm(join(dataDir, 'history'), { recursive: true });
    expect((await rebuildChanges(dataDir)).days).toBe(dates.length);
    expect(await readEventLog(dataDir)).toEqual(before.log);
    expect(await changeFiles(dataDir)).toEqual(migrated);
  });

  it('rebuilds change files of the first format from the snapshots while they are all still files', async () => {
    const { dataDir } = await earlierLayout(6);
    const log = await readEventLog(dataDir);
    const first = serialiseEventLog(log).replace(/,"renamed":0,"gateway":null,"served":0,"unserved":0,"servedAgain":0/g, '');
    await writeFile(join(dataDir, 'events.json'), first);
    const result = await capture(['--data-dir', dataDir, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ rebuilt: true, pruned: [] });
    expect(await readEventLog(dataDir)).toEqual(log);
  });

  it('refuses a missing data dir with one line, and shows its help', async () => {
    const missing = join(tmpdir(), 'migrate-nowhere-xyz');
    const result = await capture(['--data-dir', missing]);
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toContain('migrate-data:');
    expect((await capture(['--help'])).out).toMatch(/^Usage: npm run migrate-data/);
    expect((await capture(['--bogus'])).code).toBe(2);
  });
});
