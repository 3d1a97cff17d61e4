// The gateway as its own list (served / unserved / served-again) and renames (the same upstream `Id`
// under a new id), through the real files: snapshots written, changes:update run night after night.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as diffMain } from '../changes/diff-cli.ts';
import { applyDay, emptyState, rewindDay } from '../changes/history.ts';
import { rebuildChanges } from '../changes/rebuild.ts';
import { updateChanges } from '../changes/update.ts';
import { readEventLog } from '../store/change-files.ts';
import { readHistories } from './history-helpers.ts';
import { parseEventLog } from '../store/events-file.ts';
import { DataFileError, OutdatedFileError } from '../store/errors.ts';
import type { ModelRecord } from '../store/record.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import { changeFiles, model, snapshot, tempDataDir } from './changes-factory.ts';

type Night = { date: string; models: ModelRecord[]; gateway?: string[] };

const listed = (id: string, upstreamId: number | null, likes = 1, downloads = 10, extra: Partial<ModelRecord> = {}): ModelRecord => ({
  ...model(id, likes, downloads),
  upstreamId,
  ...extra,
});

/** Write each night's snapshot (with its gateway list when given) and update after it, as the nightly does. */
async function nights(list: readonly Night[], dataDir?: string): Promise<string> {
  const dir = dataDir ?? (await tempDataDir());
  for (const night of list) {
    const base = snapshot(night.date, night.models);
    const gateway = night.gateway?.slice().sort().map((id) => ({ id, since: null }));
    await writeSnapshot(dir, gateway === undefined ? base : { ...base, gateway });
    await updateChanges(dir, night.date);
  }
  return dir;
}

const kinds = (events: readonly { date: string; kind: string; id: string; from?: string | undefined }[]): string[] =>
  events.map((e) => `${e.date} ${e.kind} ${e.id}${e.from === undefined ? '' : ` from ${e.from}`}`);

describe('changes/renames', () => {
  it('records one renamed event when an upstream Id moves to a new id, and carries its history on', async () => {
    const dir = await nights([
      { date: '2025-03-01', models: [listed('damo/speech', 71, 5, 100), listed('a/stays', 1)] },
      { date: '2025-03-02', models: [listed('damo/speech', 71, 6, 120), listed('a/stays', 1)] },
      { date: '2025-03-03', models: [listed('iic/speech', 71, 7, 150), listed('a/stays', 1)] },
    ]);
    const log = await readEventLog(dir);
    expect(log.events).toEqual([{ date: '2025-03-03', id: 'iic/speech', kind: 'renamed', likes: 7, downloads: 150, from: 'damo/speech' }]);
    expect(log.days[2]).toMatchObject({ entered: 0, left: 0, returned: 0, renamed: 1 });
    const histories = await readHistories(dir);
    expect(histories.get('damo/speech')).toBeUndefined();
    expect(histories.get('iic/speech')).toMatchObject({
      firstSeen: '2025-03-01',
      lastSeen: '2025-03-03',
      intervals: [{ from: '2025-03-01', to: '2025-03-03' }],
      likes: [['2025-03-01', 5], ['2025-03-02', 6], ['2025-03-03', 7]],
      upstreamId: 71,
    });
  });

  it('does not merge histories when the upstream Id is ambiguous or unknown', async () => {
    const dir = await nights([
      { date: '2025-03-01', models: [listed('x/one', 5), listed('x/two', 5), listed('n/null', null), listed('k/kept', 9)] },
      { date: '2025-03-02', models: [listed('y/one', 5), listed('m/null', null), listed('k/kept', 9), listed('k/twin', 9)] },
    ]);
    const log = await readEventLog(dir);
    expect(kinds(log.events)).toEqual([
      '2025-03-02 entered k/twin',
      '2025-03-02 entered m/null',
      '2025-03-02 entered y/one',
      '2025-03-02 left n/null',
      '2025-03-02 left x/one',
      '2025-03-02 left x/two',
    ]);
  });

  it('never calls a return a rename: an id seen before comes back as returned', async () => {
    const dir = await nights([
      { date: '2025-03-01', models: [listed('old/a', 3), listed('new/a', 4)] },
      { date: '2025-03-02', models: [listed('old/a', 3)] },
      { date: '2025-03-03', models: [listed('new/a', 3)] },
    ]);
    expect(kinds((await readEventLog(dir)).events)).toEqual(['2025-03-02 left new/a', '2025-03-03 returned new/a', '2025-03-03 left old/a']);
  });

  it('gives the same files by nightly updates, by a same-night re-run and by a rebuild', async () => {
    const list: Night[] = [
      { date: '2025-03-01', models: [listed('damo/a', 1), listed('damo/b', 2)], gateway: ['damo/a', 'gw/only'] },
      { date: '2025-03-02', models: [listed('iic/a', 1, 2), listed('damo/b', 2)], gateway: ['damo/a', 'iic/a'] },
      { date: '2025-03-03', models: [listed('iic/a', 1, 3), listed('iic/b', 2)], gateway: ['iic/a', 'gw/only'] },
    ];
    const nightly = await nights(list);
    const files = await changeFiles(nightly);
    // Re-running the newest night rewinds its rename and applies it again.
    await updateChanges(nightly, '2025-03-03');
    expect(await changeFiles(nightly)).toEqual(files);
    const other = await nights(list.slice(0, 2));
    await writeSnapshot(other, { ...snapshot('2025-03-03', [listed('iic/a', 1, 9)]), gateway: [] });
    await updateChanges(other, '2025-03-03');
    await writeSnapshot(other, { ...snapshot('2025-03-03', list[2]?.models ?? []), gateway: ['gw/only', 'iic/a'].map((id) => ({ id, since: null })) });
    await updateChanges(other, '2025-03-03');
    expect(await changeFiles(other)).toEqual(files);
    await rebuildChanges(nightly);
    expect(await changeFiles(nightly)).toEqual(files);
    const log = await readEventLog(nightly);
    expect(kinds(log.events)).toEqual([
      '2025-03-02 renamed iic/a from damo/a',
      '2025-03-02 served iic/a',
      '2025-03-02 unserved gw/only',
      '2025-03-03 renamed iic/b from damo/b',
      '2025-03-03 served-again gw/only',
      '2025-03-03 unserved damo/a',
    ]);
    // The old id keeps its gateway stays; its catalog history moved.
    expect((await readHistories(nightly)).get('damo/a')).toMatchObject({ intervals: [], gatewayIntervals: [{ from: '2025-03-01', to: '2025-03-02' }] });
  });

  it('rewinds a day exactly, renames and gateway stays included', () => {
    const state = emptyState();
    applyDay(state, '2025-03-01', [{ id: 'damo/a', likes: 1, downloads: 1, upstreamId: 8, genImageCount: 4 }], { ids: ['damo/a'], complete: true });
    const before = structuredClone(state);
    applyDay(state, '2025-03-02', [{ id: 'iic/a', likes: 2, downloads: 2, upstreamId: 8, genImageCount: 6 }], { ids: ['iic/a', 'gw/x'], complete: true });
    expect(state.tracks.get('iic/a')).toMatchObject({ genImages: [expect.any(Number), 4, expect.any(Number), 6] });
    rewindDay(state);
    expect(state).toEqual(before);
  });
});

describe('changes/gateway', () => {
  it('derives served, no longer served and served again, with catalog figures or null for ids it does not list', async () => {
    const dir = await nights([
      { date: '2025-03-01', models: [listed('qwen/chat', 1, 5, 50)], gateway: ['qwen/chat', 'Wan-AI/T2V'] },
      { date: '2025-03-02', models: [listed('qwen/chat', 1, 6, 60)], gateway: ['Wan-AI/T2V'] },
      { date: '2025-03-03', models: [listed('qwen/chat', 1, 7, 70)], gateway: ['qwen/chat', 'Wan-AI/T2V', 'deepseek-ai/new'] },
      { date: '2025-03-04', models: [listed('qwen/chat', 1, 7, 70)], gateway: ['qwen/chat'] },
    ]);
    const log = await readEventLog(dir);
    expect(log.events).toEqual([
      { date: '2025-03-02', id: 'qwen/chat', kind: 'unserved', likes: 5, downloads: 50 },
      { date: '2025-03-03', id: 'deepseek-ai/new', kind: 'served', likes: null, downloads: null },
      { date: '2025-03-03', id: 'qwen/chat', kind: 'served-again', likes: 7, downloads: 70 },
      { date: '2025-03-04', id: 'Wan-AI/T2V', kind: 'unserved', likes: null, downloads: null },
      { date: '2025-03-04', id: 'deepseek-ai/new', kind: 'unserved', likes: null, downloads: null },
    ]);
    expect(log.days.map((d) => [d.gateway, d.served, d.unserved, d.servedAgain, d.entered, d.left])).toEqual([
      [2, 0, 0, 0, 0, 0],
      [1, 0, 1, 0, 0, 0],
      [3, 1, 0, 1, 0, 0],
      [1, 0, 2, 0, 0, 0],
    ]);
    const histories = await readHistories(dir);
    expect(histories.get('Wan-AI/T2V')).toMatchObject({ firstSeen: '', intervals: [], likes: [], gatewayIntervals: [{ from: '2025-03-01', to: '2025-03-03' }] });
    expect(histories.get('qwen/chat')?.gatewayIntervals).toEqual([
      { from: '2025-03-01', to: '2025-03-01' },
      { from: '2025-03-03', to: '2025-03-04' },
    ]);
  });

  it('treats the first night with its own gateway list after older snapshots as a gateway baseline', async () => {
    const dir = await nights([
      { date: '2025-03-01', models: [listed('qwen/chat', 1, 5, 50, { openaiApi: true }), listed('lora/x', 2)] },
      { date: '2025-03-02', models: [listed('qwen/chat', 1, 5, 50, { openaiApi: true }), listed('lora/x', 2)], gateway: ['qwen/chat', 'Wan-AI/T2V'] },
      { date: '2025-03-03', models: [listed('qwen/chat', 1, 5, 50, { openaiApi: true }), listed('lora/x', 2)], gateway: ['Wan-AI/T2V'] },
    ]);
    const log = await readEventLog(dir);
    expect(log.days.map((d) => d.gateway)).toEqual([null, 2, 1]);
    expect(kinds(log.events)).toEqual(['2025-03-03 unserved qwen/chat']);
    // The older snapshot's openaiApi flags stood in for its gateway list.
    expect((await readHistories(dir)).get('qwen/chat')?.gatewayIntervals).toEqual([{ from: '2025-03-01', to: '2025-03-02' }]);
  });

  it('refuses a snapshot whose gateway list repeats an id, writing nothing', () => {
    const state = emptyState();
    expect(() => applyDay(state, '2025-03-01', [], { ids: ['a/b', 'a/b'], complete: true })).toThrow(DataFileError);
    expect(state.log.days).toEqual([]);
  });

  it('prints renames and the gateway lists in the diff, as text and as JSON', async () => {
    const dir = await nights([
      { date: '2025-03-01', models: [listed('damo/a', 3)], gateway: ['damo/a', 'gw/gone'] },
      { date: '2025-03-02', models: [listed('iic/a', 3, 4, 40)], gateway: ['iic/a'] },
    ]);
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text), env: {} };
    expect(await diffMain(['--data-dir', dir], io)).toBe(0);
    const text = out.join('');
    expect(text).toContain('Renamed (1):\n  damo/a → iic/a');
    expect(text).toContain('Gateway ids: 2 → 1');
    expect(text).toContain('Served (1):\n  iic/a  likes 4, downloads 40');
    expect(text).toContain('No longer served (2):\n  damo/a  likes 1, downloads 10\n  gw/gone  not on the catalog list');
    out.length = 0;
    expect(await diffMain(['--data-dir', dir, '--json'], io)).toBe(0);
    const report = JSON.parse(out.join('')) as { renamed: unknown; entered: unknown; gateway: { unserved: unknown } };
    expect(report.renamed).toEqual([{ id: 'iic/a', likes: 4, downloads: 40, from: 'damo/a' }]);
    expect(report.entered).toEqual([]);
    expect(report.gateway.unserved).toEqual([{ id: 'damo/a', likes: 1, downloads: 10 }, { id: 'gw/gone', likes: null, downloads: null }]);
  });
});

describe('changes/format', () => {
  it('rebuilds by itself from the snapshots when the files are of the older format', async () => {
    const dir = await nights([
      { date: '2025-03-01', models: [listed('a/one', 1)] },
      { date: '2025-03-02', models: [listed('a/one', 1), listed('b/two', 2)] },
    ]);
    const files = await changeFiles(dir);
    // Rewrite both as the first format wrote them: one events.json whose days lack the new counts, 4-item lines.
    const year = files['events/2025.events.json'] ?? '';
    await rm(join(dir, 'events'), { recursive: true });
    await writeFile(join(dir, 'events.json'), year.replace(/,"renamed":0,"gateway":null,"served":0,"unserved":0,"servedAgain":0/g, ''));
    expect(() => parseEventLog(year, 'x')).not.toThrow();
    await expect(readEventLog(dir)).rejects.toBeInstanceOf(OutdatedFileError);
    for (const name of Object.keys(files).filter((n) => n.startsWith('history/'))) {
      const path = join(dir, name);
      await writeFile(path, (await readFile(path, 'utf8')).replace('"format": 2', '"format": 1').replace(/,\[\],\[\],null\]/g, ']'));
    }
    await writeSnapshot(dir, snapshot('2025-03-03', [listed('b/two', 2)]));
    const summary = await updateChanges(dir, '2025-03-03');
    expect(summary.mode).toBe('rebuild');
    const log = await readEventLog(dir);
    expect(kinds(log.events)).toEqual(['2025-03-02 entered b/two', '2025-03-03 left a/one']);
    // The rebuild wrote the log in today's layout and took the older file away.
    expect(Object.keys(await changeFiles(dir)).filter((name) => !name.startsWith('history/'))).toEqual(['events/2025.events.json', 'events/index.json']);
  });

  it('rejects hand-edited events: from on a non-rename, a rename without from, a catalog event without figures', () => {
    const day = '{"date":"2025-03-02","previous":"2025-03-01","missing":[],"models":1,"entered":1,"left":0,"returned":0,"renamed":0,"gateway":null,"served":0,"unserved":0,"servedAgain":0}';
    const log = (event: string) => `{"days":[{"date":"2025-03-01","previous":null,"missing":[],"models":1,"entered":0,"left":0,"returned":0,"renamed":0,"gateway":null,"served":0,"unserved":0,"servedAgain":0},${day}],"events":[${event}]}`;
    expect(() => parseEventLog(log('{"date":"2025-03-02","id":"a/b","kind":"entered","likes":1,"downloads":2}'), 'f')).not.toThrow();
    expect(() => parseEventLog(log('{"date":"2025-03-02","id":"a/b","kind":"entered","likes":1,"downloads":2,"from":"x/y"}'), 'f')).toThrow(/from/);
    expect(() => parseEventLog(log('{"date":"2025-03-02","id":"a/b","kind":"entered","likes":null,"downloads":2}'), 'f')).toThrow(/likes/);
    expect(() => parseEventLog(log('{"date":"2025-03-02","id":"a/b","kind":"renamed","likes":1,"downloads":2}').replace('"entered":1', '"entered":0').replace('"renamed":0,"gateway":null,"served":0,"unserved":0,"servedAgain":0}]', '"renamed":1,"gateway":null,"served":0,"unserved":0,"servedAgain":0}]'), 'f')).toThrow(/from/);
  });
});
