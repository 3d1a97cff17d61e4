// The built site as a browser and a crawler see it: one small site (a few nights, hostile names, case
// twins, a model that left, one of each kind of snippet) is built once under a sub-path, then every page,
// stylesheet, script and feed in the output is read back with cheerio and checked.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateChanges } from '../changes/update.ts';
import { visibleText } from '../publish/escape.ts';
import { buildSite, type BuildSummary } from '../publish/site.ts';
import { modelPageUrl, planModelPaths, type ModelPaths } from '../publish/urls.ts';
import type { ModelRecord } from '../store/record.ts';
import { SHARD_FORMAT } from '../site/src/lib/search-shard.ts';
import { model as baseRecord, tempDataDir, writeDay } from './changes-factory.ts';
import { parseRss } from './fixtures/publish/parse-rss.ts';

const SITE_URL = 'https://example.github.io/repo/';
const ORIGIN = 'https://example.github.io';
const BASE = '/repo/';
/** Where the site may link to outside itself: ModelScope (model pages, the token page). Anchors only. */
const EXTERNAL_LINKS = ['https://modelscope.cn/'];

// Hostile and awkward names upstream could send.
const XSS = '<img src=x onerror=alert(1)>';
const XSS_ID = `evil/${XSS}`;
const QUOTED_ID = 'q"u\'o&te`/na"me\'&`\u202Egnp.exe';
const QUOTED_ZH = '引"号\'&`\u202E';
const CJK_ID = '作者/模型 名';
const LONG_ID = `long/${'x'.repeat(300)}`;
const TWINS = ['Twin/Model', 'twin/model'] as const;
// One of each kind of snippet, and an OpenAI-compatible model that leaves.
const CHAT_ID = 'Qwen/Qwen3-32B';
const LORA_ID = 'studio/ink-lora';
const LORA_BASE = 'black-forest-labs/FLUX.1-dev';
const CHECKPOINT_ID = 'studio/painter';
const GONE_ID = 'gone/chat-model';
const LEFT_LORA_ID = 'gone/old-lora';

function record(id: string, overrides: Partial<ModelRecord> = {}, likes = 1, downloads = 10): ModelRecord {
  return { ...baseRecord(id, likes, downloads), ...overrides };
}
const chat = (id: string, overrides: Partial<ModelRecord> = {}, downloads = 10): ModelRecord =>
  record(id, { openaiApi: true, openaiApiSince: '2025-04-29', aigcType: '', inferenceType: 'chat', tasks: ['text-generation'], tags: [], baseModels: [], visionFoundation: '', ...overrides }, 1, downloads);
const plain = (id: string): ModelRecord => record(id, { aigcType: '', inferenceType: 'txt2txt', tasks: ['text-generation'], baseModels: [], visionFoundation: '' });

const MODELS = {
  chat: chat(CHAT_ID, {}, 5000),
  lora: record(LORA_ID, { aigcType: 'LoRA', inferenceType: 'txt2img', baseModels: [{ id: LORA_BASE, revision: null }] }),
  checkpoint: record(CHECKPOINT_ID, { aigcType: 'Checkpoint', inferenceType: 'txt2img', baseModels: [], visionFoundation: 'FLUX_1' }),
  gone: chat(GONE_ID),
  leftLora: record(LEFT_LORA_ID),
  twinFirst: plain(TWINS[0]),
  twinLater: plain(TWINS[1]),
  xss: chat(XSS_ID, { chineseName: XSS }, 900),
  quoted: chat(QUOTED_ID, { chineseName: QUOTED_ZH }, 800),
  cjk: plain(CJK_ID),
  long: plain(LONG_ID),
};

/** The nights: a gap on 03-02, two months, and the OpenAI-compatible GONE_ID leaving on 03-01 after two nights. */
const NIGHTS: [date: string, models: ModelRecord[]][] = [
  ['2026-02-27', [MODELS.chat, MODELS.lora, MODELS.checkpoint, MODELS.gone, MODELS.leftLora, MODELS.twinFirst]],
  ['2026-02-28', [MODELS.chat, MODELS.lora, MODELS.checkpoint, MODELS.gone, MODELS.twinFirst, MODELS.twinLater, MODELS.xss, MODELS.quoted, MODELS.cjk, MODELS.long]],
  ['2026-03-01', [MODELS.chat, MODELS.lora, MODELS.checkpoint, MODELS.twinFirst, MODELS.twinLater, MODELS.xss, MODELS.quoted, MODELS.cjk, MODELS.long]],
  ['2026-03-03', [MODELS.chat, MODELS.lora, { ...MODELS.checkpoint, likes: 4 }, MODELS.twinFirst, MODELS.twinLater, MODELS.xss, MODELS.quoted, MODELS.cjk, MODELS.long]],
  ['2026-03-04', [MODELS.chat, MODELS.lora, { ...MODELS.checkpoint, likes: 4 }, MODELS.twinFirst, MODELS.twinLater, MODELS.xss, MODELS.quoted, MODELS.cjk, MODELS.long]],
];
const ALL_IDS = [...new Set(NIGHTS.flatMap(([, models]) => models.map((m) => m.id)))];
const ON_LIST = NIGHTS.at(-1)![1].map((m) => m.id);
const OPENAI_IDS = [CHAT_ID, GONE_ID, XSS_ID, QUOTED_ID];

/** The paths publish/urls.ts plans for every model ever seen (first night seen decides case twins). */
const PATHS: ModelPaths = planModelPaths(ALL_IDS.map((id) => ({ id, firstSeen: NIGHTS.find(([, models]) => models.some((m) => m.id === id))![0] })));

let root: string;
let out: string;
let summary: BuildSummary;
/** Every file in the output (POSIX paths relative to it). */
let files: Set<string>;
/** Every HTML page, parsed. */
const pages = new Map<string, cheerio.CheerioAPI>();
const html = new Map<string, string>();

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

beforeAll(async () => {
  root = await tempDataDir();
  const dataDir = join(root, 'data');
  for (const [date, models] of NIGHTS) {
    await writeDay(dataDir, date, models);
    await updateChanges(dataDir, date);
  }
  out = join(root, 'dist');
  summary = await buildSite({ dataDir, outDir: out, siteUrl: SITE_URL, snapshotDays: 'all' });
  files = new Set(await walk(out));
  for (const path of files) {
    if (!path.endsWith('.html')) continue;
    const text = await readFile(join(out, path), 'utf8');
    html.set(path, text);
    pages.set(path, cheerio.load(text));
  }
}, 120_000);

afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

const page = (path: string): cheerio.CheerioAPI => {
  const $ = pages.get(path);
  if ($ === undefined) throw new Error(`no page ${path}`);
  return $;
};
const readText = (path: string): Promise<string> => readFile(join(out, path), 'utf8');

/** The file a path under the site (`models/a/b/`, possibly percent-encoded) is served from: decoded once, `index.html` for a directory. */
function servedFile(sitePath: string): string {
  const decoded = decodeURIComponent(sitePath);
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}

/** The path below the site base of a same-site URL, or `undefined` for anything else. */
function sitePath(url: URL): string | undefined {
  if (url.origin !== ORIGIN || !url.pathname.startsWith(BASE)) return undefined;
  return url.pathname.slice(BASE.length);
}

/** The absolute URL a page at `path` has (`models/a/b/index.html` → `…/repo/models/a/b/`), as its links resolve against. */
function pageUrl(path: string): URL {
  const dir = path.replace(/index\.html$/, '');
  // File names are ASCII; a static host decodes the URL once, so each `%` of a file name is `%25` in its URL.
  return new URL(`${BASE}${dir.split('/').map((part) => encodeURIComponent(part)).join('/')}`, ORIGIN);
}

/** The page file of a model's page in one language, from the URL publish/urls.ts plans. */
function modelPageFile(id: string, lang: 'en' | 'zh' = 'en'): string {
  const path = sitePath(new URL(modelPageUrl(SITE_URL, id, PATHS)));
  if (path === undefined) throw new Error(`model page of ${id} is not under the site`);
  return `${lang === 'zh' ? 'zh/' : ''}${servedFile(path)}`;
}

/** The single-quoted shell word after `marker` (`'…'` runs joined, `\'` for a quote), JSON-parsed. */
function shellJsonAfter(text: string, marker: string): Record<string, unknown> {
  let i = text.indexOf(marker);
  if (i < 0) throw new Error(`no ${marker} in ${text}`);
  i += marker.length;
  let word = '';
  for (;;) {
    if (text[i] === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (text.startsWith("\\'", i)) {
      word += "'";
      i += 2;
    } else break;
  }
  return JSON.parse(word) as Record<string, unknown>;
}

describe('site/html build', () => {
  it('builds every page of a small site: catalog, changes by month, status, and both pages of every model ever seen', () => {
    expect(summary).toMatchObject({ latest: '2026-03-04', models: ON_LIST.length, modelFiles: ALL_IDS.length });
    for (const path of ['index.html', 'changes/index.html', 'changes/2026-02/index.html', 'changes/2026-03/index.html', 'status/index.html']) {
      expect(files, path).toContain(path);
      expect(files, `zh/${path}`).toContain(`zh/${path}`);
    }
    const modelPages = [...files].filter((path) => /^(zh\/)?models\//.test(path));
    expect(modelPages).toHaveLength(2 * ALL_IDS.length);
    for (const id of ALL_IDS) {
      expect(files, id).toContain(modelPageFile(id));
      expect(files, id).toContain(modelPageFile(id, 'zh'));
    }
    // No stand-in pages or build leftovers survive.
    expect([...files].filter((path) => path.includes('/~/') || path.startsWith('.prerender/') || path.startsWith('.astro/'))).toEqual([]);
    // The search index: shard 0 always, the rest numbered on from it.
    expect(files).toContain('search/search-0.json');
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

describe('site/html hostile names', () => {
  it('are text in the catalog rows (name and Chinese name), in both languages', () => {
    for (const [catalog, lang] of [['index.html', 'en'], ['zh/index.html', 'zh']] as const) {
      const $ = page(catalog);
      expect($('#results tbody tr')).toHaveLength(ON_LIST.length);
      for (const m of [MODELS.xss, MODELS.quoted]) {
        const href = `${BASE}${modelPageFile(m.id, lang).replace(/index\.html$/, '')}`;
        const link = $('#results tbody a').filter((_, a) => decodeURIComponent($(a).attr('href') ?? '') === href);
        expect(link, `${catalog}: row of ${m.id}`).toHaveLength(1);
        const row = link.closest('tr');
        const texts = row.find('bdi').map((_, b) => $(b).text()).get();
        expect(texts).toEqual(expect.arrayContaining([m.id, m.chineseName, m.owner]));
        expect(row.find('img, script, iframe').length).toBe(0);
      }
    }
  });

  it('are text in the model page: h1, title, description and the Chinese name', () => {
    for (const m of [MODELS.xss, MODELS.quoted]) {
      for (const lang of ['en', 'zh'] as const) {
        const $ = page(modelPageFile(m.id, lang));
        expect($('h1').text()).toBe(m.name);
        expect($('h1 bdi').text()).toBe(m.name);
        expect($('title').text().startsWith(`${m.id} · `)).toBe(true);
        expect($('meta[name="description"]').attr('content')?.startsWith(`${m.id}: `)).toBe(true);
        expect($('p.lead bdi').map((_, b) => $(b).text()).get()).toEqual([m.owner, m.chineseName]);
      }
    }
  });

  it('are text on the changes pages, where they entered', () => {
    for (const path of ['changes/index.html', 'changes/2026-02/index.html', 'zh/changes/2026-02/index.html']) {
      const $ = page(path);
      const day = $('section[id="2026-02-28"]');
      expect(day.length, path).toBe(1);
      const ids = day.find('bdi').map((_, b) => $(b).text()).get();
      expect(ids, path).toEqual(expect.arrayContaining([XSS_ID, QUOTED_ID, CJK_ID, LONG_ID, TWINS[1]]));
    }
  });

  it('are text in both feed pairs: escaped HTML showing the id (reordering characters made visible) and plain text', async () => {
    for (const path of ['feed.json', 'openai/feed.json']) {
      const feed = JSON.parse(await readText(path)) as { items: { content_html: string; content_text: string }[] };
      const item = feed.items.find((entry) => entry.content_text.includes(visibleText(XSS_ID)));
      expect(item, path).toBeDefined();
      const $ = cheerio.load(item!.content_html);
      expect($('img, script, iframe').length).toBe(0);
      const ids = $('bdi').map((_, b) => $(b).text()).get();
      expect(ids).toEqual(expect.arrayContaining([visibleText(XSS_ID), visibleText(QUOTED_ID)]));
      expect(item!.content_text).toContain(visibleText(QUOTED_ID));
      expect(visibleText(QUOTED_ID)).toContain('[U+202E]');
    }
    const rss = parseRss(await readText('rss.xml'));
    const $ = cheerio.load((rss.channel.item ?? []).map((item) => item.description).join('\n'));
    expect($('img, script, iframe').length).toBe(0);
    expect($('bdi').map((_, b) => $(b).text()).get()).toContain(visibleText(XSS_ID));
  });

  it('never become an element, attribute, handler or inline script on any page', () => {
    expect(pages.size).toBeGreaterThan(2 * ALL_IDS.length);
    for (const [path, $] of pages) {
      expect($('img, iframe, object, embed, frame, base').length, path).toBe(0);
      $('*').each((_, element) => {
        for (const name of Object.keys($(element).attr() ?? {})) expect(name.toLowerCase().startsWith('on'), `${path}: attribute ${name}`).toBe(false);
      });
      $('script').each((_, script) => {
        expect($(script).attr('src'), `${path}: a script without src`).toBeDefined();
        expect($(script).text().trim(), `${path}: an inline script`).toBe('');
      });
      // Outside quoted attribute values (where `<` is plain text), the raw markup holds the hostile name only escaped.
      expect(html.get(path)?.replace(/=("[^"]*"|'[^']*')/g, '=""'), path).not.toContain('<img');
      // Content Security Policy: scripts only from this site, no inline script, no plugins.
      const csp = $('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
  });
});

describe('site/html links and resources', () => {
  /** Every URL-bearing attribute of a page: [element, attribute, value]. */
  function urlAttributes($: cheerio.CheerioAPI): { tag: string; name: string; rel: string; value: string }[] {
    const found: { tag: string; name: string; rel: string; value: string }[] = [];
    $('*').each((_, element) => {
      const attrs = $(element).attr() ?? {};
      for (const name of ['href', 'src', 'action', 'data', 'poster', 'srcset', 'formaction', 'data-search', 'data-base']) {
        const value = attrs[name];
        if (value !== undefined) found.push({ tag: String($(element).prop('tagName')).toLowerCase(), name, rel: (attrs['rel'] ?? '').toLowerCase(), value });
      }
    });
    return found;
  }

  it('loads no resource from another origin: every src, stylesheet, icon and preload is this site', () => {
    for (const [path, $] of pages) {
      const base = pageUrl(path);
      for (const { tag, name, rel, value } of urlAttributes($)) {
        const anchorLike = (tag === 'a' && name === 'href') || (tag === 'link' && name === 'href' && /^(alternate|canonical)$/.test(rel));
        if (anchorLike) continue;
        // `<link rel="icon" href="data:,">` asks for nothing at all.
        if (tag === 'link' && rel === 'icon' && value === 'data:,') continue;
        const url = new URL(value, base);
        expect(sitePath(url), `${path}: <${tag} ${name}="${value}"${rel === '' ? '' : ` rel="${rel}"`}>`).toBeDefined();
      }
      // Its own stylesheet and scripts are files of the output.
      const assets = [...$('link[rel="stylesheet"]').map((_, link) => $(link).attr('href')).get(), ...$('script[src]').map((_, script) => $(script).attr('src')).get()];
      expect(assets.length, path).toBeGreaterThanOrEqual(2);
      for (const asset of assets) expect(files.has(servedFile(sitePath(new URL(asset, base)) as string)), `${path}: ${asset}`).toBe(true);
      $('[style]').each((_, element) => expect($(element).attr('style'), path).not.toMatch(/url\(|@import/i));
      expect($('style').length, `${path}: inline <style>`).toBe(0);
    }
  });

  it('built stylesheets and scripts name no other origin: no url(), @import or http(s):// pointing away', async () => {
    const assets = [...files].filter((path) => /\.(css|js|mjs)$/.test(path));
    expect(assets.some((path) => path.endsWith('.css'))).toBe(true);
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
    for (const path of assets) {
      const text = await readText(path);
      expect(text.match(/https?:\/\/[^\s'"`)]*/g) ?? [], path).toEqual([]);
      expect(text.match(/\/\/[a-z0-9-]+(\.[a-z0-9-]+)+\//gi) ?? [], `${path}: protocol-relative URL`).toEqual([]);
      if (path.endsWith('.css')) {
        for (const match of text.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(?:url\()?\s*['"]?([^'");\s]+)/gi)) {
          const target = match[2] ?? match[3] ?? '';
          expect(target.startsWith('data:') || sitePath(new URL(target, new URL(`${BASE}${path}`, ORIGIN))) !== undefined, `${path}: ${match[0]}`).toBe(true);
        }
      }
    }
  });

  it('every link and asset stays under the sub-path: nothing starts with / without /repo/', async () => {
    for (const [path, $] of pages) {
      for (const { tag, name, value } of urlAttributes($)) {
        if (value.startsWith('/')) expect(value.startsWith(BASE), `${path}: <${tag} ${name}="${value}">`).toBe(true);
        else if (/^https?:/.test(value)) {
          const url = new URL(value);
          if (url.origin === ORIGIN) expect(url.pathname.startsWith(BASE), `${path}: ${value}`).toBe(true);
        }
      }
    }
    for (const path of [...files].filter((file) => file.endsWith('.css'))) {
      for (const match of (await readText(path)).matchAll(/url\(\s*['"]?(\/[^'")]*)/g)) expect(match[1]?.startsWith(BASE), `${path}: ${match[0]}`).toBe(true);
    }
  });

  it('every internal link of every page resolves to a file of the output, and every #fragment to an id', () => {
    let checked = 0;
    for (const [path, $] of pages) {
      const base = pageUrl(path);
      $('a[href]').each((_, a) => {
        const href = $(a).attr('href') as string;
        const url = new URL(href, base);
        const inside = sitePath(url);
        if (inside === undefined) {
          expect(EXTERNAL_LINKS.some((prefix) => url.href.startsWith(prefix)), `${path}: external link ${href}`).toBe(true);
          return;
        }
        const target = servedFile(inside);
        expect(files.has(target), `${path}: ${href} → ${target}`).toBe(true);
        if (url.hash !== '' && target.endsWith('.html')) {
          const id = decodeURIComponent(url.hash.slice(1));
          expect(page(target)(`[id="${id}"]`).length, `${path}: ${href} → #${id}`).toBe(1);
        }
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(pages.size * 5);
  });

  it('feed items link to their day on a month page, and their model links to built pages', async () => {
    for (const path of ['feed.json', 'openai/feed.json']) {
      const feed = JSON.parse(await readText(path)) as { items: { url: string; date_published: string; content_html: string }[] };
      expect(feed.items.length, path).toBeGreaterThan(0);
      for (const item of feed.items) {
        const url = new URL(item.url);
        const date = item.date_published.slice(0, 10);
        expect(item.url).toBe(`${SITE_URL}changes/${date.slice(0, 7)}/#${date}`);
        const target = servedFile(sitePath(url) as string);
        expect(files.has(target), item.url).toBe(true);
        expect(page(target)(`[id="${date}"]`).length, item.url).toBe(1);
        const $ = cheerio.load(item.content_html);
        $('a[href]').each((_, a) => {
          const link = new URL($(a).attr('href') as string);
          const inside = sitePath(link);
          if (inside === undefined) expect(EXTERNAL_LINKS.some((prefix) => link.href.startsWith(prefix)), link.href).toBe(true);
          else expect(files.has(servedFile(inside)), `${path}: ${link.href}`).toBe(true);
        });
      }
    }
  });
});

describe('site/html head', () => {
  it('declares the language, canonical URL, hreflang alternates, title and description of every page', () => {
    for (const [path, $] of pages) {
      const zh = path.startsWith('zh/');
      expect($('html').attr('lang'), path).toBe(zh ? 'zh-Hans' : 'en');
      expect($('title').text().trim(), path).not.toBe('');
      expect($('meta[name="description"]').attr('content')?.trim(), path).toBeTruthy();
      const canonical = $('link[rel="canonical"]');
      expect(canonical.length, path).toBe(1);
      const own = new URL(canonical.attr('href') as string);
      expect(own.href.startsWith(SITE_URL), path).toBe(true);
      expect(servedFile(sitePath(own) as string), path).toBe(path);
      const alternates = new Map($('link[rel="alternate"][hreflang]').map((_, link) => [[$(link).attr('hreflang') as string, $(link).attr('href') as string]]).get() as [string, string][]);
      expect([...alternates.keys()].sort(), path).toEqual(['en', 'x-default', 'zh-Hans']);
      const english = zh ? path.slice('zh/'.length) : path;
      for (const [lang, href] of alternates) {
        expect(href.startsWith(SITE_URL), `${path}: ${lang} ${href}`).toBe(true);
        const file = servedFile(sitePath(new URL(href)) as string);
        expect(file, `${path}: ${lang}`).toBe(lang === 'zh-Hans' ? `zh/${english}` : english);
        expect(files.has(file), `${path}: ${lang} → ${file}`).toBe(true);
      }
    }
  });

  it('links every page to the feeds and to a JSON document that exists', () => {
    for (const [path, $] of pages) {
      const base = pageUrl(path);
      const target = (type: string): string[] =>
        $(`link[rel="alternate"][type="${type}"]`).map((_, link) => servedFile(sitePath(new URL($(link).attr('href') as string, base)) as string)).get();
      expect(target('application/feed+json'), path).toContain('feed.json');
      expect(target('application/rss+xml'), path).toContain('rss.xml');
      const json = target('application/json');
      expect(json.length, path).toBe(1);
      expect(files.has(json[0] as string), `${path}: ${json[0]}`).toBe(true);
      if (/^(zh\/)?models\//.test(path)) expect(json[0], path).toMatch(/^api\/models\/.+\.json$/);
      else {
        expect(target('application/feed+json'), path).toContain('openai/feed.json');
        expect(target('application/rss+xml'), path).toContain('openai/rss.xml');
      }
    }
  });
});

describe('site/html model pages', () => {
  it('a model that left keeps its page, opening with when it left and after how long, in both languages', () => {
    for (const id of [GONE_ID, LEFT_LORA_ID]) {
      const en = page(modelPageFile(id));
      const zh = page(modelPageFile(id, 'zh'));
      // GONE_ID was seen on 02-27 and 02-28; LEFT_LORA_ID on 02-27 only. Both were missing on the next night.
      const [date, days] = id === GONE_ID ? ['2026-03-01', 2] : ['2026-02-28', 1];
      expect(en('p.tomb').text()).toContain(`Left the list on ${date} after ${days} day${days === 1 ? '' : 's'}.`);
      expect(zh('p.tomb').text()).toContain(`在榜 ${days} 天后，于 ${date} 下榜。`);
      expect(en('meta[name="description"]').attr('content')).toBe(`${id}: Left the list on ${date} after ${days} day${days === 1 ? '' : 's'}.`);
      expect(en('h1').text()).toBe(id.slice(id.indexOf('/') + 1));
    }
    // Two more nights were observed after the night GONE_ID was missing, and its page is still built.
    expect(NIGHTS.filter(([date]) => date > '2026-03-01')).toHaveLength(2);
    for (const id of ON_LIST) expect(page(modelPageFile(id))('p.tomb').length, id).toBe(0);
  });

  it('an OpenAI-compatible model gets a chat-completions curl whose body names it exactly, hostile ids included', () => {
    for (const m of [MODELS.chat, MODELS.xss, MODELS.quoted]) {
      for (const lang of ['en', 'zh'] as const) {
        const text = page(modelPageFile(m.id, lang))('code#snippet').text();
        expect(text).toContain('curl -s https://api-inference.modelscope.cn/v1/chat/completions');
        expect(text).toContain('Authorization: Bearer $MODELSCOPE_TOKEN');
        expect(shellJsonAfter(text, '-d ')).toEqual({ model: m.id, messages: [{ role: 'user', content: 'Hello!' }] });
      }
    }
  });

  it('a LoRA gets an image task on its base model with the LoRA in "loras"', () => {
    const text = page(modelPageFile(LORA_ID))('code#snippet').text();
    expect(text).toContain('"$API/images/generations"');
    expect(text).toContain('X-ModelScope-Async-Mode: true');
    expect(shellJsonAfter(text, '-d ')).toMatchObject({ model: LORA_BASE, loras: LORA_ID });
  });

  it('a Checkpoint image model gets an images/generations call that polls its task', () => {
    const text = page(modelPageFile(CHECKPOINT_ID))('code#snippet').text();
    expect(text).toContain('"$API/images/generations"');
    expect(text).toContain('X-ModelScope-Async-Mode: true');
    expect(text).toContain('"$API/tasks/$task"');
    expect(text).toMatch(/until [\s\S]*do sleep \d+; done/);
    expect(shellJsonAfter(text, '-d ')).toMatchObject({ model: CHECKPOINT_ID });
    expect(shellJsonAfter(text, '-d ')).not.toHaveProperty('loras');
  });

  it('a model that left has no snippet', () => {
    for (const id of [GONE_ID, LEFT_LORA_ID]) {
      for (const lang of ['en', 'zh'] as const) {
        const $ = page(modelPageFile(id, lang));
        expect($('#snippet').length, id).toBe(0);
        expect($('pre').length, id).toBe(0);
        expect($('button.copy').length, id).toBe(0);
      }
    }
  });

  it('case twins, a non-ASCII name and a name too long for a file system each get a page at the planned path', () => {
    const [first, later] = TWINS.map((id) => modelPageFile(id));
    expect(first).toBe('models/Twin/Model/index.html');
    expect(later).toMatch(/^models\/twin\/model~[0-9a-f]{10}\/index\.html$/);
    expect(first?.toLowerCase()).not.toBe(later?.toLowerCase());
    expect(modelPageFile(CJK_ID)).toBe(`models/${encodeURIComponent('作者')}/${encodeURIComponent('模型 名')}/index.html`);
    expect(modelPageFile(LONG_ID)).toMatch(/^models\/long\/x{200}~[0-9a-f]{10}\/index\.html$/);
    for (const id of [...TWINS, CJK_ID, LONG_ID]) {
      for (const lang of ['en', 'zh'] as const) {
        const file = modelPageFile(id, lang);
        expect(files.has(file), file).toBe(true);
        for (const part of file.split('/')) expect(Buffer.byteLength(part), file).toBeLessThanOrEqual(255);
        const $ = page(file);
        expect($('title').text().startsWith(`${id} · `), file).toBe(true);
        expect($('h1').text(), file).toBe(id.slice(id.indexOf('/') + 1));
      }
    }
  });
});

describe('site/html OpenAI-compatible feed', () => {
  /** Model ids an item names (as the feed shows them), by item. */
  const namedIds = (items: { content_html: string }[]): string[] =>
    items.flatMap((item) => {
      const $ = cheerio.load(item.content_html);
      return $('bdi').map((_, b) => $(b).text()).get();
    });

  it('holds only events of models served by the OpenAI-compatible API, a departed one included', async () => {
    const feed = JSON.parse(await readText('openai/feed.json')) as { feed_url: string; items: { id: string; title: string; content_html: string; content_text: string }[] };
    expect(feed.feed_url).toBe(`${SITE_URL}openai/feed.json`);
    const named = namedIds(feed.items);
    expect(new Set(named)).toEqual(new Set(OPENAI_IDS.filter((id) => id !== CHAT_ID).map(visibleText)));
    // CHAT_ID was on the first night (the baseline) and never changed: no event. GONE_ID left on 03-01
    // and its last record (02-28) is in a published snapshot, so it is known to be OpenAI-compatible.
    const left = feed.items.find((item) => item.id === 'openai-changes-2026-03-01');
    expect(left?.title).toBe('1 left');
    expect(left?.content_text).toContain(`- ${GONE_ID}: served by the OpenAI-compatible API; 1 like, 10 downloads when last seen`);
    expect(feed.items.map((item) => item.id)).toEqual(['openai-changes-2026-03-01', 'openai-changes-2026-02-28']);
    // The main feed has the others too, the LoRA that left among them.
    const main = JSON.parse(await readText('feed.json')) as { items: { content_html: string }[] };
    expect(namedIds(main.items)).toEqual(expect.arrayContaining([LEFT_LORA_ID, GONE_ID, CJK_ID, TWINS[1]]));
    const rss = parseRss(await readText('openai/rss.xml'));
    expect(rss.channel['atom:link']['@_href']).toBe(`${SITE_URL}openai/rss.xml`);
    expect((rss.channel.item ?? []).map((item) => item.guid['#text'])).toEqual(feed.items.map((item) => item.id));
  });
});
