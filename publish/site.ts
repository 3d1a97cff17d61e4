// The site build: read the data directory, render feeds, pages and the JSON API into a staging
// directory, then swap it in. Reading the change log is injected so this runs against any source.
import { rm } from 'node:fs/promises';
import { DataFileError } from '../store/errors.ts';
import type { Snapshot } from '../store/record.ts';
import { withDataDirLock } from '../store/lock.ts';
import { copySnapshotFile, listSnapshotDates, loadSnapshot } from '../store/snapshots.ts';
import type { EventLog, ModelHistory } from '../store/types.ts';
import { apiFiles, modelFiles, snapshotFiles, type OutputFile } from './api.ts';
import { buildJsonFeed, serialiseJsonFeed, type ChannelInfo } from './feed.ts';
import { buildHomeHtml } from './home.ts';
import { changeItems } from './items.ts';
import { checkReplaceable, copyFiles, DEFAULT_CONCURRENCY, makeStagingDir, markAsBuild, swapInto, writeFiles } from './output.ts';
import { buildRss } from './rss.ts';
import { planModelPaths, SITE_FILES } from './urls.ts';

/** What to build from where. */
export interface BuildOptions {
  /** Data directory holding `snapshots/` and the change log (default `data`, env `CATALOG_DATA_DIR`). */
  dataDir: string;
  /** Output directory, replaced as a whole (default `site/dist`). */
  outDir: string;
  /** Normalised site base URL (default `http://localhost:4321/`, env `SITE_URL`). */
  siteUrl: string;
  /** Publish only the newest N dated snapshots (default `all`, env `SITE_SNAPSHOT_DAYS`). */
  snapshotDays: number | 'all';
  /** Feed items kept (default 100). */
  maxFeedItems?: number;
  /** Files written at once (default 64). */
  concurrency?: number;
}

/** Where the change log comes from (`store/change-files.ts` in the CLI, factories in tests). */
export interface ChangeSources {
  readEventLog(dataDir: string): Promise<EventLog>;
  readHistories(dataDir: string): Promise<ReadonlyMap<string, ModelHistory>>;
}

/** What a build produced. */
export interface BuildSummary {
  outDir: string;
  /** Newest snapshot date, `null` before the first crawl. */
  latest: string | null;
  /** Models on the newest snapshot. */
  models: number;
  /** Files under `api/models/`. */
  modelFiles: number;
  /** Items in both feeds. */
  feedItems: number;
  snapshotsPublished: number;
  snapshotsAvailable: number;
}

async function readInputs(options: BuildOptions, sources: ChangeSources) {
  const dates = await listSnapshotDates(options.dataDir);
  const latestDate = dates.at(-1);
  const latest: Snapshot | undefined = latestDate === undefined ? undefined : await loadSnapshot(options.dataDir, latestDate, dates);
  const log = await sources.readEventLog(options.dataDir);
  const histories = await sources.readHistories(options.dataDir);
  const loggedUpTo = log.days.at(-1)?.date;
  if (loggedUpTo !== latestDate) {
    const have = loggedUpTo === undefined ? 'the change log is empty' : `the change log ends at ${loggedUpTo}`;
    const want = latestDate === undefined ? 'there are no snapshots' : `the newest snapshot is ${latestDate}`;
    throw new DataFileError(`${have} but ${want}; update the change log before building the site`, options.dataDir);
  }
  return { dates, latest, log, histories };
}

/**
 * Build the whole site into `options.outDir`; on any failure the previous output is left untouched. The
 * data dir must exist, and is locked while it is read, so a crawl cannot change it halfway through.
 */
export async function buildSite(options: BuildOptions, sources: ChangeSources): Promise<BuildSummary> {
  return withDataDirLock(options.dataDir, 'build', () => build(options, sources), { create: false });
}

async function build(options: BuildOptions, sources: ChangeSources): Promise<BuildSummary> {
  await checkReplaceable(options.outDir, options.dataDir);
  const { dates, latest, log, histories } = await readInputs(options, sources);
  const published = options.snapshotDays === 'all' ? dates : dates.slice(dates.length - Math.min(options.snapshotDays, dates.length));
  // Snapshots are published byte for byte, so each is read and checked first (one at a time: a
  // 60k-model snapshot takes ~300 MB to parse): a truncated file must fail the build, not go out.
  for (const date of published) if (date !== latest?.date) await loadSnapshot(options.dataDir, date, dates);
  const info: ChannelInfo = { siteUrl: options.siteUrl };
  // Every model ever seen gets its path here, once, so the API, the feeds and the pages agree.
  const paths = planModelPaths([...histories.values()].map(({ id, firstSeen }) => ({ id, firstSeen })));
  const onList = new Map((latest?.models ?? []).map((model) => [model.id, model]));
  const items = changeItems(log, {
    siteUrl: options.siteUrl,
    paths,
    records: (id) => onList.get(id),
    ...(options.maxFeedItems === undefined ? {} : { maxItems: options.maxFeedItems }),
  });
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;

  const fixed: OutputFile[] = [
    { path: SITE_FILES.feed, content: serialiseJsonFeed(buildJsonFeed(items, info)) },
    { path: SITE_FILES.rss, content: buildRss(items, info) },
    {
      path: SITE_FILES.home,
      content: buildHomeHtml({
        info,
        latest: latest === undefined ? undefined : { date: latest.date, models: latest.models.length },
        newest: items[0],
      }),
    },
    ...apiFiles(options.siteUrl, log, latest, histories, published, dates.length),
  ];

  const staged = await makeStagingDir(options.outDir);
  try {
    await writeFiles(staged, fixed, concurrency);
    const written = await writeFiles(staged, modelFiles({ siteUrl: options.siteUrl, histories, log, latest, paths }), concurrency);
    const copies = snapshotFiles(published).map(({ date, path }) => ({ path, copy: (target: string) => copySnapshotFile(options.dataDir, date, target) }));
    await copyFiles(staged, copies, concurrency);
    await markAsBuild(staged);
    await swapInto(staged, options.outDir, options.dataDir);
    return {
      outDir: options.outDir,
      latest: latest?.date ?? null,
      models: latest?.models.length ?? 0,
      modelFiles: written,
      feedItems: items.length,
      snapshotsPublished: published.length,
      snapshotsAvailable: dates.length,
    };
  } catch (error) {
    await rm(staged, { recursive: true, force: true });
    throw error;
  }
}
