// The built site's links and resources, read with cheerio: nothing is loaded from another origin, built
// stylesheets and scripts name no address but those a reader is shown, everything stays under the
// sub-path, and every internal link, #fragment, model link and feed link resolves to a file.
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMON_LABELS } from '../site/src/i18n/common.ts';
import { MODEL_LABELS } from '../site/src/i18n/model.ts';
import { INFERENCE_ORIGIN, modelPage as modelScopePage, TOKEN_PAGE, usageSnippet } from '../site/src/lib/model/snippets.ts';
import { BASE, GONE_ID, ON_LIST, ORIGIN, SITE_URL } from './site-html-data.ts';
import { BOTH_LANGS, files, isModelPage, loadHtmlSite, modelPageFile, page, pages, pageUrl, readText, servedFile, shellJsonAfter, sitePath } from './site-html-fixture.ts';

/** Where the site may link to outside itself: ModelScope (model pages, the token page). Anchors only. */
const EXTERNAL_LINKS = ['https://modelscope.cn/'];
/** The one http(s):// string a built script may hold (as a string literal): the SVG namespace, a name, not an address. */
const SVG_NAMESPACE_STRING = /(["'`])http:\/\/www\.w3\.org\/2000\/svg\1/g;
/** Model page labels that name a URL in their text (the script of the Chinese view carries them as text). */
const LABELS_WITH_URLS = (['en', 'zh'] as const).flatMap((lang) => Object.values(MODEL_LABELS[lang].snippetNote)).filter((text) => /https?:/.test(text));

beforeAll(loadHtmlSite, 120_000);

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
