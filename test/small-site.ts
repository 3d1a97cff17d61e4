// A small built site, for tests that need a few nights of their own rather than the shared 6,300-model
// fixture: nights written with the change-test factories (each with its gateway list: the models flagged
// openaiApi) and the real build; in a real browser, also a static server under /repo/ and Chromium.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { updateChanges } from '../changes/update.ts';
import { buildSite, type BuildSummary } from '../publish/site.ts';
import type { ModelRecord } from '../store/record.ts';
import { tempDataDir, writeDay } from './changes-factory.ts';
import { serveStatic, type StaticServer } from './site-browser-fixture.ts';

/** Where the site is served below its origin, as on GitHub Pages. */
export const SMALL_SITE_BASE = '/repo/';

/** A running small site and its browser; `close()` ends both and deletes the files. */
export interface SmallSite {
  server: StaticServer;
  browser: Browser;
  /** `http://127.0.0.1:<port>/repo/` */
  url: string;
  close(): Promise<void>;
}

/** What a small site's build made, and where (`root/site`). */
export interface SmallBuild {
  outDir: string;
  summary: BuildSummary;
}

/** Nights in order, each with the models on the list that night. */
export type Nights = readonly [date: string, models: ModelRecord[]][];

/**
 * Writes `nights` into `root/data` (each with its gateway list: the models flagged openaiApi, and the
 * change log updated after it) and builds them for `siteUrl` into `root/site` (tombstone window
 * `tombstoneDays`, default the build's).
 */
export async function buildSmallSite(root: string, nights: Nights, siteUrl: string, options: { tombstoneDays?: number } = {}): Promise<SmallBuild> {
  const dataDir = join(root, 'data');
  for (const [date, models] of nights) {
    await writeDay(dataDir, date, models, models.filter((m) => m.openaiApi).map((m) => m.id));
    await updateChanges(dataDir, date);
  }
  const outDir = join(root, 'site');
  const summary = await buildSite({ dataDir, outDir, siteUrl, snapshotDays: 'all', ...(options.tombstoneDays === undefined ? {} : { tombstoneDays: options.tombstoneDays }) });
  return { outDir, summary };
}

/** Write `nights`, build them (tombstone window `tombstoneDays`, default the build's), serve them and start Chromium. */
export async function startSmallSite(nights: Nights, options: { tombstoneDays?: number } = {}): Promise<SmallSite> {
  const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is not at ${chromiumPath}: install it (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH`);
  const root = await tempDataDir();
  const server = await serveStatic(join(root, 'site'), SMALL_SITE_BASE);
  const url = `${server.origin}${SMALL_SITE_BASE}`;
  await buildSmallSite(root, nights, url, options);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  return {
    server,
    browser,
    url,
    async close() {
      await browser.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
