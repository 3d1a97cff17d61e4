// The static JSON API: pure builders of each file's content. docs/api.md documents every URL here. The
// per-model file's shape and encoding live in model-file.ts, shared with the site pages that read it back.
import { dayFields, eventFields } from '../store/events-file.ts';
import { jsonWithItemLines } from '../store/json-lines.ts';
import type { ModelRecord, Snapshot } from '../store/record.ts';
import { serialiseSnapshot } from '../store/snapshots.ts';
import { dateOfDay, dayNumber, FIRST_SNAPSHOT_DATE } from '../store/dates.ts';
import type { ChangeEvent, EventLog, Track } from '../store/types.ts';
import { datasetUrls } from './dataset/files.ts';
import type { SiteInputs } from './inputs.ts';
import { hasPageFile, modelPageHref } from './pages.ts';
import { modelApiFile, PLAIN_PATHS, SITE_FILES, snapshotFile, splitModelId, type ModelPaths } from './urls.ts';
import { presenceIntervals } from '../store/tracks.ts';
import { modelSeries, serialiseModelDocument, type ModelDocument } from './model-file.ts';

/** Bumped only for incompatible changes to a published shape. */
export const API_VERSION = 3;

/** One file of the built site. */
export interface OutputFile {
  /** POSIX path relative to the site root, e.g. `api/models/qwen/Qwen3-8B.json`. */
  path: string;
  content: string;
}

/** Figures `/api/index.json` reports. */
export interface ApiCounts {
  /** Models on the newest snapshot. */
  models: number;
  /** Models ever seen on the list (one page each; those on the list now also have a file under `/api/models/`). */
  modelsEverSeen: number;
  /** Observed days in the event log (one per snapshot). */
  days: number;
  /** Change events in the event log. */
  events: number;
  /** Dated snapshots published under `/api/snapshots/`. */
  snapshotsPublished: number;
  /** Dated snapshots in the data directory. */
  snapshotsAvailable: number;
  /** Models that left before the tombstone window: a record each in `/api/departed/`, no page file. */
  departedArchived: number;
}

/** `/api/index.json`: what exists and where. */
export function apiIndexJson(siteUrl: string, latest: string | null, counts: ApiCounts): string {
  return jsonWithItemLines({
    apiVersion: API_VERSION,
    latest,
    counts: {
      models: counts.models,
      modelsEverSeen: counts.modelsEverSeen,
      days: counts.days,
      events: counts.events,
      snapshotsPublished: counts.snapshotsPublished,
      snapshotsAvailable: counts.snapshotsAvailable,
      departedArchived: counts.departedArchived,
    },
    urls: {
      index: `${siteUrl}${SITE_FILES.apiIndex}`,
      latest: `${siteUrl}${SITE_FILES.latest}`,
      changes: `${siteUrl}${SITE_FILES.changes}`,
      snapshots: `${siteUrl}${SITE_FILES.snapshotIndex}`,
      snapshot: `${siteUrl}api/snapshots/{date}.json`,
      model: `${siteUrl}api/models/{owner}/{name}.json`,
      departed: `${siteUrl}api/departed/{n}.json`,
      feed: `${siteUrl}${SITE_FILES.feed}`,
      rss: `${siteUrl}${SITE_FILES.rss}`,
      openaiFeed: `${siteUrl}${SITE_FILES.openaiFeed}`,
      openaiRss: `${siteUrl}${SITE_FILES.openaiRss}`,
    },
    // The whole history as a dataset: GitHub release assets, not part of the site (docs/dataset.md).
    dataset: datasetUrls(),
    notes: {
      model:
        'owner and name are percent-encoded once for the file name and once more for the URL (% becomes %25); names of letters, digits and ._- not starting with a dot appear as they are. A name too long for a file system, or one differing from an earlier model only in letter case, ends in ~ and a hash. Each model file gives the path of its page below the site URL in links.page; the file itself is at the same path with api/ in front of models/ and .json in place of the last slash.',
      snapshots: 'Only the newest snapshots may be published (see counts); older ones stay in the repository.',
      departed: 'Models that left before the tombstone window (counts.departedArchived), in files 0 to buckets-1, buckets given in each file: a record is in bucket FNV-1a-32(UTF-16 code units of its page path, e.g. models/owner/name/) modulo buckets.',
    },
  });
}

/** `/api/latest.json`: the newest snapshot in the snapshot format, or an empty list before the first crawl. */
export function latestJson(latest: Snapshot | undefined): string {
  if (latest !== undefined) return serialiseSnapshot(latest);
  return jsonWithItemLines({ date: null, source: null, models: [] }, { lineArrays: ['models'] });
}

/**
 * Calendar days back from the newest night that `/api/changes.json` holds: a year of the log (~10 MB at
 * 60,000 models) keeps the site bounded however many years the record spans; every older day and event
 * is in the repository's data/events/ and in the dataset.
 */
export const CHANGES_WINDOW_DAYS = 365;

/** `/api/changes.json`: the observed days and events of the newest CHANGES_WINDOW_DAYS, one per line, oldest first. */
export function changesJson(log: EventLog): string {
  const latest = log.days.at(-1)?.date ?? null;
  const since = latest === null ? '' : dateOfDay(dayNumber(latest) - CHANGES_WINDOW_DAYS + 1);
  const days = log.days.filter((day) => day.date >= since).map(dayFields);
  const events = log.events.filter((event) => event.date >= since).map(eventFields);
  return jsonWithItemLines({ latest, days, events }, { lineArrays: ['days', 'events'] });
}

/** `/api/snapshots/index.json`: the published snapshot dates, ascending. */
export function snapshotIndexJson(siteUrl: string, published: readonly string[], available: number): string {
  return jsonWithItemLines(
    {
      latest: published.at(-1) ?? null,
      published: published.length,
      available,
      url: `${siteUrl}api/snapshots/{date}.json`,
      dates: [...published],
    },
    { lineArrays: ['dates'] },
  );
}

/** The document for one model. */
export function modelDocument(
  id: string,
  track: Track,
  events: readonly ChangeEvent[],
  records: { current: ModelRecord | undefined; lastDay: number; lastKnown?: ModelRecord | undefined },
  paths: ModelPaths = PLAIN_PATHS,
): ModelDocument {
  const { current } = records;
  const { owner, name } = current ?? splitModelId(id);
  const intervals = presenceIntervals(track.presence);
  const gatewayIntervals = presenceIntervals(track.gateway);
  return {
    id,
    owner,
    name,
    onList: current !== undefined,
    onGateway: track.gateway.at(-1) === records.lastDay,
    firstSeen: intervals[0]?.from ?? '',
    lastSeen: intervals.at(-1)?.to ?? '',
    intervals,
    gatewayIntervals,
    events: events.map(({ date, kind, likes, downloads, from }) => (from === undefined ? { date, kind, likes, downloads } : { date, kind, likes, downloads, from })),
    series: modelSeries(track, records.lastDay),
    current: current ?? null,
    ...('lastKnown' in records ? { lastKnown: records.lastKnown ?? null } : {}),
    links: { page: modelPageHref(id, paths) },
  };
}

/**
 * Days after its last night seen that a model off the list keeps its file: within the tombstone window
 * (its page is a file for `SITE_TOMBSTONE_DAYS`, default 120), but shorter, because a simulated year's
 * departures within the whole window would cost ~50 MB of files and take the site past its 500 MB budget
 * (bench/site.ts). Its page carries its figures itself after that, as before.
 */
export const DEPARTED_FILE_DAYS = 45;

/** Whether a model off the list (a catalog track that ended before `lastDay`) keeps its API file. */
export function hasDepartedFile(track: Track, inputs: Pick<SiteInputs, 'tombstoneSince'>, lastDay: number): boolean {
  const seen = Math.max(track.presence.at(-1) ?? -Infinity, track.gateway.at(-1) ?? -Infinity);
  return track.presence.length > 0 && hasPageFile(track, inputs) && seen >= lastDay - DEPARTED_FILE_DAYS;
}

/** Events grouped by model id, each list in log order. */
export function eventsByModel(log: EventLog): Map<string, ChangeEvent[]> {
  const byId = new Map<string, ChangeEvent[]>();
  for (const event of log.events) {
    const list = byId.get(event.id);
    if (list === undefined) byId.set(event.id, [event]);
    else list.push(event);
  }
  return byId;
}

/**
 * The file of every model on the list, lazily, so 60,000 documents are never all in memory; and of every
 * model that left in the newest DEPARTED_FILE_DAYS days, within the tombstone window (hasDepartedFile): a
 * departure is a fact worth its record, with its last known record in `lastKnown`. After that the file
 * goes (its page carries its figures, then the page goes too: the 77,000 departures of a simulated year
 * are then one record each in api/departed/), so the site stays bounded; their events stay in
 * changes.json, their history in data/.
 */
export function modelFiles(inputs: SiteInputs): Iterable<OutputFile> {
  const byId = eventsByModel(inputs.log);
  const lastDay = dayNumber(inputs.latest?.date ?? FIRST_SNAPSHOT_DATE);
  return (function* () {
    for (const [id, track] of inputs.tracks) {
      const current = inputs.records.get(id);
      // Files for what answers today (ids on the catalog list, ids only the gateway serves) and for
      // departures within the tombstone window.
      const departed = current === undefined && track.gateway.at(-1) !== lastDay;
      if (departed && !hasDepartedFile(track, inputs, lastDay)) continue;
      const records = departed ? { current, lastDay, lastKnown: inputs.lastKnown.get(id) } : { current, lastDay };
      const doc = modelDocument(id, track, byId.get(id) ?? [], records, inputs.paths);
      yield { path: modelApiFile(id, inputs.paths), content: serialiseModelDocument(doc) };
    }
  })();
}

/** The fixed API files (everything but model files and dated snapshot copies). */
export function apiFiles(inputs: SiteInputs): OutputFile[] {
  const { siteUrl, log, latest, published, dates } = inputs;
  const counts: ApiCounts = {
    models: latest?.models.length ?? 0,
    modelsEverSeen: inputs.tracks.size,
    days: log.days.length,
    events: log.events.length,
    snapshotsPublished: published.length,
    snapshotsAvailable: dates.length,
    departedArchived: [...inputs.tracks.values()].filter((track) => track.presence.length > 0 && !hasPageFile(track, inputs)).length,
  };
  return [
    { path: SITE_FILES.apiIndex, content: apiIndexJson(siteUrl, latest?.date ?? null, counts) },
    { path: SITE_FILES.latest, content: latestJson(latest) },
    { path: SITE_FILES.changes, content: changesJson(log) },
    { path: SITE_FILES.snapshotIndex, content: snapshotIndexJson(siteUrl, published, dates.length) },
  ];
}

/** Paths of the dated snapshot copies, for the files the build copies verbatim. */
export function snapshotFiles(published: readonly string[]): { date: string; path: string }[] {
  return published.map((date) => ({ date, path: snapshotFile(date) }));
}
