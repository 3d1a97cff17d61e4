import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonWithItemLines } from '../store/json-lines.ts';
import { dayNumber } from '../store/dates.ts';
import { DataFileError } from '../store/errors.ts';
import { parseEventLog, serialiseEventLog } from '../store/events-file.ts';
import { applyDay, emptyState } from '../changes/history.ts';
import { parseShard, serialiseShard, shardOf } from '../store/history-file.ts';
import { readEventLog } from '../store/change-files.ts';
import { readHistories, toModelHistory } from './history-helpers.ts';
import { updateChanges } from '../changes/update.ts';
import { model, tempDataDir, writeDay } from './changes-factory.ts';

async function nightly(days: [string, ReturnType<typeof model>[]][]): Promise<string> {
  const dataDir = await tempDataDir();
  for (const [date, models] of days) {
    await writeDay(dataDir, date, models);
    await updateChanges(dataDir, date);
  }
  return dataDir;
}

const shardFile = (dataDir: string, id: string): string => join(dataDir, 'history', `${shardOf(id)}.shard.json`);

/** Whether `after` is `before` with lines only inserted (what a git diff shows as pure additions). */
function onlyInsertions(before: string, after: string): boolean {
  const next = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    while (at < next.length && next[at] !== line) at++;
    if (at === next.length) return false;
    at++;
  }
  return true;
}

describe('changes/history-compaction', () => {
  it('stores a value only when it changes, never two equal points in a row', () => {
    const state = emptyState();
    const likes = [5, 5, 6, 6, 5, 5];
    likes.forEach((value, i) => applyDay(state, `2025-03-0${i + 1}`, [model('a/one', value, 100)]));
    const history = toModelHistory('a/one', state.tracks.get('a/one') ?? { presence: [], likes: [], downloads: [], gateway: [], genImages: [], upstreamId: null });
    expect(history.likes).toEqual([['2025-03-01', 5], ['2025-03-03', 6], ['2025-03-05', 5]]);
    expect(history.downloads).toEqual([['2025-03-01', 100]]);
  });

  it('joins presence across missing nights and splits it on an observed absence', async () => {
    const dataDir = await nightly([
      ['2025-03-01', [model('a/one'), model('b/two')]],
      ['2025-03-04', [model('a/one'), model('b/two')]],
      ['2025-03-05', [model('a/one')]],
      ['2025-03-07', [model('a/one'), model('b/two')]],
    ]);
    const histories = await readHistories(dataDir);
    expect(histories.get('a/one')).toMatchObject({
      firstSeen: '2025-03-01',
      lastSeen: '2025-03-07',
      intervals: [{ from: '2025-03-01', to: '2025-03-07' }],
    });
    expect(histories.get('b/two')?.intervals).toEqual([
      { from: '2025-03-01', to: '2025-03-04' },
      { from: '2025-03-07', to: '2025-03-07' },
    ]);
  });

  it('encodes a line as delta-coded day numbers, leaving an open interval without its end', async () => {
    const dataDir = await nightly([
      ['2025-03-01', [model('a/one', 1, 10), model('b/two', 0, 7)]],
      ['2025-03-02', [model('a/one', 1, 10)]],
      ['2025-03-03', [model('a/one', 1, 15), model('b/two', 2, 9)]],
      ['2025-03-04', [model('a/one', 1, 12)]],
    ]);
    const d = dayNumber('2025-03-01');
    const lines = (await readFile(shardFile(dataDir, 'a/one'), 'utf8')).split('\n');
    expect(lines).toContain(`    ["a/one",[${d}],[${d},1],[${d},10,2,5,1,-3],[],[],null]${shardOf('b/two') === shardOf('a/one') ? ',' : ''}`);
    const other = await readFile(shardFile(dataDir, 'b/two'), 'utf8');
    expect(other).toContain(`["b/two",[${d},0,2,0],[${d},0,2,2],[${d},7,2,2],[],[],null]`);
  });

  it('changes only the header and the lines of models whose metrics moved on a normal night', async () => {
    const ids = ['a/one'];
    for (let i = 0; ids.length < 6; i++) if (shardOf(`x/${i}`) === shardOf('a/one')) ids.push(`x/${i}`);
    const dataDir = await nightly([['2025-03-01', ids.map((id) => model(id, 1, 10))]]);
    const before = await readFile(shardFile(dataDir, 'a/one'), 'utf8');
    await writeDay(dataDir, '2025-03-02', ids.map((id) => model(id, 1, id === 'a/one' ? 11 : 10)));
    await updateChanges(dataDir, '2025-03-02');
    const after = await readFile(shardFile(dataDir, 'a/one'), 'utf8');
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toEqual(['  "through": "2025-03-02",', expect.stringMatching(/^ {4}\["a\/one",.*,1,1\],\[\],\[\],null\]/)]);
  });

  it('grows the year\'s event file by inserted lines only on a normal night', async () => {
    const dataDir = await nightly([
      ['2025-03-01', [model('a/one'), model('b/two')]],
      ['2025-03-02', [model('a/one'), model('c/new')]],
    ]);
    const before = await readFile(join(dataDir, 'events', '2025.events.json'), 'utf8');
    await writeDay(dataDir, '2025-03-04', [model('b/two'), model('d/new')]);
    await updateChanges(dataDir, '2025-03-04');
    const after = await readFile(join(dataDir, 'events', '2025.events.json'), 'utf8');
    expect(after.split('\n').length - before.split('\n').length).toBe(5);
    expect(onlyInsertions(before, after)).toBe(true);
    expect(onlyInsertions(after, before)).toBe(false);
  });
});

describe('changes/store', () => {
  it('reads back exactly what was written (event log and history)', async () => {
    const days: [string, ReturnType<typeof model>[]][] = [
      ['2025-03-01', [model('a/one', 1, 10), model('b/two', 2, 20)]],
      ['2025-03-02', [model('a/one', 3, 10)]],
      ['2025-03-04', [model('a/one', 3, 40), model('b/two', 2, 25), model('c/three', 0, 0)]],
    ];
    const dataDir = await nightly(days);
    const state = emptyState();
    for (const [date, models] of days) applyDay(state, date, models);
    expect(await readEventLog(dataDir)).toEqual(state.log);
    const expected = new Map([...state.tracks].map(([id, track]) => [id, toModelHistory(id, track)]));
    expect(await readHistories(dataDir)).toEqual(expected);
    const text = serialiseEventLog(state.log);
    expect(serialiseEventLog(parseEventLog(text, 'x'))).toBe(text);
  });

  it('returns an empty log and no histories for a data dir without change files', async () => {
    const dataDir = await tempDataDir();
    expect(await readEventLog(dataDir)).toEqual({ days: [], events: [] });
    expect((await readHistories(dataDir)).size).toBe(0);
  });

  it('rejects a hand-edited shard with an error naming the file and the model', async () => {
    const dataDir = await nightly([['2025-03-01', [model('a/one', 1, 10)]], ['2025-03-02', [model('a/one', 1, 11)]]]);
    const path = shardFile(dataDir, 'a/one');
    await writeFile(path, (await readFile(path, 'utf8')).replace(/,1,1\],\[\],\[\],null\]/, ',1,0],[],[],null]'));
    const failure = readHistories(dataDir);
    await expect(failure).rejects.toBeInstanceOf(DataFileError);
    await expect(failure).rejects.toThrow(`${path}: model #1: bad downloads change at 2`);
  });

  it('rejects an event log whose counts disagree with its events', async () => {
    const dataDir = await nightly([['2025-03-01', [model('a/one')]], ['2025-03-02', [model('b/two')]]]);
    const path = join(dataDir, 'events', '2025.events.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"entered":1', '"entered":2'));
    await expect(readEventLog(dataDir)).rejects.toThrow(`${path}: the counts of 2025-03-02 do not match its events`);
  });

  it('keeps hostile ids and extreme values intact through files and back', async () => {
    const hostile = [
      'evil/<script>alert(1)</script>',
      'quote/"\\\n\t',
      'rtl/\u202egnp.exe',
      'lone/\ud800surrogate',
      '__proto__/constructor', // an id must be owner/name; both parts are still prototype keys
      'emoji/🤖-模型',
      'amp/&amp;&#0;',
    ];
    const big = 2 ** 40;
    const dataDir = await nightly([
      ['2025-03-01', hostile.map((id, i) => model(id, i, big + i))],
      ['2025-03-02', hostile.slice(1).map((id, i) => model(id, i + 1, big))],
    ]);
    const histories = await readHistories(dataDir);
    expect([...histories.keys()].sort()).toEqual([...hostile].sort());
    expect(histories.get('lone/\ud800surrogate')?.downloads).toEqual([['2025-03-01', big + 3], ['2025-03-02', big]]);
    const log = await readEventLog(dataDir);
    expect(log.events).toEqual([{ date: '2025-03-02', id: hostile[0], kind: 'left', likes: 0, downloads: big }]);
    for (const name of new Set(hostile.map(shardOf))) {
      const text = await readFile(join(dataDir, 'history', `${name}.shard.json`), 'utf8');
      const shard = parseShard(text, name);
      expect(serialiseShard(name, shard.through, shard.tracks)).toBe(text);
      const raw = JSON.parse(text) as { format: number; shard: string; through: string; models: unknown[] };
      expect(jsonWithItemLines({ format: raw.format, shard: raw.shard, through: raw.through, models: raw.models }, { lineArrays: ['models'] })).toBe(text);
    }
  });
});

describe('changes/readme-example', () => {
  it('decodes the history example in data/README.md as its prose describes', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', 'data', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### `history/<shard>.shard.json`'));
    const block = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const shard = parseShard(block, 'README example');
    const histories = [...shard.tracks].map(([id, track]) => toModelHistory(id, track));
    expect(histories.map((h) => shardOf(h.id))).toEqual([shard.name, shard.name]);
    expect(histories[0]).toEqual({
      id: 'other/Old-Model-v11',
      firstSeen: '2025-02-21',
      lastSeen: '2025-03-01',
      intervals: [{ from: '2025-02-21', to: '2025-02-26' }, { from: '2025-03-01', to: '2025-03-01' }],
      likes: [['2025-02-21', 40], ['2025-03-01', 41]],
      downloads: [['2025-02-21', 97000], ['2025-03-01', 98000]],
      gatewayIntervals: [],
      genImages: [],
      upstreamId: 1187,
    });
    expect(histories[1]).toMatchObject({
      firstSeen: '2025-03-01',
      lastSeen: '2025-03-04',
      likes: [['2025-03-01', 3], ['2025-03-04', 5]],
      downloads: [['2025-03-01', 120], ['2025-03-04', 200]],
      gatewayIntervals: [{ from: '2025-03-02', to: '2025-03-04' }],
      genImages: [['2025-03-01', 512], ['2025-03-04', 600]],
      upstreamId: 90412,
    });
  });
});
