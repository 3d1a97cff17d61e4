// The catalog's filters and sorting in real Chromium on the browser fixture's shared site: each filter
// narrows to exactly the matching models, the column headers sort and say so, and the order is what its
// label says (issue 21.1). Expectations come from the fixture's own data (test/site-browser-oracle.ts).
//
// Needs Chromium: /usr/bin/chromium (Debian's package; `.ci/run` installs it) or CHROMIUM_PATH.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEPARTED_ID } from './site-browser-fixture.ts';
import { byId, EN, expected, pageIds, type Want } from './site-browser-oracle.ts';
import { ariaSorts, BASE, open, PHONE, rowIds, useCatalogBrowser, waitForCount, waitForQuery, waitForRows, waitForState, WAIT } from './site-browser-session.ts';

useCatalogBrowser();

describe('site in a browser: filters', () => {
  /** Each filter, how to set it, and what it means. */
  const FILTERS: { name: string; want: Want; set: (page: Page) => Promise<void> }[] = [
    { name: 'api', want: { api: true }, set: (p) => p.check('input[name=api]') },
    { name: 'task', want: { task: 'image-to-image' }, set: async (p) => void (await p.selectOption('select[name=task]', 'image-to-image')) },
    { name: 'aigc', want: { aigc: 'Checkpoint' }, set: async (p) => void (await p.selectOption('select[name=aigc]', 'Checkpoint')) },
    { name: 'family', want: { family: 'SDXL' }, set: async (p) => void (await p.selectOption('select[name=family]', 'SDXL')) },
    { name: 'license', want: { license: 'mit' }, set: async (p) => void (await p.selectOption('select[name=license]', 'mit')) },
    { name: 'owner', want: { owner: 'qwen' }, set: (p) => p.fill('input[name=owner]', 'qwen') },
    { name: 'new', want: { recent: true }, set: (p) => p.check('input[name=new]') },
    { name: 'left', want: { left: true, q: 'farewell' }, set: async (p) => { await p.fill('#q', 'farewell'); await p.check('input[name=left]'); } },
  ];

  it.each(FILTERS)('$name narrows the results to exactly the matching models', async ({ want, set }) => {
    const total = expected({}).length;
    const matching = expected(want).length;
    expect(matching).toBeGreaterThan(0);
    expect(matching === total && want.left !== true).toBe(false);
    const { page } = await open();
    await set(page);
    await waitForState(page, want);
    // Each row on the page really has the property (checked against the fixture, not the site).
    for (const id of await rowIds(page)) {
      expect(expected(want).some((m) => m.record.id === id), id).toBe(true);
    }
  });

  it('left: without it departed models are hidden, with it they show with a "left on" badge', async () => {
    const { page } = await open();
    await page.fill('#q', 'farewell');
    await waitForCount(page, 'No models match');
    await page.check('input[name=left]');
    await waitForState(page, { q: 'farewell', left: true });
    const departed = page.locator('#results tbody tr', { hasText: DEPARTED_ID });
    await expect.poll(() => departed.innerText(), WAIT).toContain(`left on ${byId(DEPARTED_ID).leftOn}`);
  });

  it('filters combine, and the filter choices list what is on the list', async () => {
    const { page } = await open();
    const families = await page.$$eval('select[name=family] option', (options) => options.map((o) => (o as HTMLOptionElement).value));
    const onList = new Set(expected({}).map((m) => m.record.visionFoundation).filter((f) => f !== ''));
    expect(new Set(families.filter((f) => f !== ''))).toEqual(onList);
    await page.selectOption('select[name=family]', 'FLUX_1');
    await page.selectOption('select[name=license]', 'apache-2.0');
    await page.fill('input[name=owner]', 'MusePublic');
    await page.fill('#q', 'ink');
    await waitForState(page, { family: 'FLUX_1', license: 'apache-2.0', owner: 'MusePublic', q: 'ink' });
  });
});

describe('site in a browser: sorting', () => {
  it('clicking a column header sorts by it and marks it with aria-sort', async () => {
    const { page } = await open();
    expect(await ariaSorts(page)).toEqual({ downloads: 'descending', likes: 'none', entered: 'none', growth: 'none' });
    await page.fill('#q', 'a');
    await waitForState(page, { q: 'a' });
    for (const sort of ['likes', 'entered', 'growth', 'downloads'] as const) {
      await page.click(`#results th[data-sort=${sort}]`);
      await waitForRows(page, pageIds({ q: 'a', sort }));
      const marks = await ariaSorts(page);
      expect(marks[sort]).toBe('descending');
      expect(Object.values(marks).filter((v) => v !== 'none')).toHaveLength(1);
      expect(await page.inputValue('select[name=sort]')).toBe(sort);
      await waitForQuery(page, sort === 'downloads' ? { q: 'a' } : { q: 'a', sort });
    }
  });

  it('every result row has one cell per column, each under its header', async () => {
    const { page } = await open(`${BASE}?q=lumen&sort=likes`);
    await waitForState(page, { q: 'lumen', sort: 'likes' });
    const headers = await page.$$eval('#results thead th', (ths) => ths.map((th) => th.getAttribute('data-sort') ?? th.textContent?.trim() ?? ''));
    const rows = await page.$$eval('#results tbody tr', (trs) => (trs as HTMLTableRowElement[]).map((tr) => [...tr.cells].map((td) => td.textContent?.trim() ?? '')));
    for (const [i, cells] of rows.entries()) {
      expect(cells.length, `row ${i} has ${cells.length} cells under ${headers.length} headers`).toBe(headers.length);
      const m = byId(cells[0]?.split(/\s/u)[0] ?? '');
      expect(cells[headers.indexOf('downloads')], `${m.record.id} downloads`).toBe(EN.format(m.record.downloads));
      expect(cells[headers.indexOf('likes')], `${m.record.id} likes`).toBe(EN.format(m.record.likes));
      expect(cells[headers.indexOf('entered')], `${m.record.id} entered`).toBe(m.entered);
    }
  });
});

describe('site in a browser: the order is what its label says (issue 21.1)', () => {
  /** The downloads figure of each row, as the row shows it. */
  const downloadsShown = (page: Page): Promise<number[]> =>
    page.$$eval('#results tbody tr', (rows) => rows.map((row) => Number((row as HTMLTableRowElement).cells[3]?.textContent?.replace(/\D/g, '') ?? 'NaN')));

  it('the first-rendered page is page 1 by downloads, and re-sorting by likes and back gives the same rows', async () => {
    const { page } = await open();
    // Before any script draws a row: the static HTML, under a header that says "Downloads ↓".
    expect(await ariaSorts(page)).toEqual({ downloads: 'descending', likes: 'none', entered: 'none', growth: 'none' });
    const staticIds = await rowIds(page);
    expect(staticIds).toEqual(pageIds({}));
    const figures = await downloadsShown(page);
    expect(figures).toEqual([...figures].sort((a, b) => b - a));
    // A gateway model is not first just for being one: the fixture has a non-gateway model among them.
    expect(staticIds.some((id) => !byId(id).record.openaiApi && byId(id).record.downloads > (byId(staticIds.at(-1) ?? '').record.downloads))).toBe(true);
    await page.selectOption('select[name=sort]', 'likes');
    await waitForRows(page, pageIds({ sort: 'likes' }));
    await page.selectOption('select[name=sort]', 'downloads');
    await waitForQuery(page, {});
    await waitForRows(page, staticIds);
    // Sorting from the header ends in the same place too.
    await page.click('#results th[data-sort=likes]');
    await waitForRows(page, pageIds({ sort: 'likes' }));
    await page.click('#results th[data-sort=downloads]');
    await waitForRows(page, staticIds);
  });

  it('gateway models first is its own, labelled choice, in both languages', async () => {
    const want = expected({ sort: 'api' });
    expect(want.findIndex((m) => !m.record.openaiApi)).toBe(expected({ api: true }).length);
    const { page } = await open();
    const option = (value: string): Promise<string> => page.locator(`select[name=sort] option[value=${value}]`).innerText();
    expect(await option('downloads')).toBe('Downloads');
    expect(await option('api')).toBe('OpenAI-compatible first, then downloads');
    await page.selectOption('select[name=sort]', 'api');
    await waitForQuery(page, { sort: 'api' });
    await waitForRows(page, pageIds({ sort: 'api' }));
    // No column is "the" order now: no header claims it.
    expect(Object.values(await ariaSorts(page))).toEqual(['none', 'none', 'none', 'none']);
    // Reloading the same URL gives the same order.
    await page.reload();
    await waitForRows(page, pageIds({ sort: 'api' }));
    const zh = await open(`${BASE}zh/?sort=api`, PHONE);
    await waitForRows(zh.page, pageIds({ sort: 'api' }));
    expect(await zh.page.locator('select[name=sort] option[value=api]').textContent()).toBe('OpenAI 兼容优先，再按下载量');
    // The Chinese page, first rendered, is page 1 by downloads as well.
    const zhStatic = await open(`${BASE}zh/`, PHONE);
    expect(await rowIds(zhStatic.page)).toEqual(pageIds({}));
  });
});
