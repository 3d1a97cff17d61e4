// The static JSON API: pure builders of each file's content. docs/api.md documents every URL here.
import { DataFileError } from '../store/errors.ts';
import { dayFields, eventFields } from '../store/events-file.ts';
import { jsonWithItemLines } from '../store/json-lines.ts';
import type { ModelRecord, Snapshot } from '../store/record.ts';
import { serialiseSnapshot } from '../store/snapshots.ts';
import type { ChangeEvent, EventKind, EventLog, ModelHistory, PresenceInterval, SeriesPoint } from '../store/types.ts';
import { SITE_FILES, modelApiFile, modelApiUrl, modelPageUrl, modelScopeUrl, PLAIN_PATHS, snapshotFile, splitModelId, type ModelPaths } from './urls.ts';

/** Bumped only for incompatible changes to a published shape. */
export const API_VERSION = 1;

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
  /** Models ever seen on the list (one file each under `/api/models/`). */
  modelsEverSeen: number;
  /** Observed days in the event log (one per snapshot). */
  days: number;
  /** Change events in the event log. */
  events: number;
  /** Dated snapshots published under `/api/snapshots/`. */
  snapshotsPublished: number;
  /** Dated snapshots in the data directory. */
  snapshotsAvailable: number;
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
    },
    urls: {
      index: `${siteUrl}${SITE_FILES.apiIndex}`,
      latest: `${siteUrl}${SITE_FILES.latest}`,
      changes: `${siteUrl}${SITE_FILES.changes}`,
      snapshots: `${siteUrl}${SITE_FILES.snapshotIndex}`,
      snapshot: `${siteUrl}api/snapshots/{date}.json`,
      model: `${siteUrl}api/models/{owner}/{name}.json`,
      feed: `${siteUrl}${SITE_FILES.feed}`,
      rss: `${siteUrl}${SITE_FILES.rss}`,
    },
    notes: {
      model:
        'owner and name are percent-encoded once for the file name and once more for the URL (% becomes %25); names of letters, digits and ._- not starting with a dot appear as they are. A name too long for a file system, or one differing from an earlier model only in letter case, ends in ~ and a hash. Every model file gives its own URL in links.api.',
      snapshots: 'Only the newest snapshots may be published (see counts); older ones stay in the repository.',
    },
  });
}

/** `/api/latest.json`: the newest snapshot in the snapshot format, or an empty list before the first crawl. */
export function latestJson(latest: Snapshot | undefined): string {
  if (latest !== undefined) return serialiseSnapshot(latest);
  return jsonWithItemLines({ date: null, source: null, models: [] }, { lineArrays: ['models'] });
}

/** `/api/changes.json`: every observed day and every event, one per line, oldest first. */
export function changesJson(log: EventLog): string {
  const days = log.days.map(dayFields);
  const events = log.events.map(eventFields);
  return jsonWithItemLines({ latest: log.days.at(-1)?.date ?? null, days, events }, { lineArrays: ['days', 'events'] });
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

/** `/api/models/<owner>/<name>.json`: one model's whole story. */
export interface ModelDocument {
  id: string;
  owner: string;
  name: string;
  /** On the newest snapshot. */
  onList: boolean;
  firstSeen: string;
  lastSeen: string;
  /** Stretches on the list, ascending. */
  intervals: PresenceInterval[];
  /** This model's events, oldest first. */
  events: { date: string; kind: EventKind; likes: number; downloads: number }[];
  /** `[date, value]` change points: the value holds from `date` until the next point. */
  likes: SeriesPoint[];
  /** Same rule as likes. */
  downloads: SeriesPoint[];
  /** The record on the newest snapshot, `null` when the model is off the list. */
  current: ModelRecord | null;
  links: { page: string; modelscope: string; api: string };
}

/** The document for one model. */
export function modelDocument(
  siteUrl: string,
  history: ModelHistory,
  events: readonly ChangeEvent[],
  current: ModelRecord | undefined,
  paths: ModelPaths = PLAIN_PATHS,
): ModelDocument {
  const { owner, name } = current ?? splitModelId(history.id);
  return {
    id: history.id,
    owner,
    name,
    onList: current !== undefined,
    firstSeen: history.firstSeen,
    lastSeen: history.lastSeen,
    intervals: history.intervals.map((interval) => ({ from: interval.from, to: interval.to })),
    events: events.map(({ date, kind, likes, downloads }) => ({ date, kind, likes, downloads })),
    likes: history.likes.map(([date, value]): SeriesPoint => [date, value]),
    downloads: history.downloads.map(([date, value]): SeriesPoint => [date, value]),
    current: current ?? null,
    links: {
      page: modelPageUrl(siteUrl, history.id, paths),
      modelscope: modelScopeUrl(history.id),
      api: modelApiUrl(siteUrl, history.id, paths),
    },
  };
}

/** Serialised model document: series, intervals and events one entry per line. */
export function serialiseModelDocument(doc: ModelDocument): string {
  return jsonWithItemLines({ ...doc }, { lineArrays: ['intervals', 'events', 'likes', 'downloads'] });
}

/** What model files are built from. */
export interface ModelSources {
  siteUrl: string;
  histories: ReadonlyMap<string, ModelHistory>;
  log: EventLog;
  latest: Snapshot | undefined;
  /** Where each model's files go (default: plain paths, no case twins told apart). */
  paths?: ModelPaths;
}

/**
 * Every model's file, lazily, so 60,000 documents are never all in memory. Checks first that every
 * model on the newest snapshot has a history. Unsafe ids throw `UnsafePathError` when reached.
 */
export function modelFiles(sources: ModelSources): Iterable<OutputFile> {
  const current = new Map((sources.latest?.models ?? []).map((model) => [model.id, model]));
  const orphan = [...current.keys()].find((id) => !sources.histories.has(id));
  if (orphan !== undefined) {
    throw new DataFileError(`model ${JSON.stringify(orphan)} is on the newest snapshot but has no history`, 'change log');
  }
  const eventsById = new Map<string, ChangeEvent[]>();
  for (const event of sources.log.events) {
    const list = eventsById.get(event.id);
    if (list === undefined) eventsById.set(event.id, [event]);
    else list.push(event);
  }
  return (function* () {
    for (const [id, history] of sources.histories) {
      const doc = modelDocument(sources.siteUrl, history, eventsById.get(id) ?? [], current.get(id), sources.paths);
      yield { path: modelApiFile(id, sources.paths), content: serialiseModelDocument(doc) };
    }
  })();
}

/** The fixed API files (everything but model files and dated snapshot copies). */
export function apiFiles(
  siteUrl: string,
  log: EventLog,
  latest: Snapshot | undefined,
  histories: ReadonlyMap<string, ModelHistory>,
  published: readonly string[],
  available: number,
): OutputFile[] {
  const counts: ApiCounts = {
    models: latest?.models.length ?? 0,
    modelsEverSeen: histories.size,
    days: log.days.length,
    events: log.events.length,
    snapshotsPublished: published.length,
    snapshotsAvailable: available,
  };
  return [
    { path: SITE_FILES.apiIndex, content: apiIndexJson(siteUrl, latest?.date ?? null, counts) },
    { path: SITE_FILES.latest, content: latestJson(latest) },
    { path: SITE_FILES.changes, content: changesJson(log) },
    { path: SITE_FILES.snapshotIndex, content: snapshotIndexJson(siteUrl, published, available) },
  ];
}

/** Paths of the dated snapshot copies, for the files the build copies verbatim. */
export function snapshotFiles(published: readonly string[]): { date: string; path: string }[] {
  return published.map((date) => ({ date, path: snapshotFile(date) }));
}
