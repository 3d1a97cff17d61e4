// The head of every built page: language, canonical URL, hreflang alternates, title and description, the
// feed and JSON links, and the language switch (a model page's Chinese view is the same file at `?lang=zh`,
// labelled by script; other pages have a zh/ twin).
import { beforeAll, describe, expect, it } from 'vitest';
import { SITE_URL } from './site-html-data.ts';
import { files, isModelPage, loadHtmlSite, NOT_FOUND, pages, pageUrl, servedFile, sitePath } from './site-html-fixture.ts';

beforeAll(loadHtmlSite, 120_000);

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
