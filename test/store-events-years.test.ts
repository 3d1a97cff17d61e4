// store/events-years: the event log split by year on disk (events/<year>.events.json and events/index.json).
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { updateChanges } from '../changes/update.ts';
import { readEventLog } from '../store/change-files.ts';
import { serialiseEventLog } from '../store/events-file.ts';
import { indexOf, parseIndex, serialiseIndex, splitByYear } from '../store/events-years.ts';
import { DataFileError } from '../store/errors.ts';
import { changeFiles, model, tempDataDir, writeDay } from './changes-factory.ts';

/** A data dir whose nights cross New Year: 2025-12-30, 2025-12-31 and 2026-01-02 (2026-01-01 missing). */
async function acrossNewYear(): Promise<string> {
  const dataDir = await tempDataDir();
  await writeDay(dataDir, '2025-12-30', [model('a/one', 1, 10)]);
  await writeDay(dataDir, '2025-12-31', [model('a/one', 1, 11), model('b/two', 2, 20)]);
  await writeDay(dataDir, '2026-01-02', [model('b/two', 3, 20), model('c/three')]);
  await rebuildChanges(dataDir);
  return dataDir;
}

const eventFiles = async (dataDir: string): Promise<string[]> => Object.keys(await changeFiles(dataDir)).filter((name) => !name.startsWith('history/'));

describe('store/events-years', () => {
  it('keeps each year in its own file, listed by the index, and reads them back as one log', async () => {
    const dataDir = await acrossNewYear();
    expect(await eventFiles(dataDir)).toEqual(['events/2025.events.json', 'events/2026.events.json', 'events/index.json']);
    const log = await readEventLog(dataDir);
    expect(log.days.map((day) => day.date)).toEqual(['2025-12-30', '2025-12-31', '2026-01-02']);
    expect(log.events.map((event) => `${event.date} ${event.kind} ${event.id}`)).toEqual([
      '2025-12-31 entered b/two', '2026-01-02 entered c/three', '2026-01-02 left a/one',
    ]);
    const index = JSON.parse(await readFile(join(dataDir, 'events', 'index.json'), 'utf8')) as unknown;
    expect(index).toEqual({
      format: 1,
      years: [
        { year: '2025', file: '2025.events.json', first: '2025-12-30', last: '2025-12-31', days: 2, events: 1 },
        { year: '2026', file: '2026.events.json', first: '2026-01-02', last: '2026-01-02', days: 1, events: 2 },
      ],
    });
    // Each year file is in the one-file format, so any reader of the older events.json reads it.
    const year = JSON.parse(await readFile(join(dataDir, 'events', '2026.events.json'), 'utf8')) as { days: { missing: string[] }[] };
    expect(year.days[0]?.missing).toEqual(['2026-01-01']);
  });

  it('rewrites only the newest year on a night: last year stays byte for byte and untouched', async () => {
    const dataDir = await acrossNewYear();
    const old = join(dataDir, 'events', '2025.events.json');
    const [bytes, { mtimeMs }] = [await readFile(old, 'utf8'), await stat(old)];
    await writeDay(dataDir, '2026-01-03', [model('b/two', 4, 21), model('c/three'), model('d/four')]);
    const summary = await updateChanges(dataDir, '2026-01-03');
    expect(summary.filesWritten.filter((name) => name.startsWith('events/'))).toEqual(['events/2026.events.json', 'events/index.json']);
    expect(await readFile(old, 'utf8')).toBe(bytes);
    expect((await stat(old)).mtimeMs).toBe(mtimeMs);
  });

  it('reads an older single events.json, and the next write replaces it with the year files', async () => {
    const dataDir = await acrossNewYear();
    const log = await readEventLog(dataDir);
    await rm(join(dataDir, 'events'), { recursive: true });
    await writeFile(join(dataDir, 'events.json'), serialiseEventLog(log));
    expect(await readEventLog(dataDir)).toEqual(log);
    await writeDay(dataDir, '2026-01-03', [model('b/two', 3, 20), model('c/three')]);
    const summary = await updateChanges(dataDir, '2026-01-03');
    expect(summary.filesRemoved).toContain('events.json');
    expect(await eventFiles(dataDir)).toEqual(['events/2025.events.json', 'events/2026.events.json', 'events/index.json']);
    expect((await readEventLog(dataDir)).days.map((day) => day.date)).toEqual(['2025-12-30', '2025-12-31', '2026-01-02', '2026-01-03']);
  });

  it('refuses a year file that is missing, unlisted, out of its year or unlike its index line, naming the file', async () => {
    const dataDir = await acrossNewYear();
    const dir = join(dataDir, 'events');
    const files = await changeFiles(dataDir);
    const restore = async (): Promise<void> => {
      await rm(dir, { recursive: true });
      await rebuildChanges(dataDir);
    };
    await rm(join(dir, '2026.events.json'));
    await expect(readEventLog(dataDir)).rejects.toThrow(`${join(dir, 'index.json')}: the index lists 2026.events.json, which is missing`);
    await restore();
    await writeFile(join(dir, '2027.events.json'), files['events/2026.events.json'] ?? '');
    await expect(readEventLog(dataDir)).rejects.toThrow(`${join(dir, '2027.events.json')}: is not listed in index.json`);
    await restore();
    // 2026's days written into 2025's file (and 2025's into 2026's): each holds a date of another year.
    await writeFile(join(dir, '2025.events.json'), files['events/2026.events.json'] ?? '');
    await expect(readEventLog(dataDir)).rejects.toThrow(`${join(dir, '2025.events.json')}: holds 2026-01-02, which is not in 2025`);
    await restore();
    const index = join(dir, 'index.json');
    await writeFile(index, (files['events/index.json'] ?? '').replace('"events":2', '"events":3'));
    await expect(readEventLog(dataDir)).rejects.toThrow(/2026\.events\.json: does not match its line in index\.json \(1 days, 2 events/);
    await writeFile(index, '{"format":1,"years":[');
    await expect(readEventLog(dataDir)).rejects.toBeInstanceOf(DataFileError);
    await expect(readEventLog(dataDir)).rejects.toThrow(`${index}: not valid JSON`);
  });

  it('splits a log by year in order, and writes an index one year per line that parses back', () => {
    const day = (date: string) => ({ date, previous: null, missing: [], models: 1, entered: 0, left: 0, returned: 0, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0 });
    const log = { days: [day('2024-12-31'), day('2025-06-01'), day('2027-01-01')], events: [] };
    const years = splitByYear(log);
    expect([...years.keys()]).toEqual(['2024', '2025', '2027']);
    const text = serialiseIndex(indexOf(years));
    expect(text.split('\n')).toHaveLength(9);
    expect(text.endsWith('\n')).toBe(true);
    expect(parseIndex(text, 'x')).toEqual(indexOf(years));
    expect(serialiseIndex(indexOf(new Map()))).toBe('{\n  "format": 1,\n  "years": []\n}\n');
    expect(() => parseIndex(text.replace('"year":"2025"', '"year":"2023"'), 'ix')).toThrow(/ix: year 2023 is listed with file 2025\.events\.json/);
    expect(() => parseIndex('{"format":2,"years":[]}', 'ix')).toThrow(/ix: does not match the event index schema at format/);
  });
});
