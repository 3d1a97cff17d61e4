// Pages for the gateway's own list and for renames, from a real build: an id only the gateway serves
// gets a page with a request for exactly that id and an API file; one it stopped serving keeps a page;
// the old id of a rename leads to the new page, whose history starts on the old id's first night.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateChanges } from '../changes/update.ts';
import { buildSite } from '../publish/site.ts';
import { COMMON_LABELS } from '../site/src/i18n/common.ts';
import { MODEL_LABELS } from '../site/src/i18n/model.ts';
import type { ModelRecord } from '../store/record.ts';
import { model, tempDataDir, writeDay } from './changes-factory.ts';

const SITE_URL = 'http://localhost:4321/repo/';
const t = MODEL_LABELS.en;
const listed = (id: string, upstreamId: number, extra: Partial<ModelRecord> = {}): ModelRecord => ({ ...model(id, 3, 30), upstreamId, ...extra });
const LORA = listed('ink/lora', 12, { aigcType: 'LoRA', companion: { id: 'MusePublic/Qwen-image', revision: 'v1' }, triggerWords: ['ink style', '水墨\u202e'] });
const NIGHTS: [string, ModelRecord[], string[]][] = [
  ['2026-03-01', [listed('damo/speech', 71), listed('qwen/chat', 5, { openaiApi: true })], ['qwen/chat', 'gw/gone']],
  ['2026-03-02', [listed('damo/speech', 71), listed('qwen/chat', 5, { openaiApi: true })], ['qwen/chat', 'gw/gone', 'Wan-AI/Wan2.1-T2V-1.3B']],
  ['2026-03-03', [listed('iic/speech', 71), listed('qwen/chat', 5, { openaiApi: true }), listed('odd/na\u202eme', 9, { name: 'na\u202eme' }), LORA], ['qwen/chat', 'Wan-AI/Wan2.1-T2V-1.3B']],
];

let root: string;
let out: string;
const read = (path: string): Promise<string> => readFile(join(out, path), 'utf8');
const page = async (path: string): Promise<cheerio.CheerioAPI> => cheerio.load(await read(path));

beforeAll(async () => {
  root = await tempDataDir();
  const dataDir = join(root, 'data');
  for (const [date, models, gateway] of NIGHTS) {
    await writeDay(dataDir, date, models, gateway);
    await updateChanges(dataDir, date);
  }
  out = join(root, 'dist');
  await buildSite({ dataDir, outDir: out, siteUrl: SITE_URL, snapshotDays: 'all' });
}, 120_000);

afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe('site/gateway pages', () => {
  it('gives an id only the gateway serves a page with a request for exactly that id, and an API file', async () => {
    const $ = await page('models/Wan-AI/Wan2.1-T2V-1.3B/index.html');
    expect($('h1').text()).toBe('Wan-AI/Wan2.1-T2V-1.3B');
    expect($('.badge.api').text()).toBe(t.gatewayOnly);
    const request = $('[data-gateway-call] pre code').text();
    expect(request).toContain('https://api-inference.modelscope.cn/v1/chat/completions');
    expect(request).toContain(`'{"model":"Wan-AI/Wan2.1-T2V-1.3B",`);
    expect($('[data-gateway-stays] li').text().replace(/\s+/g, ' ').trim()).toBe(`${t.served} 2026-03-02 – ${t.stillServed} (${t.servedFor(2)})`);
    const file = JSON.parse(await read('api/models/Wan-AI/Wan2.1-T2V-1.3B.json')) as Record<string, unknown>;
    expect(file).toMatchObject({ onList: false, onGateway: true, intervals: [], current: null, gatewayIntervals: [{ from: '2026-03-02', to: '2026-03-03' }] });
    expect(file['events']).toEqual([{ date: '2026-03-02', kind: 'served', likes: null, downloads: null }]);
  });

  it('keeps a page for an id the gateway stopped serving, saying since when, without an API file', async () => {
    const $ = await page('models/gw/gone/index.html');
    expect($('[data-t="noLongerServed"]').text()).toBe(t.noLongerServed('2026-03-03'));
    expect($('[data-gateway-call]').length).toBe(0);
    await expect(read('api/models/gw/gone.json')).rejects.toThrow(/ENOENT/);
  });

  it('shows a listed model’s gateway stays beside its membership', async () => {
    const $ = await page('models/qwen/chat/index.html');
    expect($('[data-gateway-stays] h2').text()).toBe(t.gatewayStays);
    expect(JSON.parse(await read('api/models/qwen/chat.json'))).toMatchObject({ onList: true, onGateway: true });
  });

  it('puts exactly the gateway’s events in the OpenAI-compatible feed', async () => {
    const feed = JSON.parse(await read('openai/feed.json')) as { items: { id: string; title: string; content_text: string }[] };
    expect(feed.items.map((item) => [item.id, item.title])).toEqual([
      ['openai-changes-2026-03-03', '1 no longer served'],
      ['openai-changes-2026-03-02', '1 served'],
    ]);
    expect(feed.items[0]?.content_text).toContain('- gw/gone: not on the catalog list');
  });
});

describe('site/rename pages', () => {
  it('leads the old id’s page to the new one, which carries the whole history', async () => {
    const $ = await page('models/damo/speech/index.html');
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/repo/models/iic/speech/');
    expect($('a[data-renamed-to]').attr('href')).toBe('/repo/models/iic/speech/');
    expect($('[data-t="renamedOn"]').text()).toBe(t.renamedOn('2026-03-03'));
    const file = JSON.parse(await read('api/models/iic/speech.json')) as { firstSeen: string; events: unknown[] };
    expect(file.firstSeen).toBe('2026-03-01');
    expect(file.events).toEqual([{ date: '2026-03-03', kind: 'renamed', likes: 3, downloads: 30, from: 'damo/speech' }]);
    const changes = await page('changes/2026-03/index.html');
    expect(changes('[data-kind="renamed"] li').text().replace(/\s+/g, ' ').trim()).toContain('iic/speech (was damo/speech)');
    // The night's counts name the rename and the gateway's move too, in both languages.
    expect(changes('section[id="2026-03-03"] > p.muted').text()).toContain('· 1 renamed · OpenAI-compatible API: 1 no longer served');
    const zh = await page('zh/changes/2026-03/index.html');
    expect(zh('section[id="2026-03-03"] > p.muted').text()).toContain('· 改名 1 · OpenAI 兼容接口：不再提供 1');
  });
});

describe('site/status', () => {
  it('shows how many ids the gateway served on the newest night', async () => {
    const $ = await page('status/index.html');
    const row = $('dl.facts > div').filter((_, div) => $(div).find('dt').text() === COMMON_LABELS.en.gatewayNow);
    expect(row.find('dd').text()).toBe('2');
    expect($('[data-shortfall]').length).toBe(0);
  });
});

describe('site/lora facts', () => {
  it('shows the companion base model a LoRA is called through and its trigger words, hidden characters shown', async () => {
    const $ = await page('models/ink/lora/index.html');
    const facts = new Map($('dl.facts > div').map((_, div) => [[$(div).find('dt').text(), $(div).find('dd').text()]]).get() as [string, string][]);
    expect(facts.get(t.calledThrough)).toBe('MusePublic/Qwen-image (v1)');
    expect(facts.get(t.triggerWords)).toBe('ink style, 水墨[U+202E]');
  });
});

describe('site/api page', () => {
  it('explains the JSON API at /api/ in both languages, each file linked to one that exists, and the footer leads there', async () => {
    for (const [path, lang] of [['api/index.html', 'en'], ['zh/api/index.html', 'zh']] as const) {
      const $ = await page(path);
      expect($('h1').text()).toBe(COMMON_LABELS[lang].apiTitle);
      const rows = $('tr[data-api]');
      expect(rows.length).toBe(11);
      expect(rows.filter('[data-api="changes"]').find('td').last().text()).toBe(COMMON_LABELS[lang].apiFiles.changes);
      for (const a of rows.find('a').toArray()) {
        const href = $(a).attr('href') as string;
        expect(href.startsWith(SITE_URL), href).toBe(true);
        await read(href.slice(SITE_URL.length));
      }
    }
    const home = await page('index.html');
    expect(home('footer a').filter((_, a) => home(a).text() === COMMON_LABELS.en.apiIndex).attr('href')).toBe('/repo/api/');
  });
});

describe('site/titles', () => {
  it('shows reordering characters of an upstream name in the title and heading instead of obeying them', async () => {
    // The page's folder name is encoded (publish/urls.ts); there is one page under odd/.
    const [folder] = await readdir(join(out, 'models', 'odd'));
    const $ = await page(`models/odd/${folder}/index.html`);
    expect($('title').text()).toMatch(/^odd\/na\[U\+202E\]me · /);
    expect($('h1').text()).toBe('na[U+202E]me');
    expect($('title').text()).not.toContain('\u202e');
  });
});
