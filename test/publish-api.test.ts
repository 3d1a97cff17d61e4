import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { rebuildChanges } from '../changes/rebuild.ts';
import { updateChanges } from '../changes/update.ts';
import type { Snapshot } from '../store/record.ts';
import { parseSnapshot, serialiseSnapshot, snapshotPath, writeSnapshot } from '../store/snapshots.ts';
import { dayNumber } from '../store/dates.ts';
import { API_VERSION } from '../publish/api.ts';
import { modelSeries, SERIES_DAYS } from '../publish/model-file.ts';
import { UnsafePathError } from '../publish/errors.ts';
import { DataFileError } from '../store/errors.ts';
import { insideRoot } from '../publish/output.ts';
import { modelPagePath } from '../publish/pages.ts';
import { buildSite, type BuildOptions, type BuildSummary } from '../publish/site.ts';
import { fileSegment, modelApiFile, modelApiUrl, modelPageUrl, normaliseSiteUrl, planModelPaths, urlSegment } from '../publish/urls.ts';
import { model, snapshot, track } from './fixtures/publish/factories.ts';
import { tempDir, treeContents } from './fixtures/publish/fs.ts';

const siteUrl = 'https://user.github.io/repo/';
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** `old/gone` leaves and returns; `new/comer` comes and goes, so it is the one model off the list at the end. */
const SNAPSHOTS: Snapshot[] = [
  snapshot('2026-03-01', [model('Qwen/Qwen3-8B', { likes: 5 }), model('acme/my model'), model('old/gone')]),
  snapshot('2026-03-02', [model('Qwen/Qwen3-8B', { likes: 7 }), model('acme/my model'), model('new/comer', { downloads: 99, chineseName: '新来者' })]),
  snapshot('2026-03-04', [model('Qwen/Qwen3-8B', { likes: 7 }), model('acme/my model'), model('old/gone')]),
];

/**
 * A data dir holding `snapshots` and the change log the nightly step derives from them (the build reads
 * both from disk), and the log the test factory expects.
 */
async function fixture(snapshots: readonly Snapshot[] = SNAPSHOTS, owner: string[] = made) {
  const root = await tempDir();
  owner.push(root);
  const dataDir = join(root, 'data');
  await mkdir(dataDir); // a fresh clone has data/ (its README) before the first crawl
  for (const snap of snapshots) await writeSnapshot(dataDir, snap);
  if (snapshots.length > 0) await rebuildChanges(dataDir);
  const { log } = track(snapshots);
  const options: BuildOptions = { dataDir, outDir: join(root, 'site', 'dist'), siteUrl, snapshotDays: 'all' };
  return { root, dataDir, log, options };
}

/** Directories of the shared build, removed after the file's last test. */
const sharedRoots: string[] = [];
afterAll(async () => {
  await Promise.all(sharedRoots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
let shared: Promise<Awaited<ReturnType<typeof fixture>> & { summary: BuildSummary }> | undefined;

/**
 * The default fixture, built once (a build is seconds of CPU) for the tests that only read its output or
 * build the same data again into it: those leave it with the same contents (one of them proves it).
 */
function sharedBuild(): NonNullable<typeof shared> {
  shared ??= (async () => {
    const built = await fixture(SNAPSHOTS, sharedRoots);
    return { ...built, summary: await buildSite(built.options) };
  })();
  return shared;
}

/** Write one more night's snapshot and bring the change log up to it, as the nightly job does. */
async function addNight(dataDir: string, snap: Snapshot): Promise<void> {
  await writeSnapshot(dataDir, snap);
  await updateChanges(dataDir, snap.date);
}

async function readJson(dir: string, path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, path), 'utf8')) as Record<string, unknown>;
}

/** The URL paths docs/api.md documents (`## \`GET /…\``), with placeholders filled in. */
async function documentedPaths(fill: Record<string, string>): Promise<string[]> {
  const docs = await readFile(new URL('../docs/api.md', import.meta.url), 'utf8');
  return [...docs.matchAll(/^## `GET \/([^`]+)`$/gm)].map((match) =>
    (match[1] ?? '').replace(/<(\w+)>/g, (_, key: string) => fill[key] ?? `<${key}>`),
  );
}

describe('publish/api', () => {
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

describe('publish/api path safety', () => {
  it('encodes each segment so no name can leave its directory', () => {
    expect(fileSegment('Qwen3-8B', 'x')).toBe('Qwen3-8B');
    expect(fileSegment('../../etc/passwd', 'x')).toBe('%2E.%2F..%2Fetc%2Fpasswd');
    expect(fileSegment('a\\b:c*?', 'x')).toBe('a%5Cb%3Ac%2A%3F');
    expect(fileSegment('.hidden', 'x')).toBe('%2Ehidden');
    expect(fileSegment('%2E', 'x')).toBe('%252E');
    expect(fileSegment('half\uD800', 'x')).toBe('half%ED%A0%80');
    expect(fileSegment('half\uFFFD', 'x')).toBe('half%EF%BF%BD');
    expect(urlSegment(fileSegment('a b', 'x'))).toBe('a%2520b');
    for (const bad of ['', '.', '..']) expect(() => fileSegment(bad, 'model "x"')).toThrow(UnsafePathError);
    // A bare ~ marks our own suffixes, so a name's own ~ is encoded and can never imitate one.
    expect(fileSegment('a~b', 'x')).toBe('a%7Eb');
  });

  it('cuts a name too long for a file system to 200 characters plus ~ and a hash of the whole name', () => {
    const long = fileSegment('x'.repeat(300), 'x');
    expect(long).toMatch(/^x{200}~[0-9a-f]{10}$/);
    expect(fileSegment('x'.repeat(300), 'elsewhere')).toBe(long);
    expect(fileSegment(`${'x'.repeat(299)}y`, 'x')).not.toBe(long);
    expect(fileSegment('x'.repeat(250), 'x')).toBe('x'.repeat(250));
    // 28 CJK characters are 252 characters once encoded; the cut never splits a %XX escape.
    const cjk = fileSegment('模'.repeat(28), 'x');
    expect(cjk).toMatch(/^(%E6%A8%A1)+~[0-9a-f]{10}$/);
    expect(cjk.length).toBeLessThanOrEqual(250);
  });

  it('insideRoot refuses relative paths that climb out', () => {
    expect(insideRoot('/srv/out', 'api/models/a/b.json')).toBe('/srv/out/api/models/a/b.json');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a//b', './a', '']) expect(() => insideRoot('/srv/out', bad)).toThrow(UnsafePathError);
  });

  it('normalises the site URL and keeps a sub-path', () => {
    expect(normaliseSiteUrl('https://u.github.io/repo')).toBe('https://u.github.io/repo/');
    expect(normaliseSiteUrl('https://u.github.io/repo/?x=1#top')).toBe('https://u.github.io/repo/');
    expect(() => normaliseSiteUrl('u.github.io/repo')).toThrow(/SITE_URL: not an absolute URL/);
    expect(() => normaliseSiteUrl('ftp://u.github.io/')).toThrow(/http or https/);
  });

  it('hostile ids stay inside the output directory: the pages and files of all, those that left included', async () => {
    // Each id, and the path (below models/ for its page, api/models/ for its file) it must end up at.
    const hostile = new Map([
      ['evil/../../../../tmp/pwned', 'evil/%2E.%2F..%2F..%2F..%2Ftmp%2Fpwned'],
      ['evil/..\\..\\x', 'evil/%2E.%5C..%5Cx'],
      ['evil/%2e%2e', 'evil/%252e%252e'],
      ['evil/a%2Fb', 'evil/a%252Fb'],
      ['evil/.env', 'evil/%2Eenv'],
    ]);
    // Two of them leave on the second night: a page and (issue 21.4) a file each, at the same safe paths.
    const left = ['evil/../../../../tmp/pwned', 'evil/.env'];
    const ids = [...hostile.keys()];
    const { options, root } = await fixture([
      snapshot('2026-03-01', ids.map((id) => model(id))),
      snapshot('2026-03-02', ids.filter((id) => !left.includes(id)).map((id) => model(id))),
    ]);
    await buildSite(options);
    const tree = await treeContents(options.outDir);
    const files = Object.keys(tree).filter((path) => path.startsWith('api/models/'));
    expect(files.sort()).toEqual(ids.map((id) => `api/models/${hostile.get(id)}.json`).sort());
    // The pages of all five, each at the path its API file has (or would have), and nowhere else.
    const pages = Object.keys(tree).filter((path) => /^(zh\/)?models\//.test(path));
    expect(pages.sort()).toEqual(ids.map((id) => `models/${hostile.get(id)}/index.html`).sort());
    for (const id of ids) {
      const $ = cheerio.load(Buffer.from(tree[`models/${hostile.get(id)}/index.html`] as string, 'latin1').toString('utf8'));
      expect($('title').text().startsWith(`${id} · `), id).toBe(true);
      expect($('p.tomb').length, id).toBe(left.includes(id) ? 1 : 0);
    }
    expect((await readdir(root)).sort()).toEqual(['data', 'site']);
    expect(await readdir(dirname(options.outDir))).toEqual(['dist']);
  });

  it('a refused id fails the build and leaves the previous output byte-identical', async () => {
    const { options } = await fixture();
    await buildSite(options);
    const before = await treeContents(options.outDir);
    await addNight(options.dataDir, snapshot('2026-03-05', [model('evil/..')]));
    await expect(buildSite(options)).rejects.toThrow(UnsafePathError);
    expect(await treeContents(options.outDir)).toEqual(before);
    expect(await readdir(dirname(options.outDir))).toEqual(['dist']);
  });

  it('a change log that lags the snapshots fails the build with a clear error, output untouched', async () => {
    const { options } = await fixture();
    await buildSite(options);
    const before = await treeContents(options.outDir);
    await writeSnapshot(options.dataDir, snapshot('2026-03-06', [model('a/b')]));
    const failure = buildSite(options);
    await expect(failure).rejects.toThrow(DataFileError);
    await expect(failure).rejects.toThrow('the change log ends at 2026-03-04 but the newest snapshot is 2026-03-06');
    expect(await treeContents(options.outDir)).toEqual(before);
  });

  it('a corrupt newest snapshot fails the build naming the file, output untouched', async () => {
    const { options } = await fixture();
    await buildSite(options);
    const before = await treeContents(options.outDir);
    await writeFile(snapshotPath(options.dataDir, '2026-03-04'), serialiseSnapshot(SNAPSHOTS[2]!).replace('"likes":7', '"likes":-7'));
    await expect(buildSite(options)).rejects.toThrow(/2026-03-04\.json: does not match the snapshot schema/);
    expect(await treeContents(options.outDir)).toEqual(before);
  });
});

describe('publish/api every-id-builds', () => {
  const LONG_ASCII = `studio/${'LoRA'.repeat(75)}`;
  const LONG_CJK = `工作室/${'水墨风格'.repeat(7)}`;
  const TWINS = ['Qwen/Qwen3-8B', 'qwen/qwen3-8b'];

  /** Model files in the output: path → the API path its links.page implies (api/ + page path + .json), decoded. */
  async function modelFileLinks(outDir: string): Promise<Map<string, string>> {
    const links = new Map<string, string>();
    for (const [path, content] of Object.entries(await treeContents(outDir))) {
      if (!path.startsWith('api/models/')) continue;
      const doc = JSON.parse(Buffer.from(content, 'latin1').toString('utf8')) as { id: string; links: { page: string } };
      links.set(path, decodeURIComponent(`api/${doc.links.page.slice(0, -1)}.json`));
    }
    return links;
  }

  it('builds long ASCII and long CJK names and ids that differ only in case, each at its own path', async () => {
    const { options } = await fixture([
      snapshot('2026-03-01', [model(LONG_ASCII), model(LONG_CJK), model(TWINS[0] as string)]),
      snapshot('2026-03-02', [model(LONG_ASCII), model(LONG_CJK), ...TWINS.map((id) => model(id))]),
    ]);
    await buildSite(options);
    const links = await modelFileLinks(options.outDir);
    expect(links.size).toBe(4);
    // Each model's page is where its links.page points (decoded once, as a static host does).
    const tree = await treeContents(options.outDir);
    for (const [path, content] of Object.entries(tree)) {
      if (!path.startsWith('api/models/')) continue;
      const doc = JSON.parse(Buffer.from(content, 'latin1').toString('utf8')) as { id: string; links: { page: string } };
      const page = decodeURIComponent(doc.links.page);
      expect(page).toBe(`models/${path.slice('api/models/'.length, -'.json'.length)}/`);
      for (const file of [`${page}index.html`]) {
        expect(tree, file).toHaveProperty([file]);
        const title = cheerio.load(Buffer.from(tree[file] as string, 'latin1').toString('utf8'))('title').text();
        expect(title.startsWith(`${doc.id} · `), file).toBe(true);
      }
    }
    for (const [path, linked] of links) {
      expect(linked).toBe(path);
      for (const part of path.split('/')) expect(Buffer.byteLength(part), path).toBeLessThanOrEqual(255);
    }
    // No two paths are the same on a case-insensitive file system.
    const folded = [...links.keys()].map((path) => path.toLowerCase());
    expect(new Set(folded).size).toBe(folded.length);
    // The twin seen first keeps the plain path; the later one is told apart by a suffix.
    expect(links.has('api/models/Qwen/Qwen3-8B.json')).toBe(true);
    expect([...links.keys()].filter((path) => /^api\/models\/qwen\/qwen3-8b~[0-9a-f]{10}\.json$/.test(path))).toHaveLength(1);
  });

  it('a model that left keeps its page and its file at its path, and its case twins keep theirs', async () => {
    const nights = [
      snapshot('2026-03-01', [model(TWINS[1] as string), model(LONG_CJK)]),
      snapshot('2026-03-02', [model(TWINS[1] as string), model(LONG_CJK), model(TWINS[0] as string)]),
    ];
    const first = await fixture(nights);
    await buildSite(first.options);
    const before = await modelFileLinks(first.options.outDir);
    expect(before.size).toBe(3);
    // The twin seen first (TWINS[1]) holds the plain path, and leaves.
    const later = await fixture([...nights, snapshot('2026-03-03', [model(LONG_CJK), model(TWINS[0] as string)])]);
    await buildSite(later.options);
    const after = await modelFileLinks(later.options.outDir);
    // Issue 21.4 (intentionally changed): the twin that left keeps its file, within the tombstone window.
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const tree = await treeContents(later.options.outDir);
    expect(tree).toHaveProperty(['api/models/qwen/qwen3-8b.json']);
    expect(JSON.parse(tree['api/models/qwen/qwen3-8b.json'] as string)).toMatchObject({ id: TWINS[1], onList: false });
    const page = tree['models/qwen/qwen3-8b/index.html'];
    expect(page).toBeDefined();
    const $ = cheerio.load(Buffer.from(page as string, 'latin1').toString('utf8'));
    expect($('title').text().startsWith(`${TWINS[1]} · `)).toBe(true);
    expect($('p.tomb').length).toBe(1);
    // The pages of the others are where their files say.
    for (const path of after.keys()) expect(tree, path).toHaveProperty([`models/${path.slice('api/models/'.length, -'.json'.length)}/index.html`]);
  });

  it('keeps every path when a new case twin appears later', async () => {
    const first = await fixture([snapshot('2026-03-01', [model(TWINS[1] as string), model(LONG_CJK)])]);
    await buildSite(first.options);
    const before = [...(await modelFileLinks(first.options.outDir)).keys()].sort();
    const later = await fixture([
      snapshot('2026-03-01', [model(TWINS[1] as string), model(LONG_CJK)]),
      snapshot('2026-03-02', [model(TWINS[1] as string), model(LONG_CJK), model(TWINS[0] as string), model('QWEN/QWEN3-8B')]),
    ]);
    await buildSite(later.options);
    const after = [...(await modelFileLinks(later.options.outDir)).keys()];
    for (const path of before) expect(after).toContain(path);
    expect(after).toHaveLength(4);
    expect(new Set(after.map((path) => path.toLowerCase())).size).toBe(4);
  });
});
