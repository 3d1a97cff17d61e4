// The page of a model on the list: what it is (badges, since when, every fact, its two links), labels
// with figures for the Chinese view's script, a chart placeholder whose figures are in the JSON file its
// head links, and a page at the planned path for case twins and awkward names.
import { beforeAll, describe, expect, it } from 'vitest';
import { modelApiFile } from '../publish/urls.ts';
import { MODEL_LABELS } from '../site/src/i18n/model.ts';
import { labelWithFigures } from '../site/src/lib/page-lang.ts';
import { chartSource } from '../publish/model-file.ts';
import { ALL_IDS, BASE, CHAT_ID, CHECKPOINT_ID, CJK_ID, LONG_ID, LORA_BASE, LORA_ID, NIGHTS, ON_LIST, ORIGIN, PATHS, TWINS } from './site-html-data.ts';
import { files, headJson, isModelPage, loadHtmlSite, type ModelFile, modelPageFile, page, pages, pageUrl, readText, servedFile, sitePath } from './site-html-fixture.ts';

/** The date `days` after `date` (`YYYY-MM-DD`). */
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Running sums: a series list is a first value and then differences. */
const sums = (values: readonly number[]): number[] => {
  let total = 0;
  return values.map((value) => (total += value));
};

beforeAll(loadHtmlSite, 120_000);

describe('site/html model pages', () => {
  it('labels with figures carry their key and figures, and read the same as the English the page shows', () => {
    let seen = 0;
    const keys = new Set<string>();
    for (const [path, $] of pages) {
      if (!isModelPage(path)) {
        expect($('[data-t]').length, path).toBe(0);
        continue;
      }
      $('[data-t]').each((_, element) => {
        const key = $(element).attr('data-t') as string;
        const args = $(element).attr('data-a') as string;
        expect(['onListSince', 'leftAfter', 'stayOf', 'servedFor', 'noLongerServed', 'renamedOn'], `${path}: ${key}`).toContain(key);
        expect(Array.isArray(JSON.parse(args)), `${path}: ${args}`).toBe(true);
        expect(labelWithFigures(MODEL_LABELS.en, key, args), `${path}: ${key} ${args}`).toBe($(element).text());
        expect(labelWithFigures(MODEL_LABELS.zh, key, args), `${path}: ${key} ${args}`).toBeDefined();
        keys.add(key);
        seen += 1;
      });
      // One stay label per stay, and a status line: when the current stay began, or when it left.
      expect($('main > ol.timeline [data-t="stayOf"]').length, path).toBe($('main > ol.timeline li').length - $('p.tomb').length);
      // And one per stay on the gateway's list, with its own words.
      expect($('[data-gateway-stays] [data-t="servedFor"]').length, path).toBe($('[data-gateway-stays] li').length);
      expect($('[data-t="onListSince"], p.tomb [data-t="leftAfter"]').length, path).toBe(1);
    }
    expect([...keys].sort()).toEqual(['leftAfter', 'onListSince', 'servedFor', 'stayOf']);
    expect(seen).toBeGreaterThanOrEqual(2 * ALL_IDS.length);
    // The current stay of the checkpoint (on every night since 02-27, with the 03-02 gap not observed) began on 02-27.
    const checkpoint = page(modelPageFile(CHECKPOINT_ID));
    expect(JSON.parse(checkpoint('[data-t="onListSince"]').attr('data-a') as string)).toEqual(['2026-02-27']);
    expect(checkpoint('[data-t="onListSince"]').text()).toBe('On the list since 2026-02-27.');
  });

  it('a model on the list shows what it is: badges, since when, every fact, its two links, chart, history and stays', () => {
    const t = MODEL_LABELS.en;
    const cases = [
      // Issue 21.9, intentionally changed: codes as human labels, and the record's dates, tags and gateway date shown.
      { id: LORA_ID, badge: t.lora, likes: '1', facts: [[t.task, 'Text to image'], [t.inferenceType, 'Text to image'], [t.aigcType, 'LoRA'], [t.family, 'FLUX.1'], [t.baseModel, LORA_BASE]], tail: [[t.tags, 'lora']] },
      { id: CHECKPOINT_ID, badge: t.image, likes: '4', facts: [[t.task, 'Text to image'], [t.inferenceType, 'Text to image'], [t.aigcType, 'Checkpoint (full model)'], [t.family, 'FLUX.1']], tail: [[t.tags, 'lora']] },
      { id: CHAT_ID, badge: t.openaiApi, likes: '1', facts: [[t.task, 'Text generation'], [t.inferenceType, 'Chat']], tail: [[t.gatewaySince, '2025-04-29']] },
    ];
    for (const { id, badge, likes, facts, tail } of cases) {
      const path = modelPageFile(id);
      const $ = page(path);
      const m = NIGHTS.at(-1)![1].find((record) => record.id === id)!;
      expect($('main .badge').map((_, b) => $(b).text()).get(), path).toEqual([t.onList, badge]);
      expect($('main .badge.api').text(), path).toBe(t.onList);
      const since = $('[data-t="onListSince"]');
      expect(JSON.parse(since.attr('data-a') as string), path).toEqual(['2026-02-27']);
      expect(since.text(), path).toBe(t.onListSince('2026-02-27'));
      const shown = $('dl.facts > div').map((_, div) => [[$(div).find('dt').text(), $(div).find('dd').text()]]).get() as [string, string][];
      expect(shown, path).toEqual([
        [t.likes, likes], [t.downloads, m.downloads.toLocaleString('en-US')], ...facts, [t.licence, 'apache-2.0'], [t.created, '2024-01-01'], ...tail,
      ]);
      expect($('main a').map((_, a) => $(a).text()).get(), path).toEqual([t.viewOnModelScope, t.json]);
      expect($('main a').first().attr('href'), path).toBe(`https://modelscope.cn/models/${id}`);
      expect($('p.tomb').length, path).toBe(0);
      const stays = $('main > ol.timeline li');
      expect(stays.length, path).toBe(1);
      // 02-27 to 03-04: six days (the unobserved 03-02 does not break a stay).
      expect(stays.text().replace(/\s+/g, ' ').trim(), path).toBe(`${t.entered} 2026-02-27 – ${t.stillOnList} (${t.stayOf(6)})`);
      expect(stays.find('[data-t="stayOf"]').length, path).toBe(1);
      // The snippet section, filled by script, comes last, so nothing already shown moves when it appears.
      // A model the gateway serves shows its gateway stays after the membership.
      const gatewayStays = m.openaiApi ? ['section'] : [];
      expect($('main').children().map((_, child) => String($(child).prop('tagName')).toLowerCase()).get(), path).toEqual(['h1', 'p', 'p', 'dl', 'p', 'h2', 'figure', 'h2', 'ol', ...gatewayStays, 'section']);
    }
  });

  it('the chart of a model on the list is a placeholder for script, holding only a caption; the figures are in the JSON it links, which exists', async () => {
    for (const id of ON_LIST) {
      const path = modelPageFile(id);
      const $ = page(path);
      expect($('svg').length, path).toBe(0);
      expect($('table').length, path).toBe(0);
      const figure = $('figure.chart-box');
      expect(figure.length, path).toBe(1);
      expect(figure.attr('data-chart'), path).toBe('2026-03-04');
      // Its figures come from the file, not from the page.
      expect(figure.attr('data-series'), path).toBeUndefined();
      expect(figure.children().map((_, child) => String($(child).prop('tagName')).toLowerCase()).get(), path).toEqual(['figcaption']);
      expect(figure.text().trim(), path).toBe(MODEL_LABELS.en.chartInJson);
      const served = NIGHTS.at(-1)![1].find((record) => record.id === id)?.openaiApi === true;
      expect($('main h2').map((_, h) => $(h).text()).get(), path).toEqual([MODEL_LABELS.en.history, MODEL_LABELS.en.membership, ...(served ? [MODEL_LABELS.en.gatewayStays] : [])]);
      // The head's JSON link (which the script fetches) and the page's JSON link: one path from the host's
      // root, the page's own path with api/ before models/ and .json for its last slash.
      const page$ = pageUrl(path).pathname;
      const json = `${BASE}api/${page$.slice(BASE.length).replace(/\/$/, '.json')}`;
      expect($('link[rel="alternate"][type="application/json"]').attr('href'), path).toBe(json);
      expect($('main a').filter((_, a) => $(a).text() === MODEL_LABELS.en.json).attr('href'), path).toBe(json);
      const file = servedFile(sitePath(new URL(json, ORIGIN)) as string);
      expect(files.has(file), `${path}: ${json} → ${file}`).toBe(true);
      expect(file, path).toBe(modelApiFile(id, PATHS));
      const doc = JSON.parse(await readText(file)) as ModelFile;
      expect(doc.id, file).toBe(id);
      expect(doc.onList, file).toBe(true);
      expect(doc.intervals.at(-1)?.to, file).toBe('2026-03-04');
      expect(doc, file).not.toHaveProperty('lastRecord');
      expect(doc.links, file).toEqual({ page: page$.slice(BASE.length) });
      // What the chart script reads from it.
      expect(chartSource(doc), file).toBeDefined();
      // The series: gaps (the first 0), likes and downloads as a first value and then differences. Summed up,
      // each point is the figure of that night, and the last one is the figure the page shows.
      const { from, days, likes, downloads } = doc.series;
      expect(days[0], file).toBe(0);
      expect(days.slice(1).every((gap) => gap > 0), file).toBe(true);
      expect([likes.length, downloads.length], file).toEqual([days.length, days.length]);
      const at = sums(days).map((day) => addDays(from, day));
      const [likesAt, downloadsAt] = [sums(likes), sums(downloads)];
      at.forEach((date, i) => {
        const night = NIGHTS.find(([d]) => d === date)?.[1].find((m) => m.id === id);
        if (night === undefined) return;
        expect([likesAt[i], downloadsAt[i]], `${file}: ${date}`).toEqual([night.likes, night.downloads]);
      });
      const facts = new Map($('dl.facts > div').map((_, div) => [[$(div).find('dt').text(), $(div).find('dd').text()]]).get() as [string, string][]);
      expect(facts.get(MODEL_LABELS.en.likes), file).toBe(likesAt.at(-1)?.toLocaleString('en-US'));
      expect(facts.get(MODEL_LABELS.en.downloads), file).toBe(downloadsAt.at(-1)?.toLocaleString('en-US'));
    }
    // The Checkpoint's likes went from 1 to 4 on 03-03 (four days after it was first seen); its downloads did not move.
    expect((await headJson(CHECKPOINT_ID)).series).toEqual({ from: '2026-02-27', days: [0, 4], likes: [1, 3], downloads: [10, 0] });
    expect((await headJson(CHAT_ID)).series).toEqual({ from: '2026-02-27', days: [0], likes: [1], downloads: [5000] });
  });

  it('case twins, a non-ASCII name and a name too long for a file system each get a page at the planned path', () => {
    const [first, later] = TWINS.map((id) => modelPageFile(id));
    expect(first).toBe('models/Twin/Model/index.html');
    expect(later).toMatch(/^models\/twin\/model~[0-9a-f]{10}\/index\.html$/);
    expect(first?.toLowerCase()).not.toBe(later?.toLowerCase());
    expect(modelPageFile(CJK_ID)).toBe(`models/${encodeURIComponent('作者')}/${encodeURIComponent('模型 名')}/index.html`);
    expect(modelPageFile(LONG_ID)).toMatch(/^models\/long\/x{200}~[0-9a-f]{10}\/index\.html$/);
    for (const id of [...TWINS, CJK_ID, LONG_ID]) {
      const file = modelPageFile(id);
      expect(files.has(file), file).toBe(true);
      for (const part of file.split('/')) expect(Buffer.byteLength(part), file).toBeLessThanOrEqual(255);
      const $ = page(file);
      expect($('title').text().startsWith(`${id} · `), file).toBe(true);
      expect($('h1').text(), file).toBe(id.slice(id.indexOf('/') + 1));
      // Its Chinese view is this same file.
      expect(servedFile(sitePath(new URL($('link[hreflang="zh-Hans"]').attr('href') as string)) as string), file).toBe(file);
    }
  });
});
