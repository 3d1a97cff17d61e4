// A model that left long ago is drawn by 404.html from api/departed/ in the browser: its name in the
// title and heading shows hidden and reordering characters instead of obeying them, as built pages do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelPageHref } from '../publish/pages.ts';
import { planModelPaths } from '../publish/urls.ts';
import { model } from './changes-factory.ts';
import { startSmallSite, type SmallSite } from './small-site.ts';

const GONE = 'odd/gpt\u202egnp.exe';
let site: SmallSite;
beforeAll(async () => {
  // A two-day tombstone window: GONE, last seen on 03-01, is in the archive, not a page file.
  const nights: [string, string[]][] = [['2026-03-01', [GONE, 'a/stays']], ['2026-03-02', ['a/stays']], ['2026-03-09', ['a/stays']]];
  site = await startSmallSite(nights.map(([date, ids]) => [date, ids.map((id) => model(id, 1, 10))]), { tombstoneDays: 2 });
}, 120_000);
afterAll(async () => {
  await site?.close();
});

describe('site/404 archive', () => {
  it('titles a long-gone model with its hidden characters shown', async () => {
    const paths = planModelPaths([{ id: GONE, firstSeen: '2026-03-01' }, { id: 'a/stays', firstSeen: '2026-03-01' }]);
    const page = await site.browser.newPage();
    await page.goto(`${site.url}${modelPageHref(GONE, paths)}`);
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent?.includes('gnp') === true, null, { timeout: 10_000 });
    expect(await page.locator('main h1').textContent()).toBe('gpt[U+202E]gnp.exe');
    expect(await page.title()).toMatch(/^odd\/gpt\[U\+202E\]gnp\.exe · /);
    expect(await page.title()).not.toContain('\u202e');
    await page.close();
  });
});
