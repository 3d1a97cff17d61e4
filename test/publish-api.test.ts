// The static JSON API and the site built around it: every documented URL, the archive of long-gone
// models, the published snapshots and the model files' figures (fixture in publish-api-fixture.ts).
import { SITE_BUILDS } from './helpers.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { parseSnapshot, snapshotPath } from '../store/snapshots.ts';
import { dayNumber } from '../store/dates.ts';
import { API_VERSION } from '../publish/api.ts';
import { modelSeries, SERIES_DAYS } from '../publish/model-file.ts';
import { modelPagePath } from '../publish/pages.ts';
import { buildSite } from '../publish/site.ts';
import { modelApiFile, modelApiUrl, modelPageUrl, planModelPaths } from '../publish/urls.ts';
import { model, snapshot } from './factories.ts';
import { treeContents } from './fixtures/publish/fs.ts';
import { addNight, documentedPaths, fixture, readJson, sharedBuild, siteUrl } from './publish-api-fixture.ts';

describe('publish/api', SITE_BUILDS, () => {
  it('builds every documented URL, the feed pairs, the page of every model and the file of each on the list, and the model URL decodes to its file', async () => {
    const { options, summary } = await sharedBuild();
    expect(summary).toMatchObject({ latest: '2026-03-04', models: 3, modelPages: 4, feedItems: 2, snapshotsPublished: 3 });
    const documented = await documentedPaths({ owner: 'Qwen', name: 'Qwen3-8B', date: '2026-03-02' });
    // The reference documents at least the eight URLs of apiVersion 1; each one it documents is built.
    expect(documented).toEqual(expect.arrayContaining([
      'feed.json', 'rss.xml', 'api/index.json', 'api/latest.json', 'api/changes.json',
      'api/models/Qwen/Qwen3-8B.json', 'api/snapshots/index.json', 'api/snapshots/2026-03-02.json',
    ]));
    const files = Object.keys(await treeContents(options.outDir));
    // The archive of long-gone models is empty with the default window (checked in the next test).
    for (const path of documented.filter((p) => !p.startsWith('api/departed/'))) expect(files, path).toContain(path);
    for (const path of ['index.html', 'zh/index.html', 'openai/feed.json', 'openai/rss.xml', 'changes/index.html', 'changes/2026-03/index.html', 'status/index.html']) {
      expect(files, path).toContain(path);
    }
    const paths = planModelPaths(['Qwen/Qwen3-8B', 'acme/my model', 'old/gone', 'new/comer'].map((id) => ({ id, firstSeen: '2026-03-01' })));
    for (const id of ['Qwen/Qwen3-8B', 'acme/my model', 'old/gone', 'new/comer']) {
      const url = new URL(modelApiUrl(siteUrl, id));
      expect(decodeURIComponent(url.pathname.slice('/repo/'.length))).toBe(modelApiFile(id));
      // A file for each model on the list (old/gone is back), and (issue 21.4, intentionally changed) for
      // new/comer, which left within the tombstone window: its file stays while its page does.
      expect(files).toContain(modelApiFile(id));
      // The page URL, decoded once as a static host does, names the one page file (English and Chinese).
      const page = decodeURIComponent(new URL(modelPageUrl(siteUrl, id)).pathname.slice('/repo/'.length));
      expect(page).toBe(modelPagePath(id, paths));
      expect(files).toContain(`${page}index.html`);
      expect(files).not.toContain(`zh/${page}index.html`);
    }
    expect(files.filter((path) => path.startsWith('api/models/')).sort()).toEqual(['api/models/Qwen/Qwen3-8B.json', 'api/models/acme/my%20model.json', 'api/models/new/comer.json', 'api/models/old/gone.json']);
  });

  it('moves a model last seen before the tombstone window from its page file to the documented archive', async () => {
    const { options } = await fixture();
    // new/comer was last seen on 03-02; the newest night is 03-04.
    const summary = await buildSite({ ...options, tombstoneDays: 1 });
    expect(summary).toMatchObject({ modelPages: 3, departedArchived: 1 });
    const documented = (await documentedPaths({ n: '0' })).filter((p) => p.startsWith('api/departed/'));
    expect(documented).toEqual(['api/departed/0.json']);
    const archive = await readJson(options.outDir, 'api/departed/0.json');
    expect(archive).toEqual({
      format: 'msc-departed/1', bucket: 0, buckets: 1,
      models: [{ id: 'new/comer', page: 'models/new/comer/', left: '2026-03-04', stays: [['2026-03-02', '2026-03-02']], likes: 1, downloads: 99 }],
    });
    const files = Object.keys(await treeContents(options.outDir));
    expect(files).not.toContain('models/new/comer/index.html');
    expect(files).toContain('models/old/gone/index.html');
    expect(files).toContain('404.html');
    expect((await readJson(options.outDir, 'api/index.json'))['counts']).toMatchObject({ modelsEverSeen: 4, departedArchived: 1 });
  });

  it('writes the right content into each API file', async () => {
    const { options, log, dataDir } = await sharedBuild();
    const out = options.outDir;

    const index = await readJson(out, 'api/index.json');
    expect(index['apiVersion']).toBe(3);
    expect(API_VERSION).toBe(3);
    expect(index['latest']).toBe('2026-03-04');
    expect(index['counts']).toEqual({ models: 3, modelsEverSeen: 4, days: 3, events: 4, snapshotsPublished: 3, snapshotsAvailable: 3, departedArchived: 0 });
    expect(index['urls']).toMatchObject({
      model: `${siteUrl}api/models/{owner}/{name}.json`,
      feed: `${siteUrl}feed.json`,
      rss: `${siteUrl}rss.xml`,
      openaiFeed: `${siteUrl}openai/feed.json`,
      openaiRss: `${siteUrl}openai/rss.xml`,
    });

    const latest = parseSnapshot(await readFile(join(out, 'api/latest.json'), 'utf8'));
    expect(latest.date).toBe('2026-03-04');
    expect(latest.models.map((m) => m.id)).toEqual(['Qwen/Qwen3-8B', 'acme/my model', 'old/gone']);

    const changes = await readJson(out, 'api/changes.json');
    expect(changes['days']).toEqual(log.days);
    expect(changes['events']).toEqual(log.events);
    expect((changes['days'] as { missing: string[] }[])[2]?.missing).toEqual(['2026-03-03']);

    const gone = await readJson(out, 'api/models/old/gone.json');
    expect(gone).toMatchObject({
      id: 'old/gone',
      onList: true,
      firstSeen: '2026-03-01',
      lastSeen: '2026-03-04',
      intervals: [
        { from: '2026-03-01', to: '2026-03-01' },
        { from: '2026-03-04', to: '2026-03-04' },
      ],
      events: [
        { date: '2026-03-02', kind: 'left', likes: 1, downloads: 10 },
        { date: '2026-03-04', kind: 'returned', likes: 1, downloads: 10 },
      ],
    });
    expect((gone['current'] as { id: string }).id).toBe('old/gone');
    // Only models on the list have a file, so a file has no last record of a model off the list.
    expect(gone).not.toHaveProperty('lastRecord');
    // Since apiVersion 2: figures as one series over the newest year, not change-point lists.
    expect(gone).not.toHaveProperty('likes');
    expect(gone).not.toHaveProperty('downloads');
    expect(gone['series']).toEqual({ from: '2026-03-01', days: [0], likes: [1], downloads: [10] });

    // A model off the list within the tombstone window keeps its file (issue 21.4, intentionally changed:
    // it had none) with its last known record, and its page: a tombstone with its last figures and its
    // last record's facts and names, carrying its stays and series itself.
    const comerFile = await readJson(out, 'api/models/new/comer.json');
    expect(comerFile).toMatchObject({ id: 'new/comer', onList: false, onGateway: false, current: null, lastKnown: { id: 'new/comer', chineseName: '新来者' } });
    expect(Object.keys(comerFile)).toEqual(['id', 'owner', 'name', 'onList', 'onGateway', 'firstSeen', 'lastSeen', 'intervals', 'gatewayIntervals', 'events', 'series', 'current', 'lastKnown', 'links']);
    expect(gone).not.toHaveProperty('lastKnown');
    const comer = cheerio.load(await readFile(join(out, 'models/new/comer/index.html'), 'utf8'));
    expect(comer('p.tomb [data-t="leftAfter"]').attr('data-a')).toBe('["2026-03-04",1]');
    expect(comer('p.lead bdi').map((_, b) => comer(b).text()).get()).toEqual(['new', '新来者']);
    expect(comer('dl.facts dd').map((_, dd) => comer(dd).text()).get().slice(0, 2)).toEqual(['1', '99']);
    expect(comer('dl.facts dt').map((_, dt) => comer(dt).text()).get()).toContain('Licence');
    // Its figures are in its file now, which the chart reads (issue 21.4): none in the page.
    expect(comer('figure[data-chart]').attr('data-series')).toBeUndefined();
    expect(comerFile['series']).toEqual({ from: '2026-03-02', days: [0], likes: [1], downloads: [99] });
    expect(comer('link[rel="alternate"][type="application/json"]').attr('href')).toBe('/repo/api/models/new/comer.json');
    expect(comer('main a').map((_, a) => comer(a).attr('href')).get().slice(0, 2)).toEqual(['https://modelscope.cn/models/new/comer', '/repo/api/models/new/comer.json']);
    const qwen = await readJson(out, 'api/models/Qwen/Qwen3-8B.json');
    // apiVersion 3: gaps between days and changes of the figures, as data/history/ stores them.
    expect(qwen['series']).toEqual({ from: '2026-03-01', days: [0, 1], likes: [5, 2], downloads: [10, 0] });
    expect(qwen).toMatchObject({ onList: true, links: { page: 'models/Qwen/Qwen3-8B/' } });
    expect(qwen).not.toHaveProperty('lastRecord');
    const spaced = await readJson(out, 'api/models/acme/my%20model.json');
    expect(spaced['links']).toEqual({ page: 'models/acme/my%2520model/' });

    const dates = await readJson(out, 'api/snapshots/index.json');
    expect(dates).toMatchObject({ latest: '2026-03-04', published: 3, available: 3, dates: ['2026-03-01', '2026-03-02', '2026-03-04'] });
    for (const date of ['2026-03-01', '2026-03-02', '2026-03-04']) {
      const copy = await readFile(join(out, `api/snapshots/${date}.json`));
      expect(copy.equals(await readFile(snapshotPath(dataDir, date)))).toBe(true);
    }
    const feed = await readJson(out, 'feed.json');
    const items = feed['items'] as { id: string; url: string }[];
    expect(items.map((item) => item.id)).toEqual(['changes-2026-03-04', 'changes-2026-03-02']);
    expect(items.map((item) => item.url)).toEqual([`${siteUrl}changes/2026-03/#2026-03-04`, `${siteUrl}changes/2026-03/#2026-03-02`]);
    expect(await readFile(join(out, 'rss.xml'), 'utf8')).toContain('<guid isPermaLink="false">changes-2026-03-04</guid>');
    // No model here is served by the OpenAI-compatible API: that pair is valid and empty.
    expect(await readJson(out, 'openai/feed.json')).toMatchObject({ feed_url: `${siteUrl}openai/feed.json`, items: [] });
    expect(await readFile(join(out, 'openai/rss.xml'), 'utf8')).toContain(`<atom:link href="${siteUrl}openai/rss.xml" rel="self"`);

    // The catalog page (Astro) states the newest snapshot and lists the models on it.
    const $ = cheerio.load(await readFile(join(out, 'index.html'), 'utf8'));
    expect($('p.lead').text()).toContain('3 models anyone can call through ModelScope’s free API-Inference, as of 2026-03-04');
    expect($('#count').text()).toBe('3 models');
    expect($('#results tbody tr')).toHaveLength(3);
    expect($('#results tbody a').map((_, a) => $(a).attr('href')).get().sort()).toEqual(['/repo/models/Qwen/Qwen3-8B/', '/repo/models/acme/my%2520model/', '/repo/models/old/gone/']);
    expect($('link[rel="alternate"][type="application/json"]').attr('href')).toBe('/repo/api/index.json');
  });

  it('publishes only the newest N snapshots when asked, and says how many exist', async () => {
    const { options } = await fixture();
    await buildSite({ ...options, snapshotDays: 1 });
    const files = Object.keys(await treeContents(options.outDir));
    expect(files.filter((path) => path.startsWith('api/snapshots/')).sort()).toEqual(['api/snapshots/2026-03-04.json', 'api/snapshots/index.json']);
    expect(await readJson(options.outDir, 'api/snapshots/index.json')).toMatchObject({ published: 1, available: 3, dates: ['2026-03-04'] });
    // The last record of a model that left recently comes from the snapshot before it left, published or
    // not (publish/inputs.ts): its page and its file (issue 21.4: kept within the tombstone window) still show its Chinese name.
    expect(files).toContain('api/models/new/comer.json');
    expect(await readJson(options.outDir, 'api/models/new/comer.json')).toMatchObject({ lastKnown: { chineseName: '新来者' } });
    const comer = cheerio.load(await readFile(join(options.outDir, 'models/new/comer/index.html'), 'utf8'));
    expect(comer('h1').text()).toBe('comer');
    expect(comer('p.lead bdi').map((_, b) => comer(b).text()).get()).toEqual(['new', '新来者']);
    expect(comer('dl.facts dd').map((_, dd) => comer(dd).text()).get().slice(0, 2)).toEqual(['1', '99']);
    await buildSite({ ...options, snapshotDays: 0 });
    expect(await readJson(options.outDir, 'api/snapshots/index.json')).toMatchObject({ latest: null, published: 0, dates: [] });
    expect(await readJson(options.outDir, 'api/latest.json')).toMatchObject({ date: '2026-03-04' });
  });

  it('builds an empty site before the first crawl', async () => {
    const { options } = await fixture([]);
    const summary = await buildSite(options);
    expect(summary).toMatchObject({ latest: null, models: 0, modelPages: 0, feedItems: 0, snapshotsAvailable: 0 });
    expect(await readJson(options.outDir, 'api/latest.json')).toEqual({ date: null, source: null, models: [] });
    expect(await readJson(options.outDir, 'feed.json')).toMatchObject({ items: [] });
    expect(await readJson(options.outDir, 'openai/feed.json')).toMatchObject({ items: [] });
    expect(await readJson(options.outDir, 'api/changes.json')).toEqual({ latest: null, days: [], events: [] });
    const $ = cheerio.load(await readFile(join(options.outDir, 'index.html'), 'utf8'));
    expect($('#count').text()).toBe('0 models');
    expect($('#results tbody tr')).toHaveLength(0);
    for (const page of ['changes/index.html', 'status/index.html', 'zh/changes/index.html']) {
      const text = cheerio.load(await readFile(join(options.outDir, page), 'utf8'))('main').text();
      expect(text, page).toContain(page.startsWith('zh/') ? '尚未生成任何快照。' : 'No snapshot has been taken yet.');
    }
  });

  it('rebuilding the same data gives byte-identical output', async () => {
    const { options } = await sharedBuild();
    const first = await treeContents(options.outDir);
    await buildSite(options);
    expect(await treeContents(options.outDir)).toEqual(first);
  });

  it('replaces the previous output as a whole (stale files do not survive)', async () => {
    const { options } = await sharedBuild();
    await writeFile(join(options.outDir, 'stale.txt'), 'old');
    await buildSite(options);
    expect(Object.keys(await treeContents(options.outDir))).not.toContain('stale.txt');
  });

  it('a second build in the same process renders the new data, not the first build’s', async () => {
    // The nightly job builds once per process, but a test run, the demo and any long-lived caller build
    // again: the pages must come from the inputs of this build.
    const { options, dataDir } = await fixture();
    await buildSite(options);
    await addNight(dataDir, snapshot('2026-03-05', [model('Qwen/Qwen3-8B', { likes: 7 }), model('fresh/arrival')]));
    await buildSite(options);
    const files = Object.keys(await treeContents(options.outDir));
    expect(files).toContain('api/models/fresh/arrival.json');
    expect(files).toContain('models/fresh/arrival/index.html');
    // Those that left on the new night keep their page, now a tombstone, and their file, now of a model off
    // the list (issue 21.4, intentionally changed: the file was dropped).
    for (const left of ['old/gone', 'acme/my%20model']) {
      expect(files).toContain(`api/models/${left}.json`);
      expect((await readJson(options.outDir, `api/models/${left}.json`))['onList'], left).toBe(false);
      expect(files).toContain(`models/${left}/index.html`);
      expect(cheerio.load(await readFile(join(options.outDir, `models/${left}/index.html`), 'utf8'))('p.tomb').length, left).toBe(1);
    }
    expect(files.filter((path) => path.startsWith('api/models/')).sort()).toEqual(['api/models/Qwen/Qwen3-8B.json', 'api/models/acme/my%20model.json', 'api/models/fresh/arrival.json', 'api/models/new/comer.json', 'api/models/old/gone.json']);
    const $ = cheerio.load(await readFile(join(options.outDir, 'index.html'), 'utf8'));
    expect($('#count').text()).toBe('2 models');
    expect($('p.lead').text()).toContain('as of 2026-03-05');
  });

  it('keeps figures for the newest 365 days only, starting the series on the window’s first day', () => {
    const lastDay = dayNumber('2027-03-01');
    const first = dayNumber('2026-01-01');
    const track = {
      gateway: [], genImages: [], upstreamId: null, presence: [first, lastDay],
      likes: [first, 1, lastDay - 400, 2, lastDay - 10, 3],
      downloads: [first, 100, lastDay - SERIES_DAYS, 150, lastDay, 200],
    };
    const series = modelSeries(track, lastDay);
    const from = lastDay - SERIES_DAYS + 1;
    expect(series.from).toBe('2026-03-02');
    expect(dayNumber(series.from)).toBe(from);
    // The window opens with the values holding on its first day; a change before it is not a point.
    expect(series).toEqual({ from: '2026-03-02', days: [0, lastDay - 10 - from, 10], likes: [2, 1, 0], downloads: [150, 0, 50] });
    // A model first seen inside the window starts on its first day.
    expect(modelSeries({ gateway: [], genImages: [], upstreamId: null, presence: [lastDay - 2, lastDay], likes: [lastDay - 2, 4], downloads: [lastDay - 2, 9] }, lastDay)).toEqual({
      from: '2027-02-27', days: [0], likes: [4], downloads: [9],
    });
  });
});
