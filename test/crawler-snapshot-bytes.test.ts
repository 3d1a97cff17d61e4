// The crawl's output pinned byte for byte: fixed simulator worlds crawled into snapshot files, and the real
// fixture pages (with hostile variants of their records) normalised, each hashed. The hashes were computed
// on the code before the crawl was made lean (issue 24), so a faster crawl that writes one byte differently,
// keeps or rejects another record, or words a rejection otherwise fails here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../core/cli.ts';
import { parseCatalogPage } from '../crawler/modelscope.ts';
import { normaliseModel } from '../crawler/normalise.ts';
import { runNight } from '../pipeline/night.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { snapshotPath } from '../store/snapshots.ts';
import { crawlOptions, quietProgress, tempDir } from './helpers.ts';

const sha = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** Crawl `sim` once into a fresh data dir; the snapshot file's bytes and the crawl's reported facts. */
async function crawlBytes(sim: Simulator, date: string, extra: string[] = []): Promise<{ bytes: string; facts: string; code: number }> {
  const dataDir = await tempDir('crawler-bytes-');
  let facts = '';
  const options = { ...crawlOptions(sim, dataDir, date, ['--no-changes', ...extra]), onCrawled: (crawled: unknown) => void (facts = JSON.stringify(crawled)) };
  const { exitCode } = await runNight(options, { progress: quietProgress().progress });
  // The simulator's port is in `source`: the one part of the bytes that changes from run to run.
  const bytes = (await readFile(snapshotPath(dataDir, date), 'utf8')).replaceAll(sim.origin, 'http://simulator');
  return { bytes: sha(bytes), facts: sha(facts), code: exitCode };
}

let real: Simulator;
let tidy: Simulator;
beforeAll(async () => {
  real = await startSimulator({ size: 1500, seed: 3, day: 2 });
  tidy = await startSimulator({ size: 700, seed: 11, tidy: true });
});
afterAll(async () => {
  await real.close();
  await tidy.close();
});

describe('crawler/snapshot-bytes', () => {
  it('writes the same snapshot bytes as before for the real-shaped world', async () => {
    const { bytes, facts, code } = await crawlBytes(real, '2026-06-03');
    expect(code).toBe(EXIT.ok);
    expect({ bytes, facts }).toEqual({
      bytes: '02f2cade7e159e070d2256380a8856a339e7622683bc70114aaca9aaf3c3b5a7',
      facts: 'e5c72e5c7ed5979ab9969c7ca14ee1e71548b3bea8e323d289a16bda07fe6dd1',
    });
  });

  it('writes the same snapshot bytes as before for the tidy world', async () => {
    const { bytes, facts, code } = await crawlBytes(tidy, '2026-06-01');
    expect(code).toBe(EXIT.ok);
    expect({ bytes, facts }).toEqual({
      bytes: 'ab1637008b370bf76e65c3c46604b4ad0bbbe65fd056b11d521477fe2e1abe88',
      facts: 'e5c72e5c7ed5979ab9969c7ca14ee1e71548b3bea8e323d289a16bda07fe6dd1',
    });
  });

  it('writes the same bytes as before while the order moves (one request at a time, so the moves are fixed)', async () => {
    real.inject({ kind: 'moving-order', share: 0.05, updates: 0.001 });
    try {
      const { bytes, facts, code } = await crawlBytes(real, '2026-06-04', ['--concurrency', '1']);
      expect(code).toBe(EXIT.ok);
      expect({ bytes, facts }).toEqual({
        bytes: 'd8ade24056dcbe854fcde4ac87b36fc9a826c9ff037e46a8d4b43e1ca99ba167',
        facts: 'a2a77065d060336cadaab15055f5be856df9c262262fa332fc30096260148af9',
      });
    } finally {
      real.clearFaults();
    }
  });
});

// Hostile variants of real records: every field the normaliser reads given a wrong type, an odd value, an
// over-long text or list. What each becomes (record or rejection reason, word for word) is pinned.
const MUTATIONS: [string, unknown][] = [
  ['Path', 42], ['Path', ''], ['Path', 'a/b'], ['Path', '..'], ['Path', ' spaced'], ['Name', null], ['Name', 'x'.repeat(1200)],
  ['ChineseName', 7], ['ChineseName', '名'.repeat(300)], ['ChineseName', null],
  ['Stars', '12'], ['Stars', ' 12 '], ['Stars', '1.5'], ['Stars', -3], ['Stars', 2 ** 60], ['Stars', {}], ['Stars', ''], ['Downloads', 'lots'], ['Downloads', true],
  ['Tasks', 'text'], ['Tasks', null], ['Tasks', [{ Name: ' ' }, { Name: 'a' }, 3, null, { Name: 'b'.repeat(250) }]], ['Tasks', Array.from({ length: 60 }, (_, i) => ({ Name: `t${i}` }))],
  ['Tags', 'x'], ['Tags', [1, 'a', null, 'a']], ['Tags', Array.from({ length: 70 }, (_, i) => `tag${i % 55}`)],
  ['License', 'Apache License 2.0'], ['License', '  MIT  '], ['License', 5], ['SupportInference', ''], ['SupportInference', ' txt2img '], ['SupportInference', []],
  ['AigcType', 9], ['VisionFoundation', ' FLUX_1 '],
  ['CreatedTime', 'yesterday'], ['CreatedTime', 1], ['CreatedTime', 4_102_444_800], ['CreatedTime', 1_700_000_000_000], ['CreatedTime', '1700000000'], ['LastUpdatedTime', NaN], ['LastUpdatedTime', null],
  ['BaseModel', 'a/b@v1'], ['BaseModel', ['a/b', 'a/b', 'a/b@', '@x', 'nope', 3, `${'o'.repeat(1001)}/n`]], ['BaseModel', Array.from({ length: 60 }, (_, i) => `o/m${i}`)],
  ['ModelInfos', { safetensor: { model_size: '1000', files: [{ name: 'a-00001-of-00002.safetensors' }, { name: 'a-00002-of-00002.safetensors' }] } }],
  ['ModelInfos', { safetensor: { model_size: 1000, files: [{ name: 'a.safetensors' }, { name: 'b.safetensors' }] } }], ['ModelInfos', 'x'],
  ['Id', 12.5], ['Id', '77'], ['Id', 0], ['Organization', { Type: 2, FullName: ' Org ' }], ['Organization', { Type: -1, FullName: 3 }], ['Organization', []],
  ['OfficialTags', [{ Tag: 'p', Name: 'P', ChineseName: '写' }, { Tag: 'p' }, { Tag: ' ' }, { Tag: 'q'.repeat(201) }, 'x']],
  ['TriggerWords', [' a ', 'a', '', 3]], ['TriggerWords', null], ['TriggerWords', 'word'],
  ['MuseInfo', { genImageCount: '5', versions: [{ modelVersion: { triggerWords: '["x","y"]' }, inferenceCompanionVersionInfo: { modelUrl: 'modelscope://o/n?revision=v2' } }] }],
  ['MuseInfo', { genImageCount: null, versions: [{ modelVersion: { triggerWords: 'not json' }, inferenceCompanionVersionInfo: { modelUrl: 'http://x' } }] }],
  ['MuseInfo', { genImageCount: 'many', versions: 'none' }],
  ['__proto__', { polluted: true }], ['constructor', 1], ['Extra', 'kept out'],
];

function fixtureItems(): unknown[] {
  const lora = parseCatalogPage(JSON.parse(readFileSync(new URL('./fixtures/modelscope-dolphin-lora-page-raw.json', import.meta.url), 'utf8')));
  return lora.items;
}

describe('crawler/normalise-bytes', () => {
  it('normalises the real page and hostile variants of its records exactly as before', () => {
    const items = fixtureItems();
    const gateway = new Map<string, string | null>([['DiffSynth-Studio/Qwen-Image-Edit-F2P', '2025-10-17'], [`${String((items[1] as { Path: string }).Path)}/${String((items[1] as { Name: string }).Name)}`, null]]);
    const variants: unknown[] = [...items, null, 3, 'text', [], {}];
    for (const [index, [key, value]] of MUTATIONS.entries()) {
      const base = items[index % items.length] as Record<string, unknown>;
      const copy: Record<string, unknown> = { ...base };
      Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
      variants.push(copy);
    }
    const out = variants.map((item) => {
      const notes: string[] = [];
      const result = normaliseModel(item, gateway, { nulledTimestamp: (field, problem) => notes.push(`${field}:${problem}`), cut: (field) => notes.push(`cut:${field}`) });
      return JSON.stringify({ result, notes });
    });
    expect(out).toHaveLength(items.length + 5 + MUTATIONS.length);
    // Both sides are pinned: records kept (with cuts and nulled timestamps noted) and rejections with their reasons.
    expect(out.filter((line) => line.includes('"reason"')).length).toBe(24);
    expect(out.filter((line) => line.includes('"notes":["')).length).toBe(11);
    expect(sha(out.join('\n'))).toBe('76886e89c4ba79e14d4a972e33fb9dbc4d4a0e1eb3a352d8646ef457f95c5144');
  });
});
