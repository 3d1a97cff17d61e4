// Hostile and awkward names upstream could send (markup, quotes, reordering characters) are text
// everywhere the built site shows them: catalog rows, model pages, the usage snippet its script makes,
// the changes pages and the feeds; none becomes an element, attribute, handler or inline script, and
// every page carries the one Content Security Policy.
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../publish/escape.ts';
import { parseRss } from './fixtures/publish/parse-rss.ts';
import { ALL_IDS, BASE, CJK_ID, LONG_ID, MODELS, ON_LIST, QUOTED_ID, TWINS, XSS_ID } from './site-html-data.ts';
import { BOTH_LANGS, browserSnippet, CSP, html, loadHtmlSite, modelPageFile, page, pages, readText, shellJsonAfter } from './site-html-fixture.ts';

beforeAll(loadHtmlSite, 120_000);

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
