// Models that left before the tombstone window: the same nights built with a shorter window (the shared
// `html-archive` build), where a departure has no page file but a record in an archive bucket that the
// static host's 404.html looks up, so every link of every page is still answered.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { departedBucket, departedFilePath, departedPageOf, findDeparted, type DepartedModel } from '../site/src/lib/model/departed.ts';
import type { BuildSummary } from '../publish/site.ts';
import { modelPageUrl } from '../publish/urls.ts';
import { COMMON_LABELS } from '../site/src/i18n/common.ts';
import { ALL_IDS, BASE, GONE_ID, LEFT_LORA_ID, MODELS, ON_LIST, PATHS, SITE_URL } from './site-html-data.ts';
import { CSP, files, loadHtmlSite, modelPageFile, NOT_FOUND, page, pageUrl, servedFile, sitePath, summary, walk } from './site-html-fixture.ts';
import { sharedHtmlBuild } from './shared-site.ts';

beforeAll(loadHtmlSite, 120_000);

describe('site/html models that left before the tombstone window', () => {
  let archiveOut: string;
  let archiveSummary: BuildSummary;
  let archiveFiles: Set<string>;
  const archivePages = new Map<string, cheerio.CheerioAPI>();

  beforeAll(async () => {
    // Newest night 03-04: with ARCHIVE_TOMBSTONE_DAYS (4), GONE_ID (last seen 02-28) keeps its page and LEFT_LORA_ID (02-27) does not.
    ({ outDir: archiveOut, summary: archiveSummary } = await sharedHtmlBuild('html-archive'));
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
