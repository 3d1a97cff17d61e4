// The small site's build as a whole (test/site-html-data.ts has its nights): every page in both
// languages and one page per model ever seen, an API file per model with a page, and search shards
// holding every model. The build is shared; see test/site-html-fixture.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { modelApiFile } from '../publish/urls.ts';
import { SHARD_FORMAT } from '../site/src/lib/search/search-shard.ts';
import { ALL_IDS, GONE_ID, LEFT_LORA_ID, ON_LIST, PATHS } from './site-html-data.ts';
import { BOTH_LANGS, files, isModelPage, loadHtmlSite, modelPageFile, readText, summary } from './site-html-fixture.ts';

beforeAll(loadHtmlSite, 120_000);

describe('site/html build', () => {
  it('builds every page of a small site: catalog, changes by month and status in both languages, and one page of every model ever seen', () => {
    expect(summary).toMatchObject({ latest: '2026-03-04', models: ON_LIST.length, modelPages: ALL_IDS.length });
    for (const path of BOTH_LANGS) {
      expect(files, path).toContain(path);
      expect(files, `zh/${path}`).toContain(`zh/${path}`);
    }
    const modelPages = [...files].filter((path) => isModelPage(path));
    expect(modelPages).toHaveLength(ALL_IDS.length);
    expect(modelPages.every((path) => path.endsWith('/index.html')), modelPages.join(', ')).toBe(true);
    for (const id of ALL_IDS) expect(files, id).toContain(modelPageFile(id));
    // The Chinese view of a model is `?lang=zh` of the same file: nothing is built under zh/models/.
    expect([...files].filter((path) => path.startsWith('zh/models/'))).toEqual([]);
    expect([...files].filter((path) => path.startsWith('zh/')).sort()).toEqual(BOTH_LANGS.map((path) => `zh/${path}`).sort());
    // No stand-in pages or build leftovers survive.
    expect([...files].filter((path) => path.includes('/~/') || path.startsWith('.prerender/') || path.startsWith('.astro/'))).toEqual([]);
    // The search index: shard 0 always, the rest numbered on from it.
    expect(files).toContain('search/search-0.json');
  });

  it('writes an API file for each model on the list, and for a model that left within the tombstone window, which keeps its page', async () => {
    // Issue 21.4, intentionally changed: a departure keeps its file (it had none) while its page is a file.
    const apiFiles = [...files].filter((path) => path.startsWith('api/models/'));
    expect(apiFiles.sort()).toEqual(ALL_IDS.map((id) => modelApiFile(id, PATHS)).sort());
    for (const id of [GONE_ID, LEFT_LORA_ID]) {
      expect(ON_LIST, id).not.toContain(id);
      expect(files, id).toContain(modelPageFile(id));
      expect(files, id).toContain(modelApiFile(id, PATHS));
      // At the path its page implies (api/ before models/, .json for the last slash).
      expect(files, id).toContain(`api/${modelPageFile(id).replace(/\/index\.html$/, '.json')}`);
      const doc = JSON.parse(await readText(modelApiFile(id, PATHS))) as { onList: boolean; current: unknown; lastKnown: { id: string } | null };
      expect(doc.onList, id).toBe(false);
      expect(doc.current, id).toBeNull();
      expect(doc.lastKnown?.id, id).toBe(id);
    }
    // The index counts every model ever seen (one page each) apart from those on the list (one file each).
    const index = JSON.parse(await readText('api/index.json')) as { counts: { models: number; modelsEverSeen: number } };
    expect(index.counts).toMatchObject({ models: ON_LIST.length, modelsEverSeen: ALL_IDS.length });
    expect(ALL_IDS.length).toBeGreaterThan(ON_LIST.length);
  });

  it('has search shards holding every model ever seen, shard 0 all those on the list of a small site', async () => {
    const names = [...files].filter((path) => path.startsWith('search/')).sort();
    expect(names.length).toBeGreaterThanOrEqual(1);
    const shards = await Promise.all(names.map(async (path) => JSON.parse(await readText(path)) as { format: string; part: number; parts: number; rows: number }));
    expect(names).toEqual(shards.map((_, part) => `search/search-${part}.json`));
    shards.forEach((shard, part) => expect(shard).toMatchObject({ format: SHARD_FORMAT, part, parts: shards.length }));
    expect(shards[0]?.rows).toBe(ON_LIST.length);
    expect(shards.reduce((sum, shard) => sum + shard.rows, 0)).toBe(ALL_IDS.length);
  });
});
