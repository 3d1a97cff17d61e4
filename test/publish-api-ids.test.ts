// Every id builds, each at its own path: names too long for a file system, and ids that differ only in
// letter case (fixture in publish-api-fixture.ts).
import { SITE_BUILDS } from './helpers.ts';
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { buildSite } from '../publish/site.ts';
import { model, snapshot } from './factories.ts';
import { treeContents } from './fixtures/publish/fs.ts';
import { fixture } from './publish-api-fixture.ts';

describe('publish/api every-id-builds', SITE_BUILDS, () => {
  const LONG_ASCII = `studio/${'LoRA'.repeat(75)}`;
  const LONG_CJK = `工作室/${'水墨风格'.repeat(7)}`;
  const TWINS = ['Qwen/Qwen3-8B', 'qwen/qwen3-8b'];

  /** Model files in the output: path → the API path its links.page implies (api/ + page path + .json), decoded. */
  async function modelFileLinks(outDir: string): Promise<Map<string, string>> {
    const links = new Map<string, string>();
    for (const [path, content] of Object.entries(await treeContents(outDir))) {
      if (!path.startsWith('api/models/')) continue;
      const doc = JSON.parse(Buffer.from(content, 'latin1').toString('utf8')) as { id: string; links: { page: string } };
      links.set(path, decodeURIComponent(`api/${doc.links.page.slice(0, -1)}.json`));
    }
    return links;
  }

  it('builds long ASCII and long CJK names and ids that differ only in case, each at its own path', async () => {
    const { options } = await fixture([
      snapshot('2026-03-01', [model(LONG_ASCII), model(LONG_CJK), model(TWINS[0] as string)]),
      snapshot('2026-03-02', [model(LONG_ASCII), model(LONG_CJK), ...TWINS.map((id) => model(id))]),
    ]);
    await buildSite(options);
    const links = await modelFileLinks(options.outDir);
    expect(links.size).toBe(4);
    // Each model's page is where its links.page points (decoded once, as a static host does).
    const tree = await treeContents(options.outDir);
    for (const [path, content] of Object.entries(tree)) {
      if (!path.startsWith('api/models/')) continue;
      const doc = JSON.parse(Buffer.from(content, 'latin1').toString('utf8')) as { id: string; links: { page: string } };
      const page = decodeURIComponent(doc.links.page);
      expect(page).toBe(`models/${path.slice('api/models/'.length, -'.json'.length)}/`);
      for (const file of [`${page}index.html`]) {
        expect(tree, file).toHaveProperty([file]);
        const title = cheerio.load(Buffer.from(tree[file] as string, 'latin1').toString('utf8'))('title').text();
        expect(title.startsWith(`${doc.id} · `), file).toBe(true);
      }
    }
    for (const [path, linked] of links) {
      expect(linked).toBe(path);
      for (const part of path.split('/')) expect(Buffer.byteLength(part), path).toBeLessThanOrEqual(255);
    }
    // No two paths are the same on a case-insensitive file system.
    const folded = [...links.keys()].map((path) => path.toLowerCase());
    expect(new Set(folded).size).toBe(folded.length);
    // The twin seen first keeps the plain path; the later one is told apart by a suffix.
    expect(links.has('api/models/Qwen/Qwen3-8B.json')).toBe(true);
    expect([...links.keys()].filter((path) => /^api\/models\/qwen\/qwen3-8b~[0-9a-f]{10}\.json$/.test(path))).toHaveLength(1);
  });

  it('a model that left keeps its page and its file at its path, and its case twins keep theirs', async () => {
    const nights = [
      snapshot('2026-03-01', [model(TWINS[1] as string), model(LONG_CJK)]),
      snapshot('2026-03-02', [model(TWINS[1] as string), model(LONG_CJK), model(TWINS[0] as string)]),
    ];
    const first = await fixture(nights);
    await buildSite(first.options);
    const before = await modelFileLinks(first.options.outDir);
    expect(before.size).toBe(3);
    // The twin seen first (TWINS[1]) holds the plain path, and leaves.
    const later = await fixture([...nights, snapshot('2026-03-03', [model(LONG_CJK), model(TWINS[0] as string)])]);
    await buildSite(later.options);
    const after = await modelFileLinks(later.options.outDir);
    // Issue 21.4 (intentionally changed): the twin that left keeps its file, within the tombstone window.
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const tree = await treeContents(later.options.outDir);
    expect(tree).toHaveProperty(['api/models/qwen/qwen3-8b.json']);
    expect(JSON.parse(tree['api/models/qwen/qwen3-8b.json'] as string)).toMatchObject({ id: TWINS[1], onList: false });
    const page = tree['models/qwen/qwen3-8b/index.html'];
    expect(page).toBeDefined();
    const $ = cheerio.load(Buffer.from(page as string, 'latin1').toString('utf8'));
    expect($('title').text().startsWith(`${TWINS[1]} · `)).toBe(true);
    expect($('p.tomb').length).toBe(1);
    // The pages of the others are where their files say.
    for (const path of after.keys()) expect(tree, path).toHaveProperty([`models/${path.slice('api/models/'.length, -'.json'.length)}/index.html`]);
  });

  it('keeps every path when a new case twin appears later', async () => {
    const first = await fixture([snapshot('2026-03-01', [model(TWINS[1] as string), model(LONG_CJK)])]);
    await buildSite(first.options);
    const before = [...(await modelFileLinks(first.options.outDir)).keys()].sort();
    const later = await fixture([
      snapshot('2026-03-01', [model(TWINS[1] as string), model(LONG_CJK)]),
      snapshot('2026-03-02', [model(TWINS[1] as string), model(LONG_CJK), model(TWINS[0] as string), model('QWEN/QWEN3-8B')]),
    ]);
    await buildSite(later.options);
    const after = [...(await modelFileLinks(later.options.outDir)).keys()];
    for (const path of before) expect(after).toContain(path);
    expect(after).toHaveLength(4);
    expect(new Set(after.map((path) => path.toLowerCase())).size).toBe(4);
  });
});
