// Model pages in real Chromium (issue 21 items 4, 5, 6 and 9), on the browser fixture's site: the chart's
// dated ticks, value ticks, hover and keyboard readout and its height on a phone; the snippet's forms; a
// departed model's JSON, full facts, navigation and "use instead"; human labels of codes in both languages.
// Needs Chromium: /usr/bin/chromium or CHROMIUM_PATH.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTED_ID, type FixtureModel } from './site-browser-fixture.ts';
import { launchChromium, requireChromium } from './chromium.ts';
import { BASE, PHONE, WAIT } from './site-browser-session.ts';
import { sharedSite } from './shared-site.ts';

const DESKTOP = { width: 1280, height: 900 };

let browser: Browser;
let origin: string;
let models: FixtureModel[];
const contexts: BrowserContext[] = [];
const problems: string[] = [];

beforeAll(async () => {
  requireChromium();
  const site = await sharedSite();
  origin = site.origin;
  models = site.models;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(problems.splice(0)).toEqual([]);
});

async function open(path: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', serviceWorkers: 'block' });
  contexts.push(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(`${origin}${BASE}${path}`);
  return page;
}

const pageOf = (id: string): string => `models/${id}/`;
const lora = (): FixtureModel => {
  const found = models.find((m) => m.onList && m.record.aigcType === 'LoRA' && m.record.id.startsWith('MusePublic/'));
  if (found === undefined) throw new Error('no LoRA in the fixture');
  return found;
};
const CHAT_ID = 'Qwen/Qwen3-8B';

/** The chart's drawn parts, measured in the page. */
const chartFacts = (page: Page) =>
  page.$eval('figure.chart-box svg.chart', (svg) => ({
    height: svg.getBoundingClientRect().height,
    width: svg.getBoundingClientRect().width,
    xTicks: [...svg.querySelectorAll('text.xtick')].map((t) => t.textContent ?? ''),
    yTicks: [...svg.querySelectorAll('g[data-panel]')].map((g) => [...g.querySelectorAll('text.ytick')].map((t) => t.textContent ?? '')),
    fontPx: Math.min(...[...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect().height)),
  }));

describe('model page chart (issue 21.6)', () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`has dated x ticks, value ticks on both panels and a readable height (${name})`, async () => {
      const page = await open(pageOf(lora().record.id), viewport);
      await page.waitForSelector('figure.chart-box.drawn svg.chart', WAIT);
      const chart = await chartFacts(page);
      expect(chart.height).toBeGreaterThanOrEqual(250);
      expect(chart.width).toBeLessThanOrEqual(viewport.width);
      expect(chart.xTicks.length).toBeGreaterThanOrEqual(2);
      expect(chart.xTicks.every((label) => /^\d{4}-\d{2}(-\d{2})?$/.test(label))).toBe(true);
      expect(chart.yTicks).toHaveLength(2);
      for (const ticks of chart.yTicks) {
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(new Set(ticks).size).toBe(ticks.length);
      }
      // Text at its real size, not scaled down with the drawing.
      expect(chart.fontPx).toBeGreaterThanOrEqual(10);
    });
  }

  it('shows the figures of the day under the pointer, and steps through them with the arrow keys once focused', async () => {
    const model = lora();
    const page = await open(pageOf(model.record.id));
    await page.waitForSelector('figure.chart-box.drawn svg.chart', WAIT);
    const readout = page.locator('figure.chart-box .chart-readout');
    const box = await page.locator('svg.chart').boundingBox();
    if (box === null) throw new Error('no chart box');
    // The right edge: the newest night, with the model's current figures.
    await page.mouse.move(box.x + box.width - 15, box.y + box.height / 2);
    await expect.poll(() => readout.innerText(), WAIT).toContain('2026-03-09');
    expect(await readout.innerText()).toContain(`Downloads ${model.record.downloads.toLocaleString('en-US')}`);
    expect(await page.locator('svg.chart .cursor').count()).toBe(1);
    // Keyboard: focus by Tab order (the chart is focusable), then Home goes to the first figure.
    await page.locator('svg.chart').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => readout.innerText(), WAIT).toMatch(/^2026-03-01 · Likes \d+ · Downloads [\d,]+$/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readout.innerText(), WAIT).toMatch(/^2026-03-02 /);
    expect(await page.locator('svg.chart').getAttribute('tabindex')).toBe('0');
  });

  it('lists every change point and the departure in the figures table of a model that left', async () => {
    const page = await open(pageOf(DEPARTED_ID));
    await page.waitForSelector('figure.chart-box.drawn', WAIT);
    await page.locator('details.figures summary').click();
    const rows = await page.$$eval('details.figures tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    // On the list 03-01…03-05 with downloads changing every night, first missing on 03-06; the newest night 03-09.
    expect(rows.map((r) => r[0])).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09']);
    expect(rows[0]?.[3]).toBe('Entered');
    expect(rows[5]).toEqual(['2026-03-06', 'not on the list', 'not on the list', 'Left']);
  });
});

describe('model page snippet (issue 21.5)', () => {
  it('gives a chat model curl, Python and JavaScript tabs, and copies the one shown', async () => {
    const page = await open(pageOf(CHAT_ID));
    await page.waitForSelector('section[data-snippet]:not([hidden]) [role="tab"]', WAIT);
    expect(await page.locator('[role="tab"]').allInnerTexts()).toEqual(['curl', 'Python', 'JavaScript']);
    expect(await page.locator('pre:visible code').innerText()).toContain('/v1/chat/completions');
    await page.locator('[role="tab"]', { hasText: 'Python' }).click();
    const python = await page.locator('pre:visible code').innerText();
    expect(python).toContain('from openai import OpenAI');
    expect(python).toContain(`model=${JSON.stringify(CHAT_ID)}`);
    await page.locator('[role="tab"][aria-selected="true"]').press('ArrowRight');
    expect(await page.locator('[role="tab"][aria-selected="true"]').innerText()).toBe('JavaScript');
    await page.locator('button.copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toContain("import OpenAI from 'openai'");
  });

  it('calls a LoRA as an image task, in every form', async () => {
    const page = await open(pageOf(lora().record.id));
    await page.waitForSelector('section[data-snippet]:not([hidden]) [role="tab"]', WAIT);
    const texts = await page.$$eval('section[data-snippet] pre code', (codes) => codes.map((c) => c.textContent ?? ''));
    expect(texts).toHaveLength(3);
    for (const text of texts) {
      expect(text).toContain('images/generations');
      expect(text).not.toContain('chat/completions');
      expect(text).toContain(JSON.stringify(lora().record.id).slice(1, -1));
    }
  });
});

describe('departed model (issue 21.4)', () => {
  it('keeps its JSON, its full facts as last seen and models to use instead', async () => {
    const page = await open(pageOf(DEPARTED_ID));
    const response = await page.request.get(`${origin}${BASE}api/models/${DEPARTED_ID}.json`);
    expect(response.status()).toBe(200);
    const doc = (await response.json()) as { onList: boolean; current: unknown; lastKnown: { id: string; tasks: string[] } };
    expect(doc.onList).toBe(false);
    expect(doc.current).toBeNull();
    expect(doc.lastKnown.id).toBe(DEPARTED_ID);
    const labels = await page.locator('dl.facts dt').allInnerTexts();
    expect(labels).toEqual(expect.arrayContaining(['Task', 'Licence', 'Model family', 'Base model']));
    // The frame stays slim (brand and language switch): the full navigation would take the site past its budget.
    expect(await page.locator('header a.brand').count()).toBe(1);
    const alternatives = page.locator('section[data-use-instead] li a');
    expect(await alternatives.count()).toBeGreaterThan(0);
    const first = await alternatives.first().innerText();
    expect(models.find((m) => m.record.id === first)?.onList).toBe(true);
    await alternatives.first().click();
    await expect.poll(() => page.locator('h1').innerText(), WAIT).toBe(first.split('/')[1]);
  });

  it('reads in Chinese at ?lang=zh, its code labels and its "use instead" links included', async () => {
    const page = await open(`${pageOf(DEPARTED_ID)}?lang=zh`);
    await page.waitForSelector('figure.chart-box.drawn', WAIT);
    const text = await page.locator('main').innerText();
    for (const word of ['任务', '许可证', '模型系列', '可改用', '基础模型相同']) expect(text).toContain(word);
    expect(text).not.toContain('same base model');
    expect(text).not.toContain('Image to image');
    const href = await page.locator('section[data-use-instead] li a').first().getAttribute('href');
    expect(href).toContain('lang=zh');
  });
});

describe('hidden fields with human labels (issue 21.9)', () => {
  it('shows parameters, dates, tags and the gateway date, codes as labels, in both languages', async () => {
    const page = await open(pageOf(CHAT_ID));
    const facts = Object.fromEntries(await page.$$eval('dl.facts > div', (divs) => divs.map((d) => [d.querySelector('dt')?.textContent ?? '', d.querySelector('dd')?.textContent ?? ''])));
    expect(facts['Created']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(facts['OpenAI-compatible API since']).toBe('2025-12-01');
    expect(facts['Tags']).toBe('chat');
    expect(facts['Task']).toBe('Text generation');
    const lora = await open(pageOf(models.find((m) => m.onList && m.record.visionFoundation === 'QWEN_IMAGE_20_B')?.record.id ?? ''));
    expect(await lora.locator('dl.facts').innerText()).toContain('Qwen-Image (20B)');
    expect(await lora.locator('dl.facts').innerText()).not.toContain('QWEN_IMAGE_20_B');
    const zh = await open(`${pageOf(models.find((m) => m.onList && m.record.visionFoundation === 'QWEN_IMAGE_20_B')?.record.id ?? '')}?lang=zh`);
    await expect.poll(() => zh.locator('dl.facts').innerText(), WAIT).toContain('通义千问 Qwen-Image');
    expect(await zh.locator('dl.facts').innerText()).toContain('创建于');
  });
});
