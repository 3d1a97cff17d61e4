// The page of a model that left (a tombstone): when it left and after how long, its last known figures
// and facts, its ModelScope and JSON links, its stays, and a slim frame. A recent departure keeps its API
// file (issue 21.4), from which its chart is drawn.
import { beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../publish/escape.ts';
import { modelApiFile } from '../publish/urls.ts';
import { dayNumber } from '../store/dates.ts';
import { COMMON_LABELS } from '../site/src/i18n/common.ts';
import { MODEL_LABELS } from '../site/src/i18n/model.ts';
import { labelWithFigures } from '../site/src/lib/page-lang.ts';
import { chartSource } from '../publish/model-file.ts';
import { BASE, CHAT_ID, CHECKPOINT_ID, GONE_ID, LEFT_IDS, LEFT_LORA_ID, LORA_ID, MODELS, NIGHTS, ON_LIST, PATHS } from './site-html-data.ts';
import { files, loadHtmlSite, modelPageFile, page, pageUrl, readText, servedFile, sitePath } from './site-html-fixture.ts';

beforeAll(loadHtmlSite, 120_000);

describe('site/html model pages', () => {
  it('a model that left keeps its page, opening with when it left and after how long, with the figures for its Chinese view', () => {
    for (const id of [GONE_ID, LEFT_LORA_ID]) {
      const $ = page(modelPageFile(id));
      // GONE_ID was seen on 02-27 and 02-28; LEFT_LORA_ID on 02-27 only. Both were missing on the next night.
      const [date, days] = id === GONE_ID ? ['2026-03-01', 2] : ['2026-02-28', 1];
      expect($('p.tomb').text().trim()).toBe(`Left the list on ${date} after ${days} day${days === 1 ? '' : 's'}.`);
      const label = $('p.tomb [data-t]');
      expect(label.attr('data-t')).toBe('leftAfter');
      expect(JSON.parse(label.attr('data-a') as string)).toEqual([date, days]);
      // What the Chinese view's script writes from them.
      expect(labelWithFigures(MODEL_LABELS.zh, 'leftAfter', label.attr('data-a') as string)).toBe(`在榜 ${days} 天后，于 ${date} 下榜。`);
      expect($('meta[name="description"]').attr('content')).toBe(`${id}: Left the list on ${date} after ${days} day${days === 1 ? '' : 's'}.`);
      expect($('h1').text()).toBe(id.slice(id.indexOf('/') + 1));
    }
    // Two more nights were observed after the night GONE_ID was missing, and its page is still built.
    expect(NIGHTS.filter(([date]) => date > '2026-03-01')).toHaveLength(2);
    for (const id of ON_LIST) expect(page(modelPageFile(id))('p.tomb').length, id).toBe(0);
  });

  it('a model that left shows its last known figures and facts, ModelScope and JSON links, its chart data and stays', () => {
    // Issue 21.4, intentionally changed: it showed only likes and downloads, and no JSON link.
    const t = MODEL_LABELS.en;
    expect([...LEFT_IDS].sort()).toEqual([GONE_ID, LEFT_LORA_ID].sort());
    for (const [id, lastSeen] of [[GONE_ID, '2026-02-28'], [LEFT_LORA_ID, '2026-02-27']] as const) {
      const path = modelPageFile(id);
      const $ = page(path);
      const m = id === GONE_ID ? MODELS.gone : MODELS.leftLora;
      expect($('h1').text(), id).toBe(visibleText(m.name));
      expect($('h1 bdi').text(), id).toBe(visibleText(m.name));
      // Owner, and the Chinese name of its last known record (hostile for GONE_ID), as text.
      expect($('p.lead bdi').map((_, b) => $(b).text()).get(), id).toEqual(m.chineseName === '' ? [m.owner] : [m.owner, visibleText(m.chineseName)]);
      expect($('p.lead bdi[lang="zh"]').text(), id).toBe(visibleText(m.chineseName));
      expect($('p.tomb > strong[data-t="leftAfter"][data-a]').length, id).toBe(1);
      const facts = $('dl.facts > div').map((_, div) => [[$(div).find('dt').text(), $(div).find('dd').text()]]).get() as [string, string][];
      // Its last known record: what it was (GONE_ID a chat model, LEFT_LORA_ID a FLUX.1 LoRA), with human labels.
      expect(facts.slice(0, 2), id).toEqual([[t.likes, '1'], [t.downloads, '10']]);
      expect(Object.fromEntries(facts), id).toMatchObject(id === GONE_ID
        ? { [t.task]: 'Text generation', [t.inferenceType]: 'Chat', [t.licence]: 'apache-2.0', [t.created]: '2024-01-01', [t.gatewaySince]: '2025-04-29' }
        : { [t.task]: 'Text to image', [t.aigcType]: 'LoRA', [t.family]: 'FLUX.1', [t.baseModel]: 'AI-ModelScope/FLUX.1-dev', [t.licence]: 'apache-2.0', [t.tags]: 'lora' });
      expect($('main > p.muted').first().text(), id).toBe(t.lastKnown);
      // ModelScope, and its JSON file (kept within the tombstone window).
      expect($('main > p a').map((_, a) => $(a).text()).get(), id).toEqual([t.viewOnModelScope, t.json]);
      expect($('main a').first().attr('href'), id).toBe(`https://modelscope.cn/models/${id}`);
      expect(files.has(servedFile(sitePath(new URL($('main > p a').eq(1).attr('href') as string, pageUrl(path))) as string) as string), id).toBe(true);
      // The gateway served GONE_ID (a chat model) until it left: its gateway stays follow the membership.
      const served = id === GONE_ID;
      const useInstead = $('section[data-use-instead]').length > 0;
      expect($('main h2').map((_, h) => $(h).text()).get(), id).toEqual([...(useInstead ? [t.useInstead] : []), t.history, t.membership, ...(served ? [t.gatewayStays] : [])]);
      // Models to use instead are on the list, each linked to its page.
      for (const a of $('section[data-use-instead] a').toArray()) {
        expect(files.has(servedFile(sitePath(new URL($(a).attr('href') as string, pageUrl(path))) as string) as string), id).toBe(true);
      }
      expect($('[data-gateway-stays] li').map((_, li) => $(li).text().replace(/\s+/g, ' ').trim()).get(), id).toEqual(
        served ? [`${t.served} 2026-02-27 – 2026-02-28 (${t.servedFor(2)})`] : [],
      );
      expect($('main .badge').length, id).toBe(0);
      expect($('main > ol.timeline li').map((_, li) => $(li).text().replace(/\s+/g, ' ').trim()).get(), id).toEqual([
        `${t.entered} 2026-02-27 – ${lastSeen} (${t.stayOf(id === GONE_ID ? 2 : 1)})`,
        `${t.left} ${id === GONE_ID ? '2026-03-01' : '2026-02-28'}`,
      ]);
      // In order: heading, lead, when it left, facts, links, what to use instead, chart, stays.
      expect($('main').children().map((_, child) => {
        const tag = String($(child).prop('tagName')).toLowerCase();
        const cls = $(child).attr('class');
        return cls === undefined ? tag : `${tag}.${cls}`;
      }).get(), id).toEqual(['h1', 'p.lead', 'p.tomb', 'p.muted', 'dl.facts', 'p', ...(useInstead ? ['section'] : []), 'h2', 'figure.chart-box', 'h2', 'ol.timeline', ...(served ? ['section'] : [])]);
    }
    // Models on the list do show what they are: the LoRA its base model, the Checkpoint its family, every one its task and licence.
    const facts = (id: string): string[] => page(modelPageFile(id))('dl.facts dt').map((_, dt) => page(modelPageFile(id))(dt).text()).get();
    expect(facts(LORA_ID)).toEqual(expect.arrayContaining([t.task, t.baseModel, t.licence]));
    expect(facts(CHECKPOINT_ID)).toEqual(expect.arrayContaining([t.task, t.family, t.licence]));
    expect(facts(CHAT_ID)).toEqual(expect.arrayContaining([t.task, t.licence]));
  });

  it('a model that left recently has its chart figures in its file, not in the page: an empty figure, and a file that reads back as its stays and figures', async () => {
    // Issue 21.4, intentionally changed: the page carried them in data-series, having no file.
    for (const [id, lastSeen] of [[GONE_ID, '2026-02-28'], [LEFT_LORA_ID, '2026-02-27']] as const) {
      const path = modelPageFile(id);
      const $ = page(path);
      const figure = $('figure.chart-box');
      expect(figure.length, path).toBe(1);
      expect(figure.attr('data-chart'), path).toBe('2026-03-04');
      expect(figure.contents().length, path).toBe(0);
      // The fields a model file would have: its one stay, and figures from its first night (1 like, 10 downloads throughout).
      const fields = { intervals: [{ from: '2026-02-27', to: lastSeen }], series: { from: '2026-02-27', days: [0], likes: [1], downloads: [10] } };
      expect(figure.attr('data-series'), path).toBeUndefined();
      const file = JSON.parse(await readText(modelApiFile(id, PATHS))) as typeof fields;
      expect({ intervals: file.intervals, series: file.series }, path).toEqual(fields);
      // What the chart script draws from it: the same as from a model file with these fields.
      const source = chartSource(file);
      expect(source, path).toBeDefined();
      expect(source?.track, path).toEqual(chartSource(fields)?.track);
      // (The file's events also give the night it left, for the figures table.)
      expect(source, path).toMatchObject({ from: dayNumber('2026-02-27'), track: { gateway: [], genImages: [], upstreamId: null, presence: [dayNumber('2026-02-27'), dayNumber(lastSeen)], likes: [dayNumber('2026-02-27'), 1], downloads: [dayNumber('2026-02-27'), 10] } });
    }
  });

  it('a model that left has a slim frame: brand, the site navigation and language switch in the header, feed and API links in the footer', () => {
    const c = COMMON_LABELS.en;
    for (const id of LEFT_IDS) {
      const path = modelPageFile(id);
      const $ = page(path);
      expect($('a.skip').length, path).toBe(0);
      expect($('header a.brand').attr('href'), path).toBe(BASE);
      // Issue 21.4 (intentionally changed: the slim frame had only the brand and the switch): a departure
      // is a page people land on from feeds and search engines, so it keeps the way to the rest of the site.
      expect($('header nav a:not(.lang)').map((_, a) => servedFile(sitePath(new URL($(a).attr('href') as string, pageUrl(path))) as string)).get(), path).toEqual(['index.html', 'changes/index.html', 'status/index.html']);
      expect($('header nav a.lang').length, path).toBe(1);
      expect($('footer p').length, path).toBe(1);
      expect($('footer').text(), path).not.toContain(c.footer);
      expect($('footer a').map((_, a) => servedFile(sitePath(new URL($(a).attr('href') as string, pageUrl(path))) as string)).get(), path).toEqual(['feed.json', 'rss.xml', 'api/index.html']);
    }
    // A model on the list has the full frame.
    for (const id of ON_LIST) {
      const path = modelPageFile(id);
      const $ = page(path);
      expect($('a.skip[href="#main"]').length, path).toBe(1);
      expect($('header nav a:not(.lang)').map((_, a) => $(a).text()).get(), path).toEqual([c.nav.catalog, c.nav.changes, c.nav.status]);
      expect($('footer').text(), path).toContain(c.footer);
      expect($('footer a').length, path).toBe(3);
    }
  });
});
