// A model that left long ago is drawn by 404.html from api/departed/ in the browser: its name in the
// title and heading shows hidden and reordering characters instead of obeying them, as built pages do.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateChanges } from '../changes/update.ts';
import { modelPageHref } from '../publish/pages.ts';
import { planModelPaths } from '../publish/urls.ts';
import { buildSite } from '../publish/site.ts';
import { model, tempDataDir, writeDay } from './changes-factory.ts';
import { serveStatic, type StaticServer } from './site-browser-fixture.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const BASE = '/repo/';
const GONE = 'odd/gpt\u202egnp.exe';
let root: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH`);
  root = await tempDataDir();
  const dataDir = join(root, 'data');
  const nights: [string, string[]][] = [['2026-03-01', [GONE, 'a/stays']], ['2026-03-02', ['a/stays']], ['2026-03-09', ['a/stays']]];
  for (const [date, ids] of nights) {
    await writeDay(dataDir, date, ids.map((id) => model(id, 1, 10)));
    await updateChanges(dataDir, date);
  }
  server = await serveStatic(join(root, 'site'), BASE);
  // A two-day tombstone window: GONE, last seen on 03-01, is in the archive, not a page file.
  await buildSite({ dataDir, outDir: join(root, 'site'), siteUrl: `${server.origin}${BASE}`, snapshotDays: 'all', tombstoneDays: 2 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe('site/404 archive', () => {
  it('titles a long-gone model with its hidden characters shown', async () => {
    const paths = planModelPaths([{ id: GONE, firstSeen: '2026-03-01' }, { id: 'a/stays', firstSeen: '2026-03-01' }]);
    const page = await browser.newPage();
    await page.goto(`${server.origin}${BASE}${modelPageHref(GONE, paths)}`);
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent?.includes('gnp') === true, null, { timeout: 10_000 });
    expect(await page.locator('main h1').textContent()).toBe('gpt[U+202E]gnp.exe');
    expect(await page.title()).toMatch(/^odd\/gpt\[U\+202E\]gnp\.exe · /);
    expect(await page.title()).not.toContain('\u202e');
    await page.close();
  });
});
