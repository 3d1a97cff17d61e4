// The built site as a browser and a crawler see it: one small site (a few nights, hostile names, case
// twins, models that left, one of each kind of snippet) is built once under a sub-path, then every page,
// stylesheet, script and feed in the output is read back with cheerio and checked. A model has one page,
// in English; its Chinese view is the same file at `?lang=zh`, labelled by script (the browser tests).
// A model on the list has an API file, from which the browser draws its chart and makes its usage
// snippet: the snippets are checked here as that script makes them, from the built JSON. A model that
// left keeps a slim tombstone page with its last known facts; a recent departure keeps its API file too
// (issue 21.4), from which its chart is drawn, and an older one carries its figures (`data-series`).
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateChanges } from '../changes/update.ts';
import { visibleText } from '../publish/escape.ts';
import { departedBucket, departedFilePath, departedPageOf, findDeparted, type DepartedModel } from '../site/src/lib/departed.ts';
import { buildSite, type BuildSummary } from '../publish/site.ts';
import { modelApiFile, modelPageUrl, planModelPaths, type ModelPaths } from '../publish/urls.ts';
import type { ModelRecord } from '../store/record.ts';
import { dayNumber } from '../store/dates.ts';
import { SHARD_FORMAT } from '../site/src/lib/search-shard.ts';
import { COMMON_LABELS } from '../site/src/i18n/common.ts';
import { MODEL_LABELS } from '../site/src/i18n/model.ts';
import { labelWithFigures } from '../site/src/lib/page-lang.ts';
import { chartSource, parseSeriesAttribute, snippetModel } from '../site/src/lib/model-file.ts';
import { INFERENCE_ORIGIN, modelPage as modelScopePage, TOKEN_PAGE, usageSnippet, type Snippet } from '../site/src/lib/snippets.ts';
import { model as baseRecord, tempDataDir, writeDay } from './changes-factory.ts';
import { parseRss } from './fixtures/publish/parse-rss.ts';

const SITE_URL = 'https://example.github.io/repo/';
const ORIGIN = 'https://example.github.io';
const BASE = '/repo/';
/** Where the site may link to outside itself: ModelScope (model pages, the token page). Anchors only. */
const EXTERNAL_LINKS = ['https://modelscope.cn/'];
/** The one http(s):// string a built script may hold (as a string literal): the SVG namespace, a name, not an address. */
const SVG_NAMESPACE_STRING = /(["'`])http:\/\/www\.w3\.org\/2000\/svg\1/g;
/** Model page labels that name a URL in their text (the script of the Chinese view carries them as text). */
const LABELS_WITH_URLS = (['en', 'zh'] as const).flatMap((lang) => Object.values(MODEL_LABELS[lang].snippetNote)).filter((text) => /https?:/.test(text));
/** The one Content Security Policy of every page: scripts, styles and fetches fall under default-src. */
const CSP = "default-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; object-src 'none'";
/** Pages built in both languages (`X` and `zh/X`); model pages are not among them. */
const BOTH_LANGS = ['index.html', 'changes/index.html', 'changes/2026-02/index.html', 'changes/2026-03/index.html', 'status/index.html', 'api/index.html'];
/** The page a static host serves for every address without a file: no canonical address of its own (tested on its own below). */
const NOT_FOUND = '404.html';

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
/** A model of a kind the site has no call for (a speech model): its snippet is the "other" kind. */
const speech = (id: string): ModelRecord => record(id, { aigcType: '', inferenceType: 'txt2audio', tasks: ['text-to-speech'], baseModels: [], visionFoundation: '' });

const MODELS = {
  chat: chat(CHAT_ID, {}, 5000),
  lora: record(LORA_ID, { aigcType: 'LoRA', inferenceType: 'txt2img', baseModels: [{ id: LORA_BASE, revision: null }] }),
  checkpoint: record(CHECKPOINT_ID, { aigcType: 'Checkpoint', inferenceType: 'txt2img', baseModels: [], visionFoundation: 'FLUX_1' }),
  gone: chat(GONE_ID, { chineseName: XSS }),
  leftLora: record(LEFT_LORA_ID),
  twinFirst: plain(TWINS[0]),
  twinLater: plain(TWINS[1]),
  xss: chat(XSS_ID, { chineseName: XSS }, 900),
  quoted: chat(QUOTED_ID, { chineseName: QUOTED_ZH }, 800),
  cjk: speech(CJK_ID),
  long: speech(LONG_ID),
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
/** Models that left: a tombstone page each, and an API file while within the tombstone window. */
const LEFT_IDS = ALL_IDS.filter((id) => !ON_LIST.includes(id));
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
    // Each night keeps the gateway's own list: here, exactly the models flagged openaiApi.
    await writeDay(dataDir, date, models, models.filter((m) => m.openaiApi).map((m) => m.id));
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

/** The page file of a model (one for both languages), from the URL publish/urls.ts plans. */
function modelPageFile(id: string): string {
  const path = sitePath(new URL(modelPageUrl(SITE_URL, id, PATHS)));
  if (path === undefined) throw new Error(`model page of ${id} is not under the site`);
  return servedFile(path);
}

const isModelPage = (path: string): boolean => path.startsWith('models/');
/** The page of a model that left (TombstonePage), known from the nights rather than from the page. */
const isTombstone = (path: string): boolean => LEFT_IDS.some((id) => modelPageFile(id) === path);

/** A model's API file as the site publishes it (the fields these tests read). */
interface ModelFile {
  id: string;
  onList: boolean;
  intervals: { from: string; to: string }[];
  series: { from: string; days: number[]; likes: number[]; downloads: number[] };
  current: unknown;
  links: Record<string, string>;
}

/** The output file of the JSON a page's head links (the one the model page's script fetches). */
function headJsonFile(path: string): string {
  const $ = page(path);
  const href = $('link[rel="alternate"][type="application/json"]').attr('href');
  if (href === undefined) throw new Error(`no JSON alternate in ${path}`);
  const inside = sitePath(new URL(href, pageUrl(path)));
  if (inside === undefined) throw new Error(`${path}: JSON alternate ${href} is not under the site`);
  return servedFile(inside);
}

/** The model file the head of a model's page links, parsed. */
async function headJson(id: string): Promise<ModelFile> {
  const file = headJsonFile(modelPageFile(id));
  if (!files.has(file)) throw new Error(`${id}: no file ${file}`);
  return JSON.parse(await readText(file)) as ModelFile;
}

/**
 * The usage snippet a model page shows once its script has run (scripts/model-page.ts): made from the
 * `current` record of the JSON its head links. Fails when that record does not pass `snippetModel`.
 */
async function browserSnippet(id: string): Promise<Snippet> {
  const model = snippetModel(await headJson(id));
  if (model === undefined) throw new Error(`${id}: its JSON has no record to make a snippet from`);
  return usageSnippet(model);
}

/** The date `days` after `date` (`YYYY-MM-DD`). */
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Running sums: a series list is a first value and then differences. */
const sums = (values: readonly number[]): number[] => {
  let total = 0;
  return values.map((value) => (total += value));
};

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

describe('site/html hostile names', () => {
  it('are text in the catalog rows (name and Chinese name), in both languages', () => {
    for (const [catalog, query] of [['index.html', ''], ['zh/index.html', '?lang=zh']] as const) {
      const $ = page(catalog);
      expect($('#results tbody tr')).toHaveLength(ON_LIST.length);
      for (const m of [MODELS.xss, MODELS.quoted]) {
        const href = `${BASE}${modelPageFile(m.id).replace(/index\.html$/, '')}${query}`;
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
      const $ = page(modelPageFile(m.id));
      // Reordering and invisible characters are shown, never obeyed, wherever the name is a title.
      expect($('h1').text()).toBe(visibleText(m.name));
      expect($('h1 bdi').text()).toBe(visibleText(m.name));
      expect($('title').text().startsWith(`${visibleText(m.id)} · `)).toBe(true);
      expect($('meta[name="description"]').attr('content')?.startsWith(`${visibleText(m.id)}: `)).toBe(true);
      expect($('p.lead bdi').map((_, b) => $(b).text()).get()).toEqual([visibleText(m.owner), visibleText(m.chineseName)]);
      expect($('p.lead bdi[lang="zh"]').text()).toBe(visibleText(m.chineseName));
    }
  });

  it('are text in the usage snippet, which the browser makes from the JSON: the id only JSON-encoded inside single quotes', async () => {
    for (const m of [MODELS.xss, MODELS.quoted]) {
      const path = modelPageFile(m.id);
      const $ = page(path);
      // Nothing of the snippet is in the HTML: the script writes it as text (textContent) into the empty section.
      expect(html.get(path), path).toContain('<section data-snippet hidden></section>');
      expect($('section[data-snippet]').contents().length, path).toBe(0);
      expect($('code, pre').length, path).toBe(0);
      const snippet = await browserSnippet(m.id);
      expect(snippet.kind, path).toBe('chat');
      // The id's `<`, `>` and `&` are \u escapes, so the text holds none of them, and never the id as it is.
      expect(snippet.text, path).not.toMatch(/[<>&]/);
      expect(snippet.text, path).not.toContain(m.id);
      expect(snippet.text, path).toContain('"model":');
      expect(shellJsonAfter(snippet.text, '-d '), path).toEqual({ model: m.id, messages: [{ role: 'user', content: 'Hello!' }] });
    }
    // The id is JSON inside a single-quoted shell word: `<`, `>` and `&` as \u escapes, `"` as \", `'` closing and reopening the word.
    expect((await browserSnippet(XSS_ID)).text).toContain(`-d '{"model":"evil/\\u003cimg src=x onerror=alert(1)\\u003e",`);
    expect((await browserSnippet(QUOTED_ID)).text).toContain(`-d '{"model":"q\\"u'\\''o\\u0026te\``);
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
    expect(pages.size).toBe(ALL_IDS.length + 2 * BOTH_LANGS.length + 1);
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
      // Content Security Policy: scripts, styles and fetches only from this site (default-src, with no
      // script-src, style-src or connect-src to widen it), no inline script, no plugins.
      const meta = $('meta[http-equiv="Content-Security-Policy"]');
      expect(meta.length, path).toBe(1);
      const csp = meta.attr('content') ?? '';
      expect(csp, path).toBe(CSP);
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*|(script|style|connect)-src/);
      // The colour scheme is the stylesheet's to set.
      expect($('meta[name="color-scheme"]').length, path).toBe(0);
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
    // The labels allowed through below name the inference API and nothing else.
    expect(LABELS_WITH_URLS.flatMap((text) => text.match(/https?:\/\/[!-~]*/g) ?? [])).toEqual(['https://api-inference.modelscope.cn/v1/', 'https://api-inference.modelscope.cn/v1/']);
    // The snippet script's own strings (lib/snippets.ts): addresses a reader is shown and copies, never
    // fetched (default-src 'self' would refuse them). The inference API, the token page, a model's
    // ModelScope page (a template: the id is appended) and the stand-in input image of an image-edit call.
    const editImage = shellJsonAfter(usageSnippet({ id: 'a/b', openaiApi: false, aigcType: 'Checkpoint', inferenceType: 'img2img', baseModels: [], tasks: [] }).text, '-d ')['image_url'];
    expect(typeof editImage).toBe('string');
    const snippetStrings = [INFERENCE_ORIGIN, TOKEN_PAGE, editImage as string];
    const modelScopePrefix = modelScopePage('a/b').slice(0, -'a/b'.length);
    expect([...snippetStrings, modelScopePrefix].map((url) => new URL(url).origin)).toEqual([
      'https://api-inference.modelscope.cn', 'https://modelscope.cn', 'https://example.com', 'https://modelscope.cn',
    ]);
    /** A string literal (any quote) holding exactly `value`. */
    const literal = (value: string): RegExp => new RegExp(`(["'\`])${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\1`, 'g');
    const assets = [...files].filter((path) => /\.(css|js|mjs)$/.test(path));
    expect(assets.some((path) => path.endsWith('.css'))).toBe(true);
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true);
    const carried = new Set<string>();
    for (const path of assets) {
      // The SVG namespace (a quoted string for the chart script's createElementNS) is a name, never fetched;
      // the model page's labels, which the Chinese view's script carries, name the inference API as text.
      let text = (await readText(path)).replace(SVG_NAMESPACE_STRING, '""');
      for (const label of LABELS_WITH_URLS) text = text.replaceAll(label, '');
      for (const value of snippetStrings) {
        const before = text;
        text = text.replace(literal(value), '""');
        if (text !== before) carried.add(value);
      }
      const before = text;
      text = text.replaceAll(`\`${modelScopePrefix}\${`, '`${');
      if (text !== before) carried.add(modelScopePrefix);
      expect(text.match(/https?:\/\/[^\s'"`)]*/g) ?? [], path).toEqual([]);
      expect(text.match(/\/\/[a-z0-9-]+(\.[a-z0-9-]+)+\//gi) ?? [], `${path}: protocol-relative URL`).toEqual([]);
      if (path.endsWith('.css')) {
        for (const match of text.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(?:url\()?\s*['"]?([^'");\s]+)/gi)) {
          const target = match[2] ?? match[3] ?? '';
          expect(target.startsWith('data:') || sitePath(new URL(target, new URL(`${BASE}${path}`, ORIGIN))) !== undefined, `${path}: ${match[0]}`).toBe(true);
        }
      }
    }
    // The snippet is made in the browser, so its script does carry each of these strings, whole.
    expect([...carried].sort()).toEqual([...snippetStrings, modelScopePrefix].sort());
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

  it('links to a model go to its one page: models/<o>/<n>/?lang=zh from Chinese pages, models/<o>/<n>/ from English ones', () => {
    const counted = new Map<string, number>();
    for (const path of BOTH_LANGS.flatMap((p) => [p, `zh/${p}`])) {
      const $ = page(path);
      const zh = path.startsWith('zh/');
      let n = 0;
      $('main a[href]').each((_, a) => {
        const href = $(a).attr('href') as string;
        const url = new URL(href, pageUrl(path));
        const inside = sitePath(url);
        expect(inside?.startsWith('zh/models/'), `${path}: ${href}`).not.toBe(true);
        if (inside === undefined || !inside.startsWith('models/')) return;
        if (zh) {
          expect(href.endsWith('?lang=zh'), `${path}: ${href}`).toBe(true);
          expect(url.search, `${path}: ${href}`).toBe('?lang=zh');
        } else expect(url.search, `${path}: ${href}`).toBe('');
        expect(href.startsWith(`${BASE}models/`), `${path}: ${href}`).toBe(true);
        const file = servedFile(inside);
        expect(isModelPage(file) && files.has(file), `${path}: ${href} → ${file}`).toBe(true);
        // The link names its model: it leads to that model's page.
        expect(file, `${path}: ${href}`).toBe(modelPageFile($(a).find('bdi').first().text()));
        n += 1;
      });
      counted.set(path, n);
    }
    for (const lang of ['', 'zh/']) {
      expect(counted.get(`${lang}index.html`), lang).toBe(ON_LIST.length);
      // 02-28: five entered, one left and two first served by the gateway (02-27 is the baseline); 03-01:
      // one left and no longer served, both naming it and linking to its tombstone.
      expect(counted.get(`${lang}changes/2026-02/index.html`), lang).toBe(8);
      expect(counted.get(`${lang}changes/2026-03/index.html`), lang).toBe(2);
    }
    const zhChanges = page('zh/changes/2026-03/index.html');
    const goneLinks = zhChanges('main a').filter((_, a) => zhChanges(a).text() === GONE_ID);
    expect(goneLinks.length).toBe(2);
    goneLinks.each((_, a) => void expect(zhChanges(a).attr('href')).toBe(`${BASE}models/gone/chat-model/?lang=zh`));
    expect(zhChanges('[data-kind="unserved"] h4').text()).toBe(`${COMMON_LABELS.zh.kinds.unserved} (1)`);
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
      if (path === NOT_FOUND) continue;
      const zh = path.startsWith('zh/');
      expect($('html').attr('lang'), path).toBe(zh ? 'zh-Hans' : 'en');
      expect($('title').text().trim(), path).not.toBe('');
      expect($('meta[name="description"]').attr('content')?.trim(), path).toBeTruthy();
      const canonical = $('link[rel="canonical"]');
      expect(canonical.length, path).toBe(1);
      const own = new URL(canonical.attr('href') as string);
      expect(own.href.startsWith(SITE_URL), path).toBe(true);
      expect(own.search, path).toBe('');
      expect(servedFile(sitePath(own) as string), path).toBe(path);
      const links = $('link[rel="alternate"][hreflang]').map((_, link) => [[$(link).attr('hreflang') as string, $(link).attr('href') as string]]).get() as [string, string][];
      const alternates = new Map(links);
      expect(alternates.size, `${path}: one alternate per language`).toBe(links.length);
      if (isModelPage(path)) {
        // One file for both languages: English is the page's own URL, Chinese its `?lang=zh`, no x-default.
        expect([...alternates.keys()].sort(), path).toEqual(['en', 'zh-Hans']);
        expect(own.href, path).toBe(pageUrl(path).href);
        expect(alternates.get('en'), path).toBe(pageUrl(path).href);
        expect(alternates.get('zh-Hans'), path).toBe(`${pageUrl(path).href}?lang=zh`);
        continue;
      }
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
      if (path === NOT_FOUND) continue;
      const base = pageUrl(path);
      const target = (type: string): string[] =>
        $(`link[rel="alternate"][type="${type}"]`).map((_, link) => servedFile(sitePath(new URL($(link).attr('href') as string, base)) as string)).get();
      expect(target('application/feed+json'), path).toContain('feed.json');
      expect(target('application/rss+xml'), path).toContain('rss.xml');
      const json = target('application/json');
      expect(json.length, path).toBe(1);
      expect(files.has(json[0] as string), `${path}: ${json[0]}`).toBe(true);
      if (isModelPage(path)) {
        // Model pages announce the main feed pair only (there are 120,000 of them).
        expect(target('application/feed+json'), path).toEqual(['feed.json']);
        expect(target('application/rss+xml'), path).toEqual(['rss.xml']);
      }
      if (isModelPage(path)) {
        // A model on the list: its own file. A path from the host's root, not an absolute URL (the script fetches it).
        expect(json[0], path).toMatch(/^api\/models\/.+\.json$/);
        // A tombstone too (issue 21.4, intentionally changed: it linked the API index, having no file).
        expect($('link[rel="alternate"][type="application/json"]').attr('href'), path).toMatch(/^\/repo\/api\/models\//);
      } else {
        expect(target('application/feed+json'), path).toContain('openai/feed.json');
        expect(target('application/rss+xml'), path).toContain('openai/rss.xml');
      }
    }
  });

  it('marks model pages as having a ?lang=zh view, and points their language switch at it', () => {
    for (const [path, $] of pages) {
      if (path === NOT_FOUND) continue;
      const body = $('body');
      const lang = $('header a.lang');
      expect(lang.length, path).toBe(1);
      if (isModelPage(path)) {
        expect(body.attr('data-zh-query'), path).toBe('');
        // The same file with ?lang=zh (the href may be relative: it resolves against the page's own URL).
        const target = new URL(lang.attr('href') as string, pageUrl(path));
        expect(target.href, path).toBe(`${pageUrl(path).href}?lang=zh`);
        expect(servedFile(sitePath(target) as string), path).toBe(path);
        expect(lang.attr('hreflang'), path).toBe('zh-Hans');
        expect(lang.attr('data-keep-view'), path).toBeUndefined();
      } else {
        // Other pages have a zh/ twin: the switch goes there, keeping the view (query and fragment) by script.
        const zh = path.startsWith('zh/');
        expect(body.attr('data-zh-query'), path).toBeUndefined();
        expect(lang.attr('data-keep-view'), path).toBe('');
        expect(lang.attr('hreflang'), path).toBe(zh ? 'en' : 'zh-Hans');
        const target = servedFile(sitePath(new URL(lang.attr('href') as string, pageUrl(path))) as string);
        expect(target, path).toBe(zh ? path.slice('zh/'.length) : `zh/${path}`);
      }
    }
  });
});

describe('site/html model pages', () => {
  it('a model that left keeps its page, opening with when it left and after how long, with the figures for its Chinese view', () => {
    for (const id of [GONE_ID, LEFT_LORA_ID]) {
      const $ = page(modelPageFile(id));
      // GONE_ID was seen on 02-27 and 02-28; LEFT_LORA_ID on 02-27 only. Both were missing on the next night.
      const [date, days] = id === GONE_ID ? ['2026-03-01', 2] : ['2026-02-28', 1];
      expect($('p.tomb').text().trim()).toBe(`Left the list on ${date} after ${days} day${days === 1 ? '' : 's'}.`);
      const label = $('p.tomb [data-t]');
      expect(label.attr('data-t')).toBe('leftAfter');
      expect(JSON.parse(label.attr('data-a') as string)).toEqual([date, days]);
      // What the Chinese view's script writes from them.
      expect(labelWithFigures(MODEL_LABELS.zh, 'leftAfter', label.attr('data-a') as string)).toBe(`在榜 ${days} 天后，于 ${date} 下榜。`);
      expect($('meta[name="description"]').attr('content')).toBe(`${id}: Left the list on ${date} after ${days} day${days === 1 ? '' : 's'}.`);
      expect($('h1').text()).toBe(id.slice(id.indexOf('/') + 1));
    }
    // Two more nights were observed after the night GONE_ID was missing, and its page is still built.
    expect(NIGHTS.filter(([date]) => date > '2026-03-01')).toHaveLength(2);
    for (const id of ON_LIST) expect(page(modelPageFile(id))('p.tomb').length, id).toBe(0);
  });

  it('a model that left shows its last known figures and facts, ModelScope and JSON links, its chart data and stays', () => {
    // Issue 21.4, intentionally changed: it showed only likes and downloads, and no JSON link.
    const t = MODEL_LABELS.en;
    expect([...LEFT_IDS].sort()).toEqual([GONE_ID, LEFT_LORA_ID].sort());
    for (const [id, lastSeen] of [[GONE_ID, '2026-02-28'], [LEFT_LORA_ID, '2026-02-27']] as const) {
      const path = modelPageFile(id);
      const $ = page(path);
      const m = id === GONE_ID ? MODELS.gone : MODELS.leftLora;
      expect($('h1').text(), id).toBe(visibleText(m.name));
      expect($('h1 bdi').text(), id).toBe(visibleText(m.name));
      // Owner, and the Chinese name of its last known record (hostile for GONE_ID), as text.
      expect($('p.lead bdi').map((_, b) => $(b).text()).get(), id).toEqual(m.chineseName === '' ? [m.owner] : [m.owner, visibleText(m.chineseName)]);
      expect($('p.lead bdi[lang="zh"]').text(), id).toBe(visibleText(m.chineseName));
      expect($('p.tomb > strong[data-t="leftAfter"][data-a]').length, id).toBe(1);
      const facts = $('dl.facts > div').map((_, div) => [[$(div).find('dt').text(), $(div).find('dd').text()]]).get() as [string, string][];
      // Its last known record: what it was (GONE_ID a chat model, LEFT_LORA_ID a FLUX.1 LoRA), with human labels.
      expect(facts.slice(0, 2), id).toEqual([[t.likes, '1'], [t.downloads, '10']]);
      expect(Object.fromEntries(facts), id).toMatchObject(id === GONE_ID
        ? { [t.task]: 'Text generation', [t.inferenceType]: 'Chat', [t.licence]: 'apache-2.0', [t.created]: '2024-01-01', [t.gatewaySince]: '2025-04-29' }
        : { [t.task]: 'Text to image', [t.aigcType]: 'LoRA', [t.family]: 'FLUX.1', [t.baseModel]: 'AI-ModelScope/FLUX.1-dev', [t.licence]: 'apache-2.0', [t.tags]: 'lora' });
      expect($('main > p.muted').first().text(), id).toBe(t.lastKnown);
      // ModelScope, and its JSON file (kept within the tombstone window).
      expect($('main > p a').map((_, a) => $(a).text()).get(), id).toEqual([t.viewOnModelScope, t.json]);
      expect($('main a').first().attr('href'), id).toBe(`https://modelscope.cn/models/${id}`);
      expect(files.has(servedFile(sitePath(new URL($('main > p a').eq(1).attr('href') as string, pageUrl(path))) as string) as string), id).toBe(true);
      // The gateway served GONE_ID (a chat model) until it left: its gateway stays follow the membership.
      const served = id === GONE_ID;
      const useInstead = $('section[data-use-instead]').length > 0;
      expect($('main h2').map((_, h) => $(h).text()).get(), id).toEqual([...(useInstead ? [t.useInstead] : []), t.history, t.membership, ...(served ? [t.gatewayStays] : [])]);
      // Models to use instead are on the list, each linked to its page.
      for (const a of $('section[data-use-instead] a').toArray()) {
        expect(files.has(servedFile(sitePath(new URL($(a).attr('href') as string, pageUrl(path))) as string) as string), id).toBe(true);
      }
      expect($('[data-gateway-stays] li').map((_, li) => $(li).text().replace(/\s+/g, ' ').trim()).get(), id).toEqual(
        served ? [`${t.served} 2026-02-27 – 2026-02-28 (${t.servedFor(2)})`] : [],
      );
      expect($('main .badge').length, id).toBe(0);
      expect($('main > ol.timeline li').map((_, li) => $(li).text().replace(/\s+/g, ' ').trim()).get(), id).toEqual([
        `${t.entered} 2026-02-27 – ${lastSeen} (${t.stayOf(id === GONE_ID ? 2 : 1)})`,
        `${t.left} ${id === GONE_ID ? '2026-03-01' : '2026-02-28'}`,
      ]);
      // In order: heading, lead, when it left, facts, links, what to use instead, chart, stays.
      expect($('main').children().map((_, child) => {
        const tag = String($(child).prop('tagName')).toLowerCase();
        const cls = $(child).attr('class');
        return cls === undefined ? tag : `${tag}.${cls}`;
      }).get(), id).toEqual(['h1', 'p.lead', 'p.tomb', 'p.muted', 'dl.facts', 'p', ...(useInstead ? ['section'] : []), 'h2', 'figure.chart-box', 'h2', 'ol.timeline', ...(served ? ['section'] : [])]);
    }
    // Models on the list do show what they are: the LoRA its base model, the Checkpoint its family, every one its task and licence.
    const facts = (id: string): string[] => page(modelPageFile(id))('dl.facts dt').map((_, dt) => page(modelPageFile(id))(dt).text()).get();
    expect(facts(LORA_ID)).toEqual(expect.arrayContaining([t.task, t.baseModel, t.licence]));
    expect(facts(CHECKPOINT_ID)).toEqual(expect.arrayContaining([t.task, t.family, t.licence]));
    expect(facts(CHAT_ID)).toEqual(expect.arrayContaining([t.task, t.licence]));
  });

  it('a model that left recently has its chart figures in its file, not in the page: an empty figure, and a file that reads back as its stays and figures', async () => {
    // Issue 21.4, intentionally changed: the page carried them in data-series, having no file.
    for (const [id, lastSeen] of [[GONE_ID, '2026-02-28'], [LEFT_LORA_ID, '2026-02-27']] as const) {
      const path = modelPageFile(id);
      const $ = page(path);
      const figure = $('figure.chart-box');
      expect(figure.length, path).toBe(1);
      expect(figure.attr('data-chart'), path).toBe('2026-03-04');
      expect(figure.contents().length, path).toBe(0);
      // The fields a model file would have: its one stay, and figures from its first night (1 like, 10 downloads throughout).
      const fields = { intervals: [{ from: '2026-02-27', to: lastSeen }], series: { from: '2026-02-27', days: [0], likes: [1], downloads: [10] } };
      expect(figure.attr('data-series'), path).toBeUndefined();
      const file = JSON.parse(await readText(modelApiFile(id, PATHS))) as typeof fields;
      expect({ intervals: file.intervals, series: file.series }, path).toEqual(fields);
      // What the chart script draws from it: the same as from a model file with these fields.
      const source = chartSource(file);
      expect(source, path).toBeDefined();
      expect(source?.track, path).toEqual(chartSource(fields)?.track);
      // (The file's events also give the night it left, for the figures table.)
      expect(source, path).toMatchObject({ from: dayNumber('2026-02-27'), track: { gateway: [], genImages: [], upstreamId: null, presence: [dayNumber('2026-02-27'), dayNumber(lastSeen)], likes: [dayNumber('2026-02-27'), 1], downloads: [dayNumber('2026-02-27'), 10] } });
    }
  });

  it('a model that left has a slim frame: brand, the site navigation and language switch in the header, feed and API links in the footer', () => {
    const c = COMMON_LABELS.en;
    for (const id of LEFT_IDS) {
      const path = modelPageFile(id);
      const $ = page(path);
      expect($('a.skip').length, path).toBe(0);
      expect($('header a.brand').attr('href'), path).toBe(BASE);
      // Issue 21.4 (intentionally changed: the slim frame had only the brand and the switch): a departure
      // is a page people land on from feeds and search engines, so it keeps the way to the rest of the site.
      expect($('header nav a:not(.lang)').map((_, a) => servedFile(sitePath(new URL($(a).attr('href') as string, pageUrl(path))) as string)).get(), path).toEqual(['index.html', 'changes/index.html', 'status/index.html']);
      expect($('header nav a.lang').length, path).toBe(1);
      expect($('footer p').length, path).toBe(1);
      expect($('footer').text(), path).not.toContain(c.footer);
      expect($('footer a').map((_, a) => servedFile(sitePath(new URL($(a).attr('href') as string, pageUrl(path))) as string)).get(), path).toEqual(['feed.json', 'rss.xml', 'api/index.html']);
    }
    // A model on the list has the full frame.
    for (const id of ON_LIST) {
      const path = modelPageFile(id);
      const $ = page(path);
      expect($('a.skip[href="#main"]').length, path).toBe(1);
      expect($('header nav a:not(.lang)').map((_, a) => $(a).text()).get(), path).toEqual([c.nav.catalog, c.nav.changes, c.nav.status]);
      expect($('footer').text(), path).toContain(c.footer);
      expect($('footer a').length, path).toBe(3);
    }
  });

  it('labels with figures carry their key and figures, and read the same as the English the page shows', () => {
    let seen = 0;
    const keys = new Set<string>();
    for (const [path, $] of pages) {
      if (!isModelPage(path)) {
        expect($('[data-t]').length, path).toBe(0);
        continue;
      }
      $('[data-t]').each((_, element) => {
        const key = $(element).attr('data-t') as string;
        const args = $(element).attr('data-a') as string;
        expect(['onListSince', 'leftAfter', 'stayOf', 'servedFor', 'noLongerServed', 'renamedOn'], `${path}: ${key}`).toContain(key);
        expect(Array.isArray(JSON.parse(args)), `${path}: ${args}`).toBe(true);
        expect(labelWithFigures(MODEL_LABELS.en, key, args), `${path}: ${key} ${args}`).toBe($(element).text());
        expect(labelWithFigures(MODEL_LABELS.zh, key, args), `${path}: ${key} ${args}`).toBeDefined();
        keys.add(key);
        seen += 1;
      });
      // One stay label per stay, and a status line: when the current stay began, or when it left.
      expect($('main > ol.timeline [data-t="stayOf"]').length, path).toBe($('main > ol.timeline li').length - $('p.tomb').length);
      // And one per stay on the gateway's list, with its own words.
      expect($('[data-gateway-stays] [data-t="servedFor"]').length, path).toBe($('[data-gateway-stays] li').length);
      expect($('[data-t="onListSince"], p.tomb [data-t="leftAfter"]').length, path).toBe(1);
    }
    expect([...keys].sort()).toEqual(['leftAfter', 'onListSince', 'servedFor', 'stayOf']);
    expect(seen).toBeGreaterThanOrEqual(2 * ALL_IDS.length);
    // The current stay of the checkpoint (on every night since 02-27, with the 03-02 gap not observed) began on 02-27.
    const checkpoint = page(modelPageFile(CHECKPOINT_ID));
    expect(JSON.parse(checkpoint('[data-t="onListSince"]').attr('data-a') as string)).toEqual(['2026-02-27']);
    expect(checkpoint('[data-t="onListSince"]').text()).toBe('On the list since 2026-02-27.');
  });

  it('a model on the list shows what it is: badges, since when, every fact, its two links, chart, history and stays', () => {
    const t = MODEL_LABELS.en;
    const cases = [
      // Issue 21.9, intentionally changed: codes as human labels, and the record's dates, tags and gateway date shown.
      { id: LORA_ID, badge: t.lora, likes: '1', facts: [[t.task, 'Text to image'], [t.inferenceType, 'Text to image'], [t.aigcType, 'LoRA'], [t.family, 'FLUX.1'], [t.baseModel, LORA_BASE]], tail: [[t.tags, 'lora']] },
      { id: CHECKPOINT_ID, badge: t.image, likes: '4', facts: [[t.task, 'Text to image'], [t.inferenceType, 'Text to image'], [t.aigcType, 'Checkpoint (full model)'], [t.family, 'FLUX.1']], tail: [[t.tags, 'lora']] },
      { id: CHAT_ID, badge: t.openaiApi, likes: '1', facts: [[t.task, 'Text generation'], [t.inferenceType, 'Chat']], tail: [[t.gatewaySince, '2025-04-29']] },
    ];
    for (const { id, badge, likes, facts, tail } of cases) {
      const path = modelPageFile(id);
      const $ = page(path);
      const m = NIGHTS.at(-1)![1].find((record) => record.id === id)!;
      expect($('main .badge').map((_, b) => $(b).text()).get(), path).toEqual([t.onList, badge]);
      expect($('main .badge.api').text(), path).toBe(t.onList);
      const since = $('[data-t="onListSince"]');
      expect(JSON.parse(since.attr('data-a') as string), path).toEqual(['2026-02-27']);
      expect(since.text(), path).toBe(t.onListSince('2026-02-27'));
      const shown = $('dl.facts > div').map((_, div) => [[$(div).find('dt').text(), $(div).find('dd').text()]]).get() as [string, string][];
      expect(shown, path).toEqual([
        [t.likes, likes], [t.downloads, m.downloads.toLocaleString('en-US')], ...facts, [t.licence, 'apache-2.0'], [t.created, '2024-01-01'], ...tail,
      ]);
      expect($('main a').map((_, a) => $(a).text()).get(), path).toEqual([t.viewOnModelScope, t.json]);
      expect($('main a').first().attr('href'), path).toBe(`https://modelscope.cn/models/${id}`);
      expect($('p.tomb').length, path).toBe(0);
      const stays = $('main > ol.timeline li');
      expect(stays.length, path).toBe(1);
      // 02-27 to 03-04: six days (the unobserved 03-02 does not break a stay).
      expect(stays.text().replace(/\s+/g, ' ').trim(), path).toBe(`${t.entered} 2026-02-27 – ${t.stillOnList} (${t.stayOf(6)})`);
      expect(stays.find('[data-t="stayOf"]').length, path).toBe(1);
      // The snippet section, filled by script, comes last, so nothing already shown moves when it appears.
      // A model the gateway serves shows its gateway stays after the membership.
      const gatewayStays = m.openaiApi ? ['section'] : [];
      expect($('main').children().map((_, child) => String($(child).prop('tagName')).toLowerCase()).get(), path).toEqual(['h1', 'p', 'p', 'dl', 'p', 'h2', 'figure', 'h2', 'ol', ...gatewayStays, 'section']);
    }
  });

  it('the chart of a model on the list is a placeholder for script, holding only a caption; the figures are in the JSON it links, which exists', async () => {
    for (const id of ON_LIST) {
      const path = modelPageFile(id);
      const $ = page(path);
      expect($('svg').length, path).toBe(0);
      expect($('table').length, path).toBe(0);
      const figure = $('figure.chart-box');
      expect(figure.length, path).toBe(1);
      expect(figure.attr('data-chart'), path).toBe('2026-03-04');
      // Its figures come from the file, not from the page.
      expect(figure.attr('data-series'), path).toBeUndefined();
      expect(figure.children().map((_, child) => String($(child).prop('tagName')).toLowerCase()).get(), path).toEqual(['figcaption']);
      expect(figure.text().trim(), path).toBe(MODEL_LABELS.en.chartInJson);
      const served = NIGHTS.at(-1)![1].find((record) => record.id === id)?.openaiApi === true;
      expect($('main h2').map((_, h) => $(h).text()).get(), path).toEqual([MODEL_LABELS.en.history, MODEL_LABELS.en.membership, ...(served ? [MODEL_LABELS.en.gatewayStays] : [])]);
      // The head's JSON link (which the script fetches) and the page's JSON link: one path from the host's
      // root, the page's own path with api/ before models/ and .json for its last slash.
      const page$ = pageUrl(path).pathname;
      const json = `${BASE}api/${page$.slice(BASE.length).replace(/\/$/, '.json')}`;
      expect($('link[rel="alternate"][type="application/json"]').attr('href'), path).toBe(json);
      expect($('main a').filter((_, a) => $(a).text() === MODEL_LABELS.en.json).attr('href'), path).toBe(json);
      const file = servedFile(sitePath(new URL(json, ORIGIN)) as string);
      expect(files.has(file), `${path}: ${json} → ${file}`).toBe(true);
      expect(file, path).toBe(modelApiFile(id, PATHS));
      const doc = JSON.parse(await readText(file)) as ModelFile;
      expect(doc.id, file).toBe(id);
      expect(doc.onList, file).toBe(true);
      expect(doc.intervals.at(-1)?.to, file).toBe('2026-03-04');
      expect(doc, file).not.toHaveProperty('lastRecord');
      expect(doc.links, file).toEqual({ page: page$.slice(BASE.length) });
      // What the chart script reads from it.
      expect(chartSource(doc), file).toBeDefined();
      // The series: gaps (the first 0), likes and downloads as a first value and then differences. Summed up,
      // each point is the figure of that night, and the last one is the figure the page shows.
      const { from, days, likes, downloads } = doc.series;
      expect(days[0], file).toBe(0);
      expect(days.slice(1).every((gap) => gap > 0), file).toBe(true);
      expect([likes.length, downloads.length], file).toEqual([days.length, days.length]);
      const at = sums(days).map((day) => addDays(from, day));
      const [likesAt, downloadsAt] = [sums(likes), sums(downloads)];
      at.forEach((date, i) => {
        const night = NIGHTS.find(([d]) => d === date)?.[1].find((m) => m.id === id);
        if (night === undefined) return;
        expect([likesAt[i], downloadsAt[i]], `${file}: ${date}`).toEqual([night.likes, night.downloads]);
      });
      const facts = new Map($('dl.facts > div').map((_, div) => [[$(div).find('dt').text(), $(div).find('dd').text()]]).get() as [string, string][]);
      expect(facts.get(MODEL_LABELS.en.likes), file).toBe(likesAt.at(-1)?.toLocaleString('en-US'));
      expect(facts.get(MODEL_LABELS.en.downloads), file).toBe(downloadsAt.at(-1)?.toLocaleString('en-US'));
    }
    // The Checkpoint's likes went from 1 to 4 on 03-03 (four days after it was first seen); its downloads did not move.
    expect((await headJson(CHECKPOINT_ID)).series).toEqual({ from: '2026-02-27', days: [0, 4], likes: [1, 3], downloads: [10, 0] });
    expect((await headJson(CHAT_ID)).series).toEqual({ from: '2026-02-27', days: [0], likes: [1], downloads: [5000] });
  });

  it('a model on the list has an empty, hidden section for its snippet, and its JSON holds the record the script makes it from', async () => {
    for (const id of ON_LIST) {
      const path = modelPageFile(id);
      const $ = page(path);
      const section = $('main section[data-snippet]');
      expect(section.length, path).toBe(1);
      expect(section.is('[hidden]'), path).toBe(true);
      expect(section.contents().length, path).toBe(0);
      expect(html.get(path), path).toContain('<section data-snippet hidden></section>');
      // None of the snippet is in the HTML.
      expect($('#snippet, code, pre, button').length, path).toBe(0);
      // The record of the newest night, as the script reads it from the file's `current`.
      const doc = await headJson(id);
      const night = NIGHTS.at(-1)![1].find((m) => m.id === id)!;
      expect((doc.current as { id?: unknown } | null)?.id, path).toBe(id);
      const { openaiApi, aigcType, inferenceType, baseModels, tasks, companion, triggerWords } = night;
      expect(snippetModel(doc), path).toEqual({ id, openaiApi, aigcType, inferenceType, baseModels, tasks, companion, triggerWords });
    }
  });

  it('an OpenAI-compatible model gets a chat-completions curl whose body names it exactly, hostile ids included', async () => {
    for (const m of [MODELS.chat, MODELS.xss, MODELS.quoted]) {
      const snippet = await browserSnippet(m.id);
      expect(snippet.kind, m.id).toBe('chat');
      expect(snippet.text).toContain('curl -s https://api-inference.modelscope.cn/v1/chat/completions');
      expect(snippet.text).toContain('Authorization: Bearer $MODELSCOPE_TOKEN');
      expect(shellJsonAfter(snippet.text, '-d ')).toEqual({ model: m.id, messages: [{ role: 'user', content: 'Hello!' }] });
    }
  });

  it('every calling snippet quotes its shell words and its JSON; the others point to the model’s ModelScope page', async () => {
    // Issue 21.5, intentionally changed: a txt2txt model the gateway does not list (the twins) takes a chat
    // request too; the speech models are "other".
    const kinds = new Map<string, string>([[CHAT_ID, 'chat'], [XSS_ID, 'chat'], [QUOTED_ID, 'chat'], [LORA_ID, 'lora'], [CHECKPOINT_ID, 'image'], [TWINS[0], 'chat'], [TWINS[1], 'chat']]);
    let checked = 0;
    for (const id of ON_LIST) {
      const snippet = await browserSnippet(id);
      expect(snippet.kind, id).toBe(kinds.get(id) ?? 'other');
      expect(snippet.language, id).toBe('sh');
      expect(snippet.text.endsWith('\n'), id).toBe(true);
      if (snippet.kind === 'other') {
        expect(snippet.text.startsWith('# Not served'), id).toBe(true);
        expect(snippet.text.trimEnd().split('\n').at(-1), id).toBe(`# ${modelScopePage(id)}`);
        expect(snippet.text, id).not.toContain('"model"');
        continue;
      }
      expect(snippet.text, id).toContain("'");
      expect(snippet.text, id).toContain('"model":"');
      checked += 1;
    }
    expect(checked).toBe(ON_LIST.length - [CJK_ID, LONG_ID].length);
  });

  it('a LoRA gets an image task on its base model with the LoRA in "loras"', async () => {
    const snippet = await browserSnippet(LORA_ID);
    expect(snippet.kind).toBe('lora');
    expect(snippet.text).toContain('"$API/images/generations"');
    expect(snippet.text).toContain('X-ModelScope-Async-Mode: true');
    expect(shellJsonAfter(snippet.text, '-d ')).toMatchObject({ model: LORA_BASE, loras: LORA_ID });
  });

  it('a Checkpoint image model gets an images/generations call that polls its task', async () => {
    const snippet = await browserSnippet(CHECKPOINT_ID);
    expect(snippet.kind).toBe('image');
    const { text } = snippet;
    expect(text).toContain('"$API/images/generations"');
    expect(text).toContain('X-ModelScope-Async-Mode: true');
    expect(text).toContain('"$API/tasks/$task"');
    expect(text).toMatch(/until [\s\S]*do sleep \d+; done/);
    expect(shellJsonAfter(text, '-d ')).toMatchObject({ model: CHECKPOINT_ID });
    expect(shellJsonAfter(text, '-d ')).not.toHaveProperty('loras');
  });

  it('a model that left has no snippet, nor anything its script could make one from', async () => {
    for (const id of LEFT_IDS) {
      const $ = page(modelPageFile(id));
      expect($('#snippet').length, id).toBe(0);
      expect($('section[data-snippet]').length, id).toBe(0);
      expect($('pre').length, id).toBe(0);
      expect($('button.copy').length, id).toBe(0);
      // The script reads its file (issue 21.4): it holds no current record, so no snippet.
      const file = JSON.parse(await readText(modelApiFile(id, PATHS))) as unknown;
      expect(snippetModel(file), id).toBeUndefined();
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
      const file = modelPageFile(id);
      expect(files.has(file), file).toBe(true);
      for (const part of file.split('/')) expect(Buffer.byteLength(part), file).toBeLessThanOrEqual(255);
      const $ = page(file);
      expect($('title').text().startsWith(`${id} · `), file).toBe(true);
      expect($('h1').text(), file).toBe(id.slice(id.indexOf('/') + 1));
      // Its Chinese view is this same file.
      expect(servedFile(sitePath(new URL($('link[hreflang="zh-Hans"]').attr('href') as string)) as string), file).toBe(file);
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

  it('holds exactly the gateway list\'s events: ids served, and one no longer served', async () => {
    const feed = JSON.parse(await readText('openai/feed.json')) as { feed_url: string; items: { id: string; title: string; content_html: string; content_text: string }[] };
    expect(feed.feed_url).toBe(`${SITE_URL}openai/feed.json`);
    const named = namedIds(feed.items);
    expect(new Set(named)).toEqual(new Set(OPENAI_IDS.filter((id) => id !== CHAT_ID).map(visibleText)));
    // CHAT_ID was on the first night (the baseline) and never changed: no event. The gateway stopped
    // serving GONE_ID on 03-01; XSS_ID and QUOTED_ID were first served on 02-28.
    const left = feed.items.find((item) => item.id === 'openai-changes-2026-03-01');
    expect(left?.title).toBe('1 no longer served');
    expect(left?.content_text).toContain(`1 id is no longer served by the OpenAI-compatible API:\n- ${GONE_ID}: 1 like, 10 downloads when last seen`);
    const served = feed.items.find((item) => item.id === 'openai-changes-2026-02-28');
    expect(served?.title).toBe('2 served');
    expect(feed.items.map((item) => item.id)).toEqual(['openai-changes-2026-03-01', 'openai-changes-2026-02-28']);
    // The main feed has the others too, the LoRA that left among them.
    const main = JSON.parse(await readText('feed.json')) as { items: { content_html: string }[] };
    expect(namedIds(main.items)).toEqual(expect.arrayContaining([LEFT_LORA_ID, GONE_ID, CJK_ID, TWINS[1]]));
    const rss = parseRss(await readText('openai/rss.xml'));
    expect(rss.channel['atom:link']['@_href']).toBe(`${SITE_URL}openai/rss.xml`);
    expect((rss.channel.item ?? []).map((item) => item.guid['#text'])).toEqual(feed.items.map((item) => item.id));
  });
});

describe('site/html models that left before the tombstone window', () => {
  /** Newest night 03-04: with 4 days, GONE_ID (last seen 02-28) keeps its page and LEFT_LORA_ID (02-27) does not. */
  const TOMBSTONE_DAYS = 4;
  let archiveOut: string;
  let archiveSummary: BuildSummary;
  let archiveFiles: Set<string>;
  const archivePages = new Map<string, cheerio.CheerioAPI>();

  beforeAll(async () => {
    archiveOut = join(root, 'dist-archive');
    archiveSummary = await buildSite({ dataDir: join(root, 'data'), outDir: archiveOut, siteUrl: SITE_URL, snapshotDays: 'all', tombstoneDays: TOMBSTONE_DAYS });
    archiveFiles = new Set(await walk(archiveOut));
    for (const path of archiveFiles) if (path.endsWith('.html')) archivePages.set(path, cheerio.load(await readFile(join(archiveOut, path), 'utf8')));
  }, 120_000);

  /** The archive record a static host's 404.html finds for a same-site URL, as scripts/not-found.ts looks it up. */
  async function archived(url: URL): Promise<DepartedModel | undefined> {
    const pagePath = departedPageOf(url.pathname, BASE);
    const buckets = Number(archivePages.get(NOT_FOUND)?.('[data-departed]').attr('data-departed'));
    if (pagePath === undefined || !(buckets > 0)) return undefined;
    const file = departedFilePath(departedBucket(pagePath, buckets));
    if (!archiveFiles.has(file)) return undefined;
    return findDeparted(JSON.parse(await readFile(join(archiveOut, file), 'utf8')), pagePath);
  }

  it('drops the page file of a model last seen before the window, and keeps those within it', () => {
    expect(archiveFiles.has(modelPageFile(LEFT_LORA_ID))).toBe(false);
    expect(archiveFiles.has(modelPageFile(GONE_ID))).toBe(true);
    for (const id of ON_LIST) expect(archiveFiles.has(modelPageFile(id)), id).toBe(true);
    expect(archiveSummary.modelPages).toBe(ALL_IDS.length - 1);
    expect(archiveSummary.departedArchived).toBe(1);
    // The default window keeps every page of this fixture, and its 404 page has no archive to look in.
    expect(summary.departedArchived).toBe(0);
    expect([...files].some((file) => file.startsWith('api/departed/'))).toBe(false);
    expect(page(NOT_FOUND)('[data-departed]').attr('data-departed')).toBe('0');
  });

  it('keeps its record in the archive bucket its page address hashes to: when it left, its stays and last figures', async () => {
    const url = new URL(modelPageUrl(SITE_URL, LEFT_LORA_ID, PATHS));
    expect(await archived(url)).toEqual({
      id: LEFT_LORA_ID,
      page: url.pathname.slice(BASE.length),
      left: '2026-02-28',
      stays: [['2026-02-27', '2026-02-27']],
      likes: MODELS.leftLora.likes,
      downloads: MODELS.leftLora.downloads,
    });
    expect(await archived(new URL(modelPageUrl(SITE_URL, GONE_ID, PATHS)))).toBeUndefined();
  });

  it('serves a 404 page with no address of its own that says so, links to the search with departures, and names the archive size', () => {
    const $ = archivePages.get(NOT_FOUND);
    if ($ === undefined) throw new Error('no 404.html');
    expect($('html').attr('lang')).toBe('en');
    expect($('h1').text()).toBe(COMMON_LABELS.en.notFoundTitle);
    expect($('link[rel="canonical"], link[hreflang]').length).toBe(0);
    expect($('meta[http-equiv="Content-Security-Policy"]').attr('content')).toBe(CSP);
    expect($('body').attr('data-zh-query')).toBe('');
    expect($('[data-departed]').attr('data-departed')).toBe('1');
    expect($('main a[data-site-link]').attr('href')).toBe(`${BASE}?left=1`);
    // Served at any depth: every address it names is absolute or from the host's root.
    $('[href], [src]').each((_, element) => {
      const value = $(element).attr('href') ?? $(element).attr('src') ?? '';
      expect(value.startsWith(BASE) || value.startsWith('https://') || value.startsWith('data:') || value.startsWith('?'), value).toBe(true);
    });
  });

  it('answers every link of every page: with a file, or at a model address the archive knows', async () => {
    let answeredByArchive = 0;
    for (const [path, $] of archivePages) {
      for (const href of $('a[href]').map((_, a) => $(a).attr('href') as string).get()) {
        const url = new URL(href, pageUrl(path));
        const inside = sitePath(url);
        if (inside === undefined || archiveFiles.has(servedFile(inside))) continue;
        expect(await archived(url), `${path}: ${href}`).toBeDefined();
        answeredByArchive += 1;
      }
    }
    // The changes pages and the feeds' day pages name the LoRA that left on 02-28.
    expect(answeredByArchive).toBeGreaterThan(0);
  });
});
