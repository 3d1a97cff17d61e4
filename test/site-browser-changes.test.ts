// The changes pages' filter in a real browser (Chromium via playwright-core) on a small built site:
// counts follow the filter, nights with nothing left to show hide, and the filter lives in the URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterFromSearch, matchingCount, searchWithFilter } from '../site/src/lib/views/changes-filter.ts';
import type { ModelRecord } from '../store/record.ts';
import { model } from './changes-factory.ts';
import { startSmallSite, type SmallSite } from './small-site.ts';

const chat = (id: string): ModelRecord => ({ ...model(id, 1, 10), openaiApi: true, aigcType: '', inferenceType: 'chat', tasks: ['text-generation'], baseModels: [], visionFoundation: '' });
const loras = Array.from({ length: 35 }, (_, i) => model(`ink/lora-${String(i).padStart(2, '0')}`, 1, 100 + i));
const CHAT = chat('qwen/chat');
// 03-01 baseline; 03-02: 35 LoRAs and the chat model leave (more LoRAs than a night lists); 03-03: one LoRA enters.
const NIGHTS: [string, ModelRecord[]][] = [
  ['2026-03-01', [...loras, CHAT, model('a/stays')]],
  ['2026-03-02', [model('a/stays')]],
  ['2026-03-03', [model('a/stays'), model('b/new-lora')]],
];

let site: SmallSite;
beforeAll(async () => {
  site = await startSmallSite(NIGHTS);
}, 120_000);
afterAll(async () => {
  await site?.close();
});

describe('site/changes-filter state', () => {
  it('reads a tolerant query and writes a canonical one, keeping other keys', () => {
    const kinds = ['entered', 'left'];
    const cats = ['lora', 'openai'];
    expect(filterFromSearch('?kind=left&cat=lora', kinds, cats)).toEqual({ kind: 'left', cat: 'lora' });
    expect(filterFromSearch('?kind=exploded&cat=<b>', kinds, cats)).toEqual({ kind: '', cat: '' });
    expect(searchWithFilter('?x=1&kind=entered', { kind: 'left', cat: '' })).toBe('?x=1&kind=left');
    expect(searchWithFilter('?kind=left&cat=lora', { kind: '', cat: '' })).toBe('');
    expect(matchingCount(36, { lora: 35, openai: 1 }, 'openai')).toBe(1);
    expect(matchingCount(36, { lora: 35 }, 'image')).toBe(0);
    expect(matchingCount(36, { lora: 35 }, '')).toBe(36);
  });
});

describe('site/changes-filter in the browser', () => {
  const heading = (kind: string, day: string) => `section[id="${day}"] [data-kind="${kind}"]`;

  it('counts follow the filter, the rest of a kind counts only matching events, and nights with nothing matching hide', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}changes/2026-03/?cat=openai`);
    await page.waitForSelector('#changes-filter:not([hidden])');
    expect(await page.locator('select[name="cat"]').inputValue()).toBe('openai');
    expect(await page.locator(`${heading('left', '2026-03-02')} [data-count]`).textContent()).toBe('1');
    expect(await page.locator(`${heading('left', '2026-03-02')} [data-more]`).isHidden()).toBe(true);
    // 03-03 had only a LoRA enter: nothing of the chosen kind of model.
    expect(await page.locator('section[id="2026-03-03"]').isHidden()).toBe(true);
    await page.selectOption('select[name="cat"]', 'lora');
    expect(await page.locator(`${heading('left', '2026-03-02')} [data-count]`).textContent()).toBe('35');
    // A night lists 30 of a kind, OpenAI-compatible first: the chat model and 29 LoRAs, so 6 LoRAs are in the JSON only.
    expect(await page.locator(`${heading('left', '2026-03-02')} li[data-cat="lora"]:visible`).count()).toBe(29);
    expect(await page.locator(`${heading('left', '2026-03-02')} [data-more] a`).textContent()).toBe('…and 6 more in the JSON');
    expect(await page.locator('section[id="2026-03-03"]').isVisible()).toBe(true);
    await page.close();
  });

  it('keeps the filter in the URL, so a reload and a shared link show the same', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}zh/changes/2026-03/`);
    await page.waitForSelector('#changes-filter:not([hidden])');
    await page.selectOption('select[name="kind"]', 'entered');
    expect(new URL(page.url()).search).toBe('?kind=entered');
    await page.reload();
    await page.waitForSelector('#changes-filter:not([hidden])');
    expect(await page.locator('select[name="kind"]').inputValue()).toBe('entered');
    expect(await page.locator('section[id="2026-03-02"]').isHidden()).toBe(true);
    expect(await page.locator(`${heading('entered', '2026-03-03')}`).isVisible()).toBe(true);
    await page.close();
  });
});
