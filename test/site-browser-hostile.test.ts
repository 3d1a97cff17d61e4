// Hostile text and the network in real Chromium on the browser fixture's shared site: a model named like
// markup shows as text everywhere and never runs, and no page asks anything of any host but 127.0.0.1.
//
// Needs Chromium: /usr/bin/chromium (Debian's package; `.ci/run` installs it) or CHROMIUM_PATH.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HOSTILE_ID } from './site-browser-fixture.ts';
import { BASE, open, origin, rowIds, useCatalogBrowser, waitForState, WAIT } from './site-browser-session.ts';

useCatalogBrowser();

describe('site in a browser: hostile text and the network', () => {
  it('a model named like markup shows as text everywhere and never runs', async () => {
    const hostileName = HOSTILE_ID.slice(HOSTILE_ID.indexOf('/') + 1);
    const imgs = (page: Page): Promise<number> => page.evaluate(() => document.querySelectorAll('img').length);
    // The static page lists it (it is among the most downloaded).
    const { page } = await open();
    expect(await page.locator('#results tbody').innerText()).toContain(hostileName);
    expect(await imgs(page)).toBe(0);
    // The search draws it.
    await page.fill('#q', 'onerror');
    await waitForState(page, { q: 'onerror' });
    expect(await rowIds(page)).toEqual([HOSTILE_ID]);
    expect(await imgs(page)).toBe(0);
    // Its page, in both languages.
    await page.click('#results tbody tr td:first-child a');
    await page.waitForURL((url) => url.pathname.startsWith(`${BASE}models/hostile/`));
    expect(await page.locator('h1').innerText()).toBe(hostileName);
    expect(await page.title()).toContain(HOSTILE_ID);
    expect(await imgs(page)).toBe(0);
    await page.click('header a.lang');
    await page.waitForURL((url) => url.pathname.startsWith(`${BASE}models/hostile/`) && url.search === '?lang=zh');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), WAIT).toBe('zh-Hans');
    expect(await page.locator('h1').innerText()).toBe(hostileName);
    expect(await imgs(page)).toBe(0);
    // The dialog check itself is armed: a real alert would have been recorded.
    const probe = await open(`${BASE}status/`);
    await probe.page.evaluate(() => setTimeout(() => alert('probe'), 0));
    await expect.poll(() => probe.dialogs, WAIT).toEqual(['alert: probe']);
    probe.dialogs.length = 0;
  });

  it('no page asks anything of any host but 127.0.0.1, and none has errors or failed requests', async () => {
    const paths = [BASE, `${BASE}?q=flux&api=1`, `${BASE}zh/?q=ink`, `${BASE}models/Qwen/Qwen3-8B/`, `${BASE}models/Qwen/Qwen3-8B/?lang=zh`, `${BASE}models/farewell/departed-model/`, `${BASE}changes/`, `${BASE}zh/changes/`, `${BASE}status/`, `${BASE}zh/status/`];
    const session = await open();
    for (const path of paths) {
      // Catalog pages with a state fetch the search index after loading: wait for it too.
      await session.page.goto(`${origin}${path}`, { waitUntil: path.includes('?') ? 'networkidle' : 'load' });
      const foreign = await session.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[src], link[rel~=stylesheet], link[rel~=preload], link[rel~=modulepreload], link[rel~=icon]')]
          .map((el) => el.getAttribute('src') ?? el.getAttribute('href') ?? '')
          .filter((url) => !url.startsWith('data:') && new URL(url, location.href).origin !== location.origin),
      );
      expect(foreign, path).toEqual([]);
    }
    // The search index was fetched (so the route saw the page's own requests), from here only.
    expect(session.requested.some((url) => url.endsWith('/search/search-1.json'))).toBe(true);
    for (const url of session.requested) expect(new URL(url).hostname).toBe('127.0.0.1');
  });
});
