import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonWithItemLines, jsonWithItemLinesChunks } from '../store/json-lines.ts';
import { removeStaleTempFiles, STALE_TEMP_MS, writeChunksIfChanged, writeIfChanged } from '../store/atomic.ts';
import { lockDataDir } from '../store/lock.ts';
import { tempDir, treeContents } from './helpers.ts';

describe('storage/write-if-changed', () => {
  it('writes new content, skips identical content without touching the file, leaves no temp files', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a', 'file.json');
    expect(await writeIfChanged(path, 'one')).toBe(true);
    const before = (await stat(path)).mtimeMs;
    await new Promise((r) => setTimeout(r, 15));
    expect(await writeIfChanged(path, 'one')).toBe(false);
    expect((await stat(path)).mtimeMs).toBe(before);
    expect(await writeIfChanged(path, 'two')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'a'))).toEqual(['file.json']);
  });

  it('streams chunks to disk with the same rules', async () => {
    const dir = await tempDir();
    const path = join(dir, 'big.json');
    expect(await writeChunksIfChanged(path, ['a', 'é', 'c'])).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('aéc');
    expect(await writeChunksIfChanged(path, ['aé', 'c'])).toBe(false);
    expect(await writeChunksIfChanged(path, ['a', 'b'])).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('ab');
    expect(await readdir(dir)).toEqual(['big.json']);
  });

  it('leaves the old file intact when producing the content fails midway', async () => {
    const dir = await tempDir();
    const path = join(dir, 'f.json');
    await writeFile(path, 'old');
    function* failing(): Generator<string> {
      yield 'new';
      throw new Error('boom');
    }
    await expect(writeChunksIfChanged(path, failing())).rejects.toThrow('boom');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['f.json']);
  });
});

describe('storage/json-lines', () => {
  it('puts one item per line, in the given key order, and is valid JSON', () => {
    const text = jsonWithItemLines({ date: 'd', items: [{ b: 1, a: 2, x: 0 }, { a: 3, b: 4 }] }, { lineArrays: ['items'], itemKeys: ['a', 'b'] });
    expect(text).toBe('{\n  "date": "d",\n  "items": [\n    {"a":2,"b":1},\n    {"a":3,"b":4}\n  ]\n}\n');
    expect(JSON.parse(text)).toEqual({ date: 'd', items: [{ a: 2, b: 1 }, { a: 3, b: 4 }] });
    expect(jsonWithItemLines({ items: [] }, { lineArrays: ['items'] })).toBe('{\n  "items": []\n}\n');
  });

  it('gives the same text in chunks as in one piece', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ id: `m${i}`, n: i }));
    const chunks = [...jsonWithItemLinesChunks({ h: 1, models: items }, { lineArrays: ['models'], chunkSize: 256 })];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toBe(jsonWithItemLines({ h: 1, models: items }, { lineArrays: ['models'] }));
  });
});

describe('storage/leftover-temp-files', () => {
  it('deletes temp files a killed run left an hour or more ago, and nothing else', async () => {
    const dir = await tempDir();
    const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    for (const name of ['.2026-03-01.json.aa11.tmp', '.events.json.bb22.tmp', 'events.json', 'notes.tmp']) {
      await writeFile(join(dir, name), 'x');
      await utimes(join(dir, name), old, old);
    }
    await writeFile(join(dir, '.young.json.cc33.tmp'), 'x'); // a write still going on
    expect((await removeStaleTempFiles([dir, join(dir, 'missing')])).map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      '.2026-03-01.json.aa11.tmp',
      '.events.json.bb22.tmp',
    ]);
    expect((await readdir(dir)).sort()).toEqual(['.young.json.cc33.tmp', 'events.json', 'notes.tmp']);
  });

  it('is what taking the data dir lock does first', async () => {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'snapshots'));
    await mkdir(join(dataDir, 'history'));
    await mkdir(join(dataDir, 'events'));
    const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    for (const path of ['snapshots/.2026-03-01.json.aa.tmp', 'history/.0a.shard.json.bb.tmp', '.events.json.cc.tmp', 'events/.2026.events.json.dd.tmp', 'events/.index.json.ee.tmp']) {
      await writeFile(join(dataDir, path), 'x');
      await utimes(join(dataDir, path), old, old);
    }
    await (await lockDataDir(dataDir, 'test')).release();
    expect(await treeContents(dataDir)).toEqual({});
  });
});
