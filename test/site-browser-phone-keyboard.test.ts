// The catalog on a phone (issue 21.3) and from the keyboard, in real Chromium on the browser fixture's
// shared site: every figure of a row named, the filters folded behind one control, "/" to search, and Tab
// through the form into the results with focus always visible.
//
// Needs Chromium: /usr/bin/chromium (Debian's package; `.ci/run` installs it) or CHROMIUM_PATH.
import { describe, expect, it } from 'vitest';
import { byId, pageIds } from './site-browser-oracle.ts';
import { BASE, open, PHONE, type Session, useCatalogBrowser, waitForRows, waitForState, WAIT } from './site-browser-session.ts';

useCatalogBrowser();

describe('site in a browser: a phone (issue 21.3)', () => {
  /** What Chromium's own accessibility tree calls each cell of the first `rows` result rows. */
  async function cellNames(session: Session, rows: number): Promise<string[][]> {
    const cdp = await session.context.newCDPSession(session.page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();
    const byNode = new Map(nodes.map((n) => [n.nodeId, n]));
    const cells = (row: (typeof nodes)[number]): string[] =>
      (row.childIds ?? []).map((id) => byNode.get(id)).filter((n) => n !== undefined && !n.ignored && n.role?.value === 'cell').map((n) => String(n?.name?.value ?? ''));
    // Body rows only: the header row is hidden on a phone, and has column headers, not cells.
    return nodes.filter((n) => !n.ignored && n.role?.value === 'row').map(cells).filter((c) => c.length > 0).slice(0, rows);
  }

  const LABELS = {
    en: { Task: 'Task', Downloads: 'Downloads', Likes: 'Likes', Entered: 'Entered', Growth: '7-day growth', toggle: 'Filters and sort', set: '(1 set)' },
    zh: { Task: '任务', Downloads: '下载量', Likes: '点赞', Entered: '加入日期', Growth: '7 日增长', toggle: '筛选与排序', set: '（已设 1 项）' },
  } as const;

  it.each([
    { lang: 'en', path: BASE },
    { lang: 'zh', path: `${BASE}zh/` },
  ] as const)('at 390 px ($lang) every figure of a row says what it is, before and after a search', async ({ lang, path }) => {
    const session = await open(path, PHONE);
    const { page } = session;
    const labels = LABELS[lang];
    const format = new Intl.NumberFormat(lang === 'en' ? 'en' : 'zh-CN');
    const check = async (ids: string[]): Promise<void> => {
      const names = await cellNames(session, 3);
      for (const [r, cells] of names.entries()) {
        const m = byId(ids[r] ?? '');
        const task = m.record.tasks[0] ?? '';
        // The model cell, then every figure named: what Chromium reads out, and what shows (::before).
        expect(cells.slice(1), m.record.id).toEqual([
          `${labels.Task} ${task}`, `${labels.Downloads} ${format.format(m.record.downloads)}`, `${labels.Likes} ${format.format(m.record.likes)}`,
          `${labels.Entered} ${m.entered}`, `${labels.Growth} ${m.growth === null ? '—' : format.format(m.growth)}`,
        ]);
      }
      const shown = await page.$$eval('#results tbody tr:first-child td', (tds) =>
        (tds as HTMLTableCellElement[]).filter((td) => td.offsetParent !== null && td.textContent?.trim() !== '' && td.cellIndex > 0)
          .map((td) => { const before = getComputedStyle(td, '::before'); return [before.display, before.content]; }));
      expect(shown.length).toBe(5);
      for (const [display, content] of shown) {
        expect(display).not.toBe('none');
        expect(content).not.toMatch(/^(none|normal|"")$/);
      }
    };
    await check(pageIds({}));
    // Rows the script draws are labelled the same way.
    await page.fill('#q', 'lumen');
    await waitForRows(page, pageIds({ q: 'lumen' }));
    await check(pageIds({ q: 'lumen' }));
  });

  it.each([
    { lang: 'en', path: BASE },
    { lang: 'zh', path: `${BASE}zh/` },
  ] as const)('at 390 px ($lang) the filters fold behind one control, and results show on the first screen', async ({ lang, path }) => {
    const { page } = await open(path, PHONE);
    const labels = LABELS[lang];
    const summary = page.locator('#filter-box > summary');
    expect(await summary.isVisible()).toBe(true);
    expect((await summary.innerText()).trim()).toBe(labels.toggle);
    for (const control of ['select[name=task]', 'select[name=sort]', 'input[name=owner]', 'input[name=left]']) expect(await page.locator(control).isVisible(), control).toBe(false);
    // The search box and the first results are on the first screen.
    const firstRow = await page.locator('#results tbody tr').first().boundingBox();
    expect(firstRow?.y ?? Infinity).toBeLessThan(PHONE.height - 80);
    expect(await page.locator('#q').isVisible()).toBe(true);
    // One tap opens them; a filter set shows on the control.
    await summary.click();
    expect(await page.locator('select[name=task]').isVisible()).toBe(true);
    await page.selectOption('select[name=task]', 'image-to-image');
    await waitForRows(page, pageIds({ task: 'image-to-image' }));
    await expect.poll(() => summary.innerText(), WAIT).toBe(`${labels.toggle} ${labels.set}`);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('on a wide screen the filters are open, with no fold control', async () => {
    const { page } = await open();
    expect(await page.locator('#filter-box > summary').isVisible()).toBe(false);
    for (const control of ['select[name=task]', 'select[name=sort]', 'input[name=owner]', 'input[name=left]']) expect(await page.locator(control).isVisible(), control).toBe(true);
  });
});

describe('site in a browser: keyboard', () => {
  it('"/" focuses the search box without typing a slash, except inside another field', async () => {
    const { page } = await open();
    await page.locator('h1').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    expect(await page.inputValue('#q')).toBe('');
    await page.locator('input[name=owner]').focus();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('owner');
    expect(await page.inputValue('input[name=owner]')).toBe('/');
  });

  it('Tab goes from the search box through the filters, the sort headers and into the results, focus always visible', async () => {
    const { page } = await open();
    await page.fill('#q', 'lumen');
    await waitForState(page, { q: 'lumen' });
    await page.locator('#q').focus();
    const visited: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (el === null || el === document.body) return null;
        const style = getComputedStyle(el);
        const ring = (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        const name = el.getAttribute('name');
        const sort = el.closest('th[data-sort]')?.getAttribute('data-sort');
        const what = name !== null ? name : sort !== undefined && sort !== null ? `sort:${sort}` : el.closest('#results tbody') !== null ? 'result' : `${el.tagName.toLowerCase()}`;
        return { what, visible: el.matches(':focus-visible') && ring };
      });
      if (focus === null) break;
      expect(focus.visible, `focus on ${focus.what} is visible`).toBe(true);
      visited.push(focus.what);
      if (focus.what === 'result') break;
    }
    const order = ['task', 'aigc', 'family', 'license', 'owner', 'sort', 'api', 'new', 'left', 'sort:downloads', 'sort:likes', 'sort:entered', 'sort:growth', 'result'];
    const positions = order.map((what) => visited.indexOf(what));
    expect(positions.every((p) => p >= 0), `reached ${visited.join(' → ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Enter on a focused sort header sorts.
    await page.locator('#results th[data-sort=likes] button, #results th[data-sort=likes] a').first().focus();
    await page.keyboard.press('Enter');
    await waitForRows(page, pageIds({ q: 'lumen', sort: 'likes' }));
  });
});
