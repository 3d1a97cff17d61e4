// The catalog's state lives in the URL, in real Chromium on the browser fixture's shared site: typing and
// filters write the query string, a URL restores the form, back and forward walk the states, and the
// language switch keeps the search. Expectations come from the fixture's own data (test/site-browser-oracle.ts).
//
// Needs Chromium: /usr/bin/chromium (Debian's package; `.ci/run` installs it) or CHROMIUM_PATH.
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../site/src/lib/search/search.ts';
import { expected, pageIds, type Want } from './site-browser-oracle.ts';
import { ariaSorts, BASE, countText, open, query, useCatalogBrowser, waitForQuery, waitForRows, waitForState, WAIT } from './site-browser-session.ts';

useCatalogBrowser();

describe('site in a browser: the state lives in the URL', () => {
  it('typing and filters update the query string', async () => {
    const { page } = await open();
    await page.locator('#q').pressSequentially('lumen', { delay: 20 });
    await waitForQuery(page, { q: 'lumen' });
    await page.selectOption('select[name=task]', 'image-to-image');
    await waitForQuery(page, { q: 'lumen', task: 'image-to-image' });
    await page.fill('input[name=owner]', 'Shakker');
    await waitForQuery(page, { q: 'lumen', task: 'image-to-image', owner: 'Shakker' });
    await page.check('input[name=left]');
    await waitForQuery(page, { q: 'lumen', task: 'image-to-image', owner: 'Shakker', left: '1' });
    await waitForState(page, { q: 'lumen', task: 'image-to-image', owner: 'Shakker', left: true });
  });

  it('a URL with a state restores the form, the sort and the page', async () => {
    const want: Want = { q: 'ink', family: 'SDXL', left: true, sort: 'likes' };
    expect(expected(want).length).toBeGreaterThan(2 * PAGE_SIZE);
    const { page } = await open(`${BASE}?q=ink&family=SDXL&left=1&sort=likes&page=2`);
    await waitForState(page, want, 2);
    expect(await page.inputValue('#q')).toBe('ink');
    expect(await page.inputValue('select[name=family]')).toBe('SDXL');
    expect(await page.inputValue('select[name=sort]')).toBe('likes');
    expect(await page.isChecked('input[name=left]')).toBe(true);
    expect(await page.isChecked('input[name=api]')).toBe(false);
    expect((await ariaSorts(page))['likes']).toBe('descending');
    expect(await page.locator('#pager [aria-current=page]').innerText()).toBe('2');
  });

  it('back and forward walk through the earlier states', async () => {
    const { page } = await open();
    await page.locator('#q').pressSequentially('ink', { delay: 20 });
    await waitForQuery(page, { q: 'ink' });
    await page.selectOption('select[name=family]', 'SDXL');
    await waitForQuery(page, { q: 'ink', family: 'SDXL' });
    await page.click('#results th[data-sort=likes]');
    await waitForQuery(page, { q: 'ink', family: 'SDXL', sort: 'likes' });
    await waitForState(page, { q: 'ink', family: 'SDXL', sort: 'likes' });

    await page.goBack();
    await waitForQuery(page, { q: 'ink', family: 'SDXL' });
    await waitForState(page, { q: 'ink', family: 'SDXL' });
    expect((await ariaSorts(page))['downloads']).toBe('descending');
    expect(await page.inputValue('select[name=sort]')).toBe('downloads');

    await page.goBack();
    await waitForQuery(page, { q: 'ink' });
    await waitForState(page, { q: 'ink' });
    expect(await page.inputValue('select[name=family]')).toBe('');
    expect(await page.inputValue('#q')).toBe('ink');

    await page.goBack();
    await waitForQuery(page, {});
    expect(await page.inputValue('#q')).toBe('');
    await waitForState(page, {});

    await page.goForward();
    await waitForQuery(page, { q: 'ink' });
    await waitForState(page, { q: 'ink' });
    await page.goForward();
    await waitForState(page, { q: 'ink', family: 'SDXL' });
    expect(await page.inputValue('select[name=family]')).toBe('SDXL');
  });
});

describe('site in a browser: languages', () => {
  it('the language switch keeps the search, and the Chinese catalog speaks Chinese', async () => {
    const want: Want = { q: 'ink', family: 'SDXL' };
    const { page } = await open();
    await page.locator('#q').pressSequentially('ink', { delay: 20 });
    await page.selectOption('select[name=family]', 'SDXL');
    await waitForQuery(page, { q: 'ink', family: 'SDXL' });
    await waitForState(page, want);
    await page.click('a[data-keep-view]');
    await page.waitForURL((url) => url.pathname === `${BASE}zh/`);
    expect(query(page)).toEqual({ q: 'ink', family: 'SDXL' });
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^zh/);
    expect(await page.inputValue('#q')).toBe('ink');
    expect(await page.inputValue('select[name=family]')).toBe('SDXL');
    await expect.poll(() => countText(page), WAIT).toBe(`${expected(want).length} 个模型`);
    await waitForRows(page, pageIds(want));
    expect(await page.locator('label[for=q]').innerText()).toContain('搜索模型');
    expect(await page.locator('#results thead').innerText()).toContain('下载量');
    const hrefs = await page.$$eval('#results tbody tr td:first-child a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const searches = await page.$$eval('#results tbody tr td:first-child a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).search));
    for (const href of hrefs) expect(href.startsWith(`${BASE}models/`), href).toBe(true);
    for (const search of searches) expect(search).toBe('?lang=zh');
    // And back to English, still with the search.
    await page.click('a[data-keep-view]');
    await page.waitForURL((url) => url.pathname === BASE);
    expect(query(page)).toEqual({ q: 'ink', family: 'SDXL' });
    await waitForState(page, want);
  });
});
