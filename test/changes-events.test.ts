import { describe, expect, it } from 'vitest';
import { applyDay, emptyState } from '../changes/history.ts';
import { diffSnapshots } from '../changes/events.ts';
import { readEventLog } from '../store/change-files.ts';
import { readHistories } from './history-helpers.ts';
import { updateChanges } from '../changes/update.ts';
import { DataFileError, SnapshotNotFoundError } from '../store/errors.ts';
import { rebuildChanges } from '../changes/rebuild.ts';
import { changeFiles, model, tempDataDir, writeDay } from './changes-factory.ts';

/** Write each day's snapshot and update after it, as the nightly crawl does. */
async function run(days: [string, ReturnType<typeof model>[]][]): Promise<string> {
  const dataDir = await tempDataDir();
  for (const [date, models] of days) {
    await writeDay(dataDir, date, models);
    await updateChanges(dataDir, date);
  }
  return dataDir;
}

describe('changes/enter', () => {
  it('treats the first snapshot as a baseline without events', async () => {
    const dataDir = await run([['2025-03-01', [model('a/one', 1, 10), model('b/two', 2, 20)]]]);
    const log = await readEventLog(dataDir);
    expect(log.events).toEqual([]);
    expect(log.days).toEqual([
      { date: '2025-03-01', previous: null, missing: [], models: 2, entered: 0, left: 0, returned: 0, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0 },
    ]);
  });

  it('records a model new on a later snapshot as entered, with that day’s metrics', async () => {
    const dataDir = await run([
      ['2025-03-01', [model('a/one', 1, 10)]],
      ['2025-03-02', [model('a/one', 1, 11), model('c/new', 7, 70)]],
    ]);
    const log = await readEventLog(dataDir);
    expect(log.events).toEqual([{ date: '2025-03-02', id: 'c/new', kind: 'entered', likes: 7, downloads: 70 }]);
    expect(log.days[1]).toEqual({ date: '2025-03-02', previous: '2025-03-01', missing: [], models: 2, entered: 1, left: 0, returned: 0, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0 });
    const history = (await readHistories(dataDir)).get('c/new');
    expect(history).toMatchObject({ firstSeen: '2025-03-02', lastSeen: '2025-03-02' });
  });

  it('orders a day’s events entered, returned, left, then by id in code-unit order', () => {
    const state = emptyState();
    applyDay(state, '2025-03-01', [model('z/gone'), model('m/back')]);
    applyDay(state, '2025-03-02', [model('z/gone')]);
    const { events } = applyDay(state, '2025-03-03', [model('m/back'), model('b/new'), model('B/new'), model('a/new')]);
    expect(events.map((e) => `${e.kind} ${e.id}`)).toEqual(['entered B/new', 'entered a/new', 'entered b/new', 'returned m/back', 'left z/gone']);
  });
});

describe('changes/leave', () => {
  it('records a model missing from the next snapshot as left, with the metrics last seen', async () => {
    const dataDir = await run([
      ['2025-03-01', [model('a/one', 1, 10), model('b/two', 5, 50)]],
      ['2025-03-02', [model('a/one', 1, 10), model('b/two', 6, 65)]],
      ['2025-03-03', [model('a/one', 1, 12)]],
    ]);
    const log = await readEventLog(dataDir);
    expect(log.events).toEqual([{ date: '2025-03-03', id: 'b/two', kind: 'left', likes: 6, downloads: 65 }]);
    const history = (await readHistories(dataDir)).get('b/two');
    expect(history?.intervals).toEqual([{ from: '2025-03-01', to: '2025-03-02' }]);
    expect(history?.lastSeen).toBe('2025-03-02');
  });

  it('records leaving once, not again on each later night the model stays away', async () => {
    const dataDir = await run([
      ['2025-03-01', [model('a/one'), model('b/two')]],
      ['2025-03-02', [model('a/one')]],
      ['2025-03-03', [model('a/one')]],
    ]);
    const kinds = (await readEventLog(dataDir)).events.map((e) => `${e.date} ${e.kind} ${e.id}`);
    expect(kinds).toEqual(['2025-03-02 left b/two']);
  });
});

describe('changes/return', () => {
  it('records a model back after leaving as returned, not entered, and opens a new interval', async () => {
    const dataDir = await run([
      ['2025-03-01', [model('a/one'), model('b/two', 3, 30)]],
      ['2025-03-02', [model('a/one')]],
      ['2025-03-03', [model('a/one'), model('b/two', 4, 44)]],
    ]);
    const log = await readEventLog(dataDir);
    expect(log.events.map((e) => [e.date, e.kind, e.id])).toEqual([
      ['2025-03-02', 'left', 'b/two'],
      ['2025-03-03', 'returned', 'b/two'],
    ]);
    expect(log.events[1]).toMatchObject({ likes: 4, downloads: 44 });
    expect((await readHistories(dataDir)).get('b/two')?.intervals).toEqual([
      { from: '2025-03-01', to: '2025-03-01' },
      { from: '2025-03-03', to: '2025-03-03' },
    ]);
  });

  it('agrees with diffSnapshots on consecutive snapshots', () => {
    const state = emptyState();
    const day1 = [model('a/one', 1, 1), model('b/two', 2, 2)];
    const day2 = [model('a/one', 1, 1)];
    const day3 = [model('b/two', 3, 3), model('c/new', 4, 4)];
    applyDay(state, '2025-03-01', day1);
    applyDay(state, '2025-03-02', day2);
    const seen = new Set(state.tracks.keys());
    const { events } = applyDay(state, '2025-03-03', day3);
    expect(events).toEqual(diffSnapshots(day2, day3, (id) => seen.has(id), '2025-03-03'));
    expect(events.map((e) => e.kind)).toEqual(['entered', 'returned', 'left']);
  });
});

describe('changes/missing-nights', () => {
  it('diffs against the last good snapshot, records the gap and invents nothing for it', async () => {
    const dataDir = await run([
      ['2025-03-01', [model('a/stay', 1, 10), model('b/goes', 2, 20)]],
      // 2025-03-02 and 2025-03-03: the crawl failed, no snapshot
      ['2025-03-04', [model('a/stay', 1, 15), model('c/new', 3, 30)]],
    ]);
    const log = await readEventLog(dataDir);
    expect(log.days[1]).toEqual({
      date: '2025-03-04',
      previous: '2025-03-01',
      missing: ['2025-03-02', '2025-03-03'],
      models: 2,
      entered: 1,
      left: 1,
      returned: 0,
      renamed: 0,
      gateway: null,
      served: 0,
      unserved: 0,
      servedAgain: 0,
    });
    expect(log.events.map((e) => `${e.date} ${e.kind} ${e.id}`)).toEqual(['2025-03-04 entered c/new', '2025-03-04 left b/goes']);
    const stay = (await readHistories(dataDir)).get('a/stay');
    expect(stay?.intervals).toEqual([{ from: '2025-03-01', to: '2025-03-04' }]);
    expect(stay?.downloads).toEqual([['2025-03-01', 10], ['2025-03-04', 15]]);
  });

  it('recognises a return across a gap', async () => {
    const dataDir = await run([
      ['2025-03-01', [model('a/one'), model('b/two')]],
      ['2025-03-02', [model('a/one')]],
      ['2025-03-05', [model('a/one'), model('b/two')]],
    ]);
    const log = await readEventLog(dataDir);
    expect(log.events.at(-1)).toMatchObject({ date: '2025-03-05', kind: 'returned', id: 'b/two' });
    expect(log.days.at(-1)?.missing).toEqual(['2025-03-03', '2025-03-04']);
  });

  it('refuses a date without a snapshot, names the nearest ones and changes no file', async () => {
    const dataDir = await run([
      ['2025-03-01', [model('a/one')]],
      ['2025-03-04', [model('a/one'), model('b/two')]],
    ]);
    const before = await changeFiles(dataDir);
    const failure = updateChanges(dataDir, '2025-03-02');
    await expect(failure).rejects.toBeInstanceOf(SnapshotNotFoundError);
    await expect(failure).rejects.toThrow('nearest: 2025-03-01, 2025-03-04');
    expect(await changeFiles(dataDir)).toEqual(before);
  });
});

describe('changes/impossible-dates', () => {
  it('will not turn a snapshot dated far in the future into years of missing nights', async () => {
    const dataDir = await tempDataDir();
    await writeDay(dataDir, '2026-03-01', [model('a/x')]);
    await updateChanges(dataDir, '2026-03-01');
    await writeDay(dataDir, '9999-12-31', [model('a/x')]);
    const before = await changeFiles(dataDir);
    await expect(updateChanges(dataDir, '9999-12-31')).rejects.toThrow(DataFileError);
    await expect(updateChanges(dataDir, '9999-12-31')).rejects.toThrow(/9999-12-31\.json: cannot be a snapshot date: 9999-12-31 is after tomorrow/);
    await expect(rebuildChanges(dataDir)).rejects.toThrow(/cannot be a snapshot date/);
    expect(await changeFiles(dataDir)).toEqual(before);
  });
});
