// Models that left before the tombstone window have no page file: their records go to the bucketed
// archive `api/departed/`, from which 404.html draws their tombstone. Which models, the record, the
// bucket hash and the lookup the browser does are checked here; the built files in site-html, the
// browser in site-browser.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateChanges } from '../changes/update.ts';
import { departedModels } from '../site/src/lib/model/departed-models.ts';
import { DEPARTED_FORMAT, departedBucket, departedBucketCount, departedBuckets, departedPageOf, findDeparted, isDepartedModel, type DepartedModel } from '../site/src/lib/model/departed.ts';
import { readSiteInputs } from '../publish/inputs.ts';
import { hasPageFile } from '../publish/pages.ts';
import { model, tempDataDir, writeDay } from './changes-factory.ts';

const NIGHTS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
/** Who is on the list each night (by index into NIGHTS). */
const ON: Record<string, number[]> = {
  'stays/always': [0, 1, 2, 3, 4, 5],
  'early/gone': [0, 1],
  'back/and-gone': [0, 2, 3],
  'late/gone': [0, 1, 2, 3, 4],
  'odd/na me': [0],
};

let root: string;
let dataDir: string;
beforeAll(async () => {
  root = await tempDataDir();
  dataDir = join(root, 'data');
  for (const [k, date] of NIGHTS.entries()) {
    await writeDay(dataDir, date, Object.entries(ON).filter(([, nights]) => nights.includes(k)).map(([id]) => model(id, 10 + k, 100 * (k + 1))));
    await updateChanges(dataDir, date);
  }
});
afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

const inputsWith = (tombstoneDays: number | 'all') => readSiteInputs({ dataDir, siteUrl: 'https://u.github.io/repo/', snapshotDays: 1, tombstoneDays });

describe('site/departed-models: which models lose their page file', () => {
  it('keeps a page for models on the list and those last seen within the newest N days', async () => {
    const inputs = await inputsWith(2);
    const paged = [...inputs.tracks].filter(([, track]) => hasPageFile(track, inputs)).map(([id]) => id).sort();
    // The newest night is 03-06; within 2 days means last seen on 03-04 or later.
    expect(paged).toEqual(['back/and-gone', 'late/gone', 'stays/always']);
    expect(departedModels(inputs).map((m) => m.id)).toEqual(['early/gone', 'odd/na me']);
  });

  it('keeps every page with "all", and only those on the list with 0', async () => {
    expect(departedModels(await inputsWith('all'))).toEqual([]);
    expect(departedModels(await inputsWith(0)).map((m) => m.id)).toEqual(['back/and-gone', 'early/gone', 'late/gone', 'odd/na me']);
  });

  it('records when it left, every stay, its last figures and its page', async () => {
    const gone = departedModels(await inputsWith(1)).find((m) => m.id === 'back/and-gone');
    expect(gone).toEqual({
      id: 'back/and-gone',
      page: 'models/back/and-gone/',
      left: '2026-03-05',
      stays: [['2026-03-01', '2026-03-01'], ['2026-03-03', '2026-03-04']],
      likes: 13,
      downloads: 400,
    });
    const odd = departedModels(await inputsWith(1)).find((m) => m.id === 'odd/na me');
    // The file name is percent-encoded once and its URL once more: the address bar shows %2520.
    expect(odd?.page).toBe('models/odd/na%2520me/');
  });

  it('puts each record into the bucket its page hashes to, where the lookup finds it', async () => {
    const models = departedModels(await inputsWith(0));
    const buckets = departedBuckets(models);
    expect(buckets.length).toBe(1);
    for (const m of models) {
      const file = { format: DEPARTED_FORMAT, bucket: 0, buckets: 1, models: buckets[departedBucket(m.page, buckets.length)] };
      expect(findDeparted(file, m.page), m.id).toEqual(m);
    }
    expect(departedBuckets([])).toEqual([]);
  });
});

describe('site/departed: buckets and lookups', () => {
  const record = (i: number): DepartedModel => ({ id: `o${i % 97}/m${i}`, page: `models/o${i % 97}/m${i}/`, left: '2026-03-02', stays: [['2026-03-01', '2026-03-01']], likes: i, downloads: i });

  it('sizes buckets as a power of two holding about 256 records each', () => {
    expect([0, 1, 256, 257, 512, 513, 150_000].map(departedBucketCount)).toEqual([1, 1, 1, 2, 2, 4, 1024]);
  });

  it('spreads pages evenly over the buckets, and every record lands in the one bucket it is looked up in', () => {
    const models = Array.from({ length: 20_000 }, (_, i) => record(i));
    const buckets = departedBuckets(models);
    expect(buckets.length).toBe(128);
    buckets.forEach((list, bucket) => list.forEach((m) => expect(departedBucket(m.page, 128), m.page).toBe(bucket)));
    const sizes = buckets.map((list) => list.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(Math.max(...sizes)).toBeLessThan(2 * 20_000 / 128);
    expect(Math.min(...sizes)).toBeGreaterThan(20_000 / 128 / 2);
  });

  it('hashes a page the same way every time, with FNV-1a over its UTF-16 units', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c.
    expect(departedBucket('a', 2 ** 32)).toBe(0xe40c292c);
    expect(departedBucket('models/作者/模型/', 64)).toBe(departedBucket('models/作者/模型/', 64));
  });

  it('finds a page only in a well-formed bucket file, and refuses malformed records', () => {
    const file = { format: DEPARTED_FORMAT, bucket: 0, buckets: 1, models: [record(1), { ...record(2), likes: '5' }, { ...record(3), stays: null }] };
    expect(findDeparted(file, 'models/o1/m1/')).toEqual(record(1));
    expect(findDeparted(file, 'models/o2/m2/')).toBeUndefined();
    expect(findDeparted(file, 'models/o3/m3/')).toBeUndefined();
    expect(findDeparted({ ...file, format: 'other' }, 'models/o1/m1/')).toBeUndefined();
    expect(findDeparted(null, 'models/o1/m1/')).toBeUndefined();
    expect(isDepartedModel({ ...record(4), stays: [] })).toBe(false);
  });

  it('reads a model page path from the address of a 404, under the site base', () => {
    expect(departedPageOf('/repo/models/o/n/', '/repo/')).toBe('models/o/n/');
    expect(departedPageOf('/repo/models/o/n', '/repo/')).toBe('models/o/n/');
    expect(departedPageOf('/repo/models/o/n%20x/', '/repo/')).toBe('models/o/n%20x/');
    expect(departedPageOf('/repo/models/o/', '/repo/')).toBeUndefined();
    expect(departedPageOf('/repo/changes/x/', '/repo/')).toBeUndefined();
    expect(departedPageOf('/other/models/o/n/', '/repo/')).toBeUndefined();
  });
});
