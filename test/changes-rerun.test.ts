import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../store/errors.ts';
import { shardOf } from '../store/history-file.ts';
import { rebuildChanges } from '../changes/rebuild.ts';
import { readEventLog } from '../store/change-files.ts';
import { updateChanges } from '../changes/update.ts';
import { changeFiles, model, tempDataDir, writeDay } from './changes-factory.ts';

const DAY1 = [model('a/one', 1, 10), model('b/two', 2, 20), model('c/three', 3, 30)];
const DAY2 = [model('a/one', 1, 12), model('c/three', 3, 30), model('d/four', 4, 40)];
const DAY2_RECRAWLED = [model('a/one', 2, 15), model('b/two', 2, 21), model('e/five', 5, 50)];

async function nightly(days: [string, ReturnType<typeof model>[]][], dataDir?: string): Promise<string> {
  const dir = dataDir ?? (await tempDataDir());
  for (const [date, models] of days) {
    await writeDay(dir, date, models);
    await updateChanges(dir, date);
  }
  return dir;
}

async function mtimes(dataDir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of ['events/index.json', 'events/2025.events.json', ...(await readdir(join(dataDir, 'history'))).map((n) => `history/${n}`)]) {
    out[path] = (await stat(join(dataDir, path))).mtimeMs;
  }
  return out;
}

describe('changes/same-day-rerun', () => {
  it('leaves every file byte-identical and untouched when the same snapshot is processed again', async () => {
    const dataDir = await nightly([['2025-03-01', DAY1], ['2025-03-02', DAY2]]);
    const files = await changeFiles(dataDir);
    const times = await mtimes(dataDir);
    const summary = await updateChanges(dataDir, '2025-03-02');
    expect(summary).toMatchObject({ mode: 'replace', filesWritten: [], filesRemoved: [], entered: 1, left: 1 });
    expect(await changeFiles(dataDir)).toEqual(files);
    expect(await mtimes(dataDir)).toEqual(times);
  });

  it('replaces the newest day’s events and history when its snapshot changed, without duplicates', async () => {
    const dataDir = await nightly([['2025-03-01', DAY1], ['2025-03-02', DAY2]]);
    await writeDay(dataDir, '2025-03-02', DAY2_RECRAWLED);
    const summary = await updateChanges(dataDir, '2025-03-02');
    await updateChanges(dataDir, '2025-03-02');
    expect(summary.mode).toBe('replace');
    const log = await readEventLog(dataDir);
    expect(log.days.map((d) => d.date)).toEqual(['2025-03-01', '2025-03-02']);
    expect(log.events.map((e) => `${e.kind} ${e.id}`)).toEqual(['entered e/five', 'left c/three']);
    const fresh = await nightly([['2025-03-01', DAY1], ['2025-03-02', DAY2_RECRAWLED]]);
    expect(await changeFiles(dataDir)).toEqual(await changeFiles(fresh));
  });

  it('removes a history shard whose only model came from the replaced snapshot', async () => {
    const dataDir = await nightly([['2025-03-01', [model('a/one')]], ['2025-03-02', [model('a/one'), model('z/brief')]]]);
    const shardsBefore = await readdir(join(dataDir, 'history'));
    await writeDay(dataDir, '2025-03-02', [model('a/one')]);
    const summary = await updateChanges(dataDir, '2025-03-02');
    const fresh = await nightly([['2025-03-01', [model('a/one')]], ['2025-03-02', [model('a/one')]]]);
    expect(shardsBefore).toHaveLength(2);
    expect(summary.filesRemoved).toEqual([`history/${shardOf('z/brief')}.shard.json`]);
    expect(await changeFiles(dataDir)).toEqual(await changeFiles(fresh));
  });

  it('rebuilds when an older day is re-run, carrying the change into later days', async () => {
    const dataDir = await nightly([['2025-03-01', DAY1], ['2025-03-02', DAY2], ['2025-03-03', DAY2]]);
    await writeDay(dataDir, '2025-03-02', DAY2_RECRAWLED);
    const summary = await updateChanges(dataDir, '2025-03-02');
    expect(summary).toMatchObject({ mode: 'rebuild', date: '2025-03-02', days: 3, entered: 1, left: 1 });
    const fresh = await nightly([['2025-03-01', DAY1], ['2025-03-02', DAY2_RECRAWLED], ['2025-03-03', DAY2]]);
    expect(await changeFiles(dataDir)).toEqual(await changeFiles(fresh));
    const day3 = (await readEventLog(dataDir)).events.filter((e) => e.date === '2025-03-03');
    expect(day3.map((e) => `${e.kind} ${e.id}`)).toEqual(['entered d/four', 'returned c/three', 'left b/two', 'left e/five']);
  });

  it('rebuilds when a snapshot was written without an update (log out of step)', async () => {
    const dataDir = await nightly([['2025-03-01', DAY1]]);
    await writeDay(dataDir, '2025-03-02', DAY2);
    await writeDay(dataDir, '2025-03-03', DAY1);
    const summary = await updateChanges(dataDir, '2025-03-03');
    expect(summary.mode).toBe('rebuild');
    expect((await readEventLog(dataDir)).days.map((d) => d.previous)).toEqual([null, '2025-03-01', '2025-03-02']);
  });

  it('rebuilds when a history shard went missing since the last run', async () => {
    const dataDir = await nightly([['2025-03-01', DAY1], ['2025-03-02', DAY2]]);
    const [first] = await readdir(join(dataDir, 'history'));
    await rm(join(dataDir, 'history', first as string));
    await writeDay(dataDir, '2025-03-03', DAY2);
    expect((await updateChanges(dataDir, '2025-03-03')).mode).toBe('rebuild');
    const fresh = await nightly([['2025-03-01', DAY1], ['2025-03-02', DAY2], ['2025-03-03', DAY2]]);
    expect(await changeFiles(dataDir)).toEqual(await changeFiles(fresh));
    expect((await rebuildChanges(dataDir)).filesWritten).toEqual([]);
  });

  it('fails with a one-line error naming the file and changes nothing when a snapshot is broken', async () => {
    const dataDir = await nightly([['2025-03-01', DAY1], ['2025-03-02', DAY2]]);
    const before = await changeFiles(dataDir);
    await writeFile(join(dataDir, 'snapshots', '2025-03-03.json'), '{"date": "2025-03-03", "models": [');
    const failure = updateChanges(dataDir, '2025-03-03');
    await expect(failure).rejects.toBeInstanceOf(DataFileError);
    await expect(failure).rejects.toThrow(/2025-03-03\.json: not valid JSON/);
    expect(await changeFiles(dataDir)).toEqual(before);
  });
});

describe('changes/damaged-files', () => {
  it('refuses to update over a damaged event log file, says how to recover, and recovery works', async () => {
    const dataDir = await tempDataDir();
    await writeDay(dataDir, '2025-03-01', DAY1);
    await updateChanges(dataDir, '2025-03-01');
    const path = join(dataDir, 'events', '2025.events.json');
    await writeFile(path, '{"days": [}');
    await writeDay(dataDir, '2025-03-02', DAY2);
    await expect(updateChanges(dataDir, '2025-03-02')).rejects.toThrow(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON .*; recreate it from the snapshots with: npm run rebuild$`),
    );
    await rebuildChanges(dataDir);
    expect((await readEventLog(dataDir)).days.map((d) => d.date)).toEqual(['2025-03-01', '2025-03-02']);
  });
});
