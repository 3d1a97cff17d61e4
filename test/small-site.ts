// A small built site in a real browser, for tests that need a few nights of their own rather than the
// shared 6,300-model fixture: the nights built (test/small-build.ts), a static server under /repo/ and
// Chromium.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { tempDataDir } from './changes-factory.ts';
import { launchChromium, requireChromium } from './chromium.ts';
import { serveStatic, type StaticServer } from './site-browser-build.ts';
import { buildSmallSite, type Nights } from './small-build.ts';

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

/** Write `nights`, build them (tombstone window `tombstoneDays`, default the build's), serve them and start Chromium. */
export async function startSmallSite(nights: Nights, options: { tombstoneDays?: number } = {}): Promise<SmallSite> {
  requireChromium();
  const root = await tempDataDir();
  const server = await serveStatic(join(root, 'site'), SMALL_SITE_BASE);
  const url = `${server.origin}${SMALL_SITE_BASE}`;
  await buildSmallSite(root, nights, url, options);
  const browser = await launchChromium();
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
