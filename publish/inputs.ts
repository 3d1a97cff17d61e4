// Everything the site is built from, read once through store/: the Astro pages, the feeds and the JSON
// API all render from this one value, so they always agree (and nothing parses our files twice).
import { DataFileError } from '../store/errors.ts';
import { readEventLog, readTracks } from '../store/change-files.ts';
import type { ModelRecord, Snapshot } from '../store/record.ts';
import { readNights, type NightRecord } from '../store/nights-file.ts';
import { KEEP_SNAPSHOTS } from '../store/snapshot-archive.ts';
import { listSnapshotDates, loadSnapshot, readSnapshotRecords } from '../store/snapshots.ts';
import { dateOfDay, dayNumber, FIRST_SNAPSHOT_DATE } from '../store/dates.ts';
import type { EventLog, Track } from '../store/types.ts';
import { renamesOf } from './pages.ts';
import { planModelPaths, type ModelPaths } from './urls.ts';

/** The data the whole site renders. */
export interface SiteInputs {
  /** Normalised site base URL (`https://user.github.io/repo/`). */
  siteUrl: string;
  /** Every snapshot date in the data directory, ascending. */
  dates: string[];
  /** The dates published under `/api/snapshots/` (the newest `snapshotDays`), ascending. */
  published: string[];
  /** The newest snapshot, `undefined` before the first crawl. */
  latest: Snapshot | undefined;
  log: EventLog;
  /** Every model ever seen, by id. */
  tracks: ReadonlyMap<string, Track>;
  /** Records on the newest snapshot, by id. */
  records: ReadonlyMap<string, ModelRecord>;
  /**
   * The last record seen of models off the list: from the published snapshots, and for every model that
   * left in the newest `LAST_KNOWN_NIGHTS` nights from the snapshot before it left. The change log keeps
   * figures, not records, so older departures are known by id and figures only.
   */
  lastKnown: ReadonlyMap<string, ModelRecord>;
  /** Where each model's page and API file live. */
  paths: ModelPaths;
  /**
   * Day number (days since 1970-01-01): a model off the list last seen before it has no page file of its
   * own; 404.html draws its tombstone from `api/departed/` (publish/departed.ts). 0 keeps every page.
   */
  tombstoneSince: number;
  /** Nights without a snapshot that were recorded with their reason (data/nights.json), ascending. */
  nights: NightRecord[];
}

/** What to read. */
export interface InputOptions {
  dataDir: string;
  siteUrl: string;
  /** Publish only the newest N dated snapshots (default `all`). */
  snapshotDays: number | 'all';
  /** Departed models keep a page file while last seen within the newest N days, or `all` (default DEFAULT_TOMBSTONE_DAYS). */
  tombstoneDays?: number | 'all' | undefined;
}

/**
 * Days a departed model keeps a page file of its own. Four months cover the feeds' links and what people
 * look up; it bounds the site, which at the simulator's churn gains ~77,000 departures a year (a page
 * file each would cross GitHub Pages' 1 GB in year three). bench:site at 60k models and a year: 531 MB
 * with 180 days, 492 MB with 120 (budget 500). Older tombstones come from api/departed/ (404.html).
 */
export const DEFAULT_TOMBSTONE_DAYS = 120;

/**
 * Read the data directory. Every published snapshot is parsed (one at a time: a 60k-model snapshot takes
 * ~300 MB to parse), because they are published byte for byte and a truncated one must fail the build.
 */
export async function readSiteInputs(options: InputOptions): Promise<SiteInputs> {
  const { dataDir } = options;
  const dates = await listSnapshotDates(dataDir);
  const latestDate = dates.at(-1);
  const latest = latestDate === undefined ? undefined : await loadSnapshot(dataDir, latestDate, dates);
  const log = await readEventLog(dataDir);
  const loggedUpTo = log.days.at(-1)?.date;
  if (loggedUpTo !== latestDate) {
    const have = loggedUpTo === undefined ? 'the change log is empty' : `the change log ends at ${loggedUpTo}`;
    const want = latestDate === undefined ? 'there are no snapshots' : `the newest snapshot is ${latestDate}`;
    throw new DataFileError(`${have} but ${want}; update the change log before building the site`, dataDir);
  }
  const { tracks, through } = await readTracks(dataDir);
  if (through.length > 1 || (through[0] ?? latestDate) !== latestDate) {
    throw new DataFileError(`history shards reach ${through.join(', ')} but the newest snapshot is ${latestDate}; run the rebuild`, dataDir);
  }
  const records = new Map((latest?.models ?? []).map((model) => [model.id, model]));
  const orphan = [...records.keys()].find((id) => !tracks.has(id));
  if (orphan !== undefined) throw new DataFileError(`model ${JSON.stringify(orphan)} is on the newest snapshot but has no history`, 'change log');
  const count = options.snapshotDays === 'all' ? dates.length : Math.min(options.snapshotDays, dates.length);
  const published = dates.slice(dates.length - count);
  const lastKnown = new Map<string, ModelRecord>();
  for (const date of [...published].reverse()) {
    if (date === latestDate) continue;
    const snapshot = await loadSnapshot(dataDir, date, dates);
    for (const model of snapshot.models) if (!records.has(model.id) && !lastKnown.has(model.id)) lastKnown.set(model.id, model);
  }
  await addRecentDepartures(dataDir, log, records, lastKnown);
  // Every model ever seen gets its path once, so the API, the feeds and the pages agree.
  // An id first seen on the gateway dates from its first gateway night; an old id of a rename (no track
  // of its own any more) from its rename.
  const firstDay = (track: Track): number => Math.min(track.presence[0] ?? Infinity, track.gateway[0] ?? Infinity, dayNumber(latestDate ?? FIRST_SNAPSHOT_DATE));
  const seen = [...tracks].map(([id, track]) => ({ id, firstSeen: dateOfDay(firstDay(track)) }));
  for (const [from, { date }] of renamesOf(log)) if (!tracks.has(from)) seen.push({ id: from, firstSeen: date });
  const paths = planModelPaths(seen);
  const tombstoneDays = options.tombstoneDays ?? DEFAULT_TOMBSTONE_DAYS;
  const tombstoneSince = tombstoneDays === 'all' || latestDate === undefined ? 0 : dayNumber(latestDate) - tombstoneDays;
  const nights = await readNights(dataDir);
  return { siteUrl: options.siteUrl, dates, published, latest, log, tracks, records, lastKnown, paths, tombstoneSince, nights };
}

/**
 * Observed nights back from the newest whose departures get their last record (feeds, tombstones): as
 * many as the working tree keeps the snapshot of the night before (older ones are in git's history).
 */
export const LAST_KNOWN_NIGHTS = KEEP_SNAPSHOTS - 1;

/**
 * Add to `lastKnown` the last record of every model that left in the newest `LAST_KNOWN_NIGHTS` observed
 * nights and is still off the list: it is on the snapshot of the night before it left, whether or not
 * that snapshot is published. The feeds need it to tell an OpenAI-compatible model's departure from a
 * LoRA's, and a tombstone to show the model's names. Only those lines of each snapshot are parsed.
 */
async function addRecentDepartures(dataDir: string, log: EventLog, records: ReadonlyMap<string, ModelRecord>, lastKnown: Map<string, ModelRecord>): Promise<void> {
  const recent = new Map(log.days.slice(-LAST_KNOWN_NIGHTS).map((day) => [day.date, day.previous]));
  const wanted = new Map<string, Set<string>>();
  for (const event of log.events) {
    const before = recent.get(event.date);
    if (event.kind !== 'left' || before === undefined || before === null || records.has(event.id) || lastKnown.has(event.id)) continue;
    const ids = wanted.get(before) ?? new Set<string>();
    wanted.set(before, ids.add(event.id));
  }
  // Newest first, so a model that left twice keeps its latest record.
  for (const [date, ids] of [...wanted].sort(([a], [b]) => (a < b ? 1 : -1))) {
    const found = await readSnapshotRecords(dataDir, date, ids);
    for (const [id, record] of found ?? []) if (!lastKnown.has(id)) lastKnown.set(id, record);
  }
}

// The Astro build runs in this process but imports its own bundled copy of our modules, so the inputs
// read here reach the pages through a process-wide registry rather than a module variable.
const REGISTRY = Symbol.for('modelscope-inference-catalog.site-inputs');
type Registry = { [REGISTRY]?: SiteInputs };

/** Hand the inputs to the pages of the Astro build about to run in this process. */
export function provideSiteInputs(inputs: SiteInputs | undefined): void {
  if (inputs === undefined) delete (globalThis as Registry)[REGISTRY];
  else (globalThis as Registry)[REGISTRY] = inputs;
}

/** The inputs the build provided, or `undefined` (under `astro dev`, which reads them itself). */
export function providedSiteInputs(): SiteInputs | undefined {
  return (globalThis as Registry)[REGISTRY];
}
