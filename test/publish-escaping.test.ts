import { SITE_BUILDS } from './helpers.ts';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { escapeHtml, escapeXml, stripXmlIllegal, visibleText } from '../publish/escape.ts';
import { buildJsonFeed, serialiseJsonFeed } from '../publish/feed.ts';
import { changeItems } from '../publish/items.ts';
import { buildRss } from '../publish/rss.ts';
import { buildSite } from '../publish/site.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import { HOSTILE, model, snapshot, track } from './factories.ts';
import { parseRss } from './fixtures/publish/parse-rss.ts';
import { tempDir } from './fixtures/publish/fs.ts';

const siteUrl = 'https://user.github.io/repo/';
const hostileIds = [...Object.values(HOSTILE).map((name) => `evil/${name}`), `${HOSTILE.attribute}/x`];

const HOSTILE_SNAPSHOTS = [
  snapshot('2026-03-01', [model('a/one')]),
  snapshot('2026-03-02', [model('a/one'), ...hostileIds.map((id) => model(id))]),
];

function hostileOutputs() {
  const { log } = track(HOSTILE_SNAPSHOTS);
  const items = changeItems(log, { siteUrl });
  return {
    items,
    feed: buildJsonFeed(items, { siteUrl }),
    rss: buildRss(items, { siteUrl }),
  };
}

const INVISIBLE_OR_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202E]|\p{Cs}/u;

/** Check parsed HTML: only our own elements, no event handlers, each hostile id shown as visible text. */
function expectInert(html: string) {
  const $ = cheerio.load(html);
  expect($('script, img, iframe, object, embed, svg').length).toBe(0);
  $('*').each((_, element) => {
    for (const name of Object.keys($(element).attr() ?? {})) expect(name.startsWith('on'), `attribute ${name}`).toBe(false);
  });
  const shown = $('bdi')
    .map((_, element) => $(element).text())
    .get();
  for (const id of hostileIds) expect(shown).toContain(visibleText(id));
  expect(html).not.toMatch(INVISIBLE_OR_ILLEGAL);
}

describe('publish/escaping', SITE_BUILDS, () => {
  it('escapeHtml escapes markup characters and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml('plain 文字 ✓')).toBe('plain 文字 ✓');
  });

  it('escapeXml drops characters XML 1.0 forbids and keeps tab, newline and astral characters', () => {
    expect(stripXmlIllegal('a\u0000b\u0008c\uD800d\uDFFFe\uFFFEf\uFFFFg')).toBe('abcdefg');
    expect(stripXmlIllegal('tab\tnl\ncr\r😀')).toBe('tab\tnl\ncr\r😀');
    expect(escapeXml('x]]>y\u0001')).toBe('x]]&gt;y');
  });

  it('visibleText shows invisible and reordering characters and repairs lone surrogates', () => {
    expect(visibleText(HOSTILE.rtlOverride)).toBe('gpt[U+202E]gnp.exe');
    expect(visibleText(HOSTILE.control)).toBe('bell[U+0007]and[U+001B]escape');
    expect(visibleText(HOSTILE.loneSurrogate)).toBe('half\uFFFDpair');
    expect(visibleText('zero\u200Bwidth\uFEFF')).toBe('zero[U+200B]width[U+FEFF]');
    expect(visibleText('Qwen/Qwen3-8B 通义')).toBe('Qwen/Qwen3-8B 通义');
  });

  it('JSON Feed: hostile names are inert in content_html and visible in content_text', () => {
    const { feed } = hostileOutputs();
    const item = feed.items[0];
    expect(item?.title).toBe(`${hostileIds.length} entered`);
    expectInert(item?.content_html ?? '');
    for (const id of hostileIds) expect(item?.content_text).toContain(visibleText(id));
    expect(item?.content_text).not.toMatch(INVISIBLE_OR_ILLEGAL);
    const text = serialiseJsonFeed(feed);
    expect(text.isWellFormed()).toBe(true);
    expect(JSON.parse(text)).toEqual(feed);
  });

  it('RSS: still parses, has no illegal characters or raw ]]>, and decodes to the same inert HTML', () => {
    const { feed, rss } = hostileOutputs();
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(rss).not.toMatch(INVISIBLE_OR_ILLEGAL);
    expect(rss).not.toContain(']]>');
    const items = parseRss(rss).channel.item ?? [];
    expect(items.length).toBe(1);
    expect(items[0]?.description).toBe(feed.items[0]?.content_html);
    expectInert(items[0]?.description ?? '');
  });

  it('links to hostile models are percent-encoded, never raw', () => {
    const { feed } = hostileOutputs();
    const $ = cheerio.load(feed.items[0]?.content_html ?? '');
    const hrefs = $('a')
      .map((_, a) => $(a).attr('href') ?? '')
      .get();
    expect(hrefs.length).toBeGreaterThan(hostileIds.length);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/[!#-;=?-~]+$/);
    expect(hrefs).toContain(`${siteUrl}models/evil/%253Cscript%253Ealert%25281%2529%253C%252Fscript%253E/`);
  });
});

describe('publish/escaping in the catalog page', SITE_BUILDS, () => {
  let root: string;
  let home: string;
  beforeAll(async () => {
    root = await tempDir();
    const dataDir = join(root, 'data');
    for (const snap of HOSTILE_SNAPSHOTS) await writeSnapshot(dataDir, snap);
    await rebuildChanges(dataDir);
    await buildSite({ dataDir, outDir: join(root, 'dist'), siteUrl, snapshotDays: 'all' });
    home = await readFile(join(root, 'dist', 'index.html'), 'utf8');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('index.html (the catalog): hostile names are text, never markup, and only our own scripts may run', () => {
    const $ = cheerio.load(home);
    // Nothing a name could have made: no element beyond the page's own, no handler, no inline script.
    expect($('img, iframe, object, embed, svg, style').length).toBe(0);
    $('*').each((_, element) => {
      for (const name of Object.keys($(element).attr() ?? {})) expect(name.startsWith('on'), `attribute ${name}`).toBe(false);
    });
    const scripts = $('script');
    expect(scripts.length).toBeGreaterThan(0);
    scripts.each((_, script) => {
      expect($(script).attr('src') ?? '', 'a script without src').toMatch(/^\/repo\/_assets\/[\w.-]+\.js$/);
      expect($(script).text()).toBe('');
    });
    // Each hostile model is a row, its id (the link) and owner shown as the very characters upstream sent.
    const shown = $('#results bdi').map((_, element) => $(element).text()).get();
    for (const id of hostileIds) {
      const slash = id.indexOf('/');
      expect(shown).toContain(id.toWellFormed());
      expect(shown).toContain(id.slice(0, slash).toWellFormed());
    }
    expect($('#results tbody tr')).toHaveLength(hostileIds.length + 1);
    // Scripts are barred by CSP unless they are files of this site (default-src covers scripts, and no
    // script-src loosens it).
    const csp = $('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
    expect(csp.split(';').map((part) => part.trim())[0]).toBe("default-src 'self'");
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});
