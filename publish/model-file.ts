// The per-model API file (`api/models/<o>/<n>.json`, docs/api.md), encoded and decoded in one place: its
// types, the figures it carries and how they are delta-coded, its text, and how a page reads it back (the
// track its chart draws, the record its usage snippet is made from). The build writes it (publish/api.ts)
// and the browser reads it (site/src/scripts/model-page.ts), so this module is browser-safe (listed in
// test/architecture.test.ts): it imports only store/days.ts and store/tracks.ts, and types.
//
// A tombstone whose file is gone carries the same chart fields in its chart's `data-series`, as
// attribute text (`seriesAttribute`), read back through the same `chartSource`. The file is the site's
// own output, but it is still checked before use: a bad one leaves no chart and no snippet.
import { dateOfDay, dayNumber, isCalendarDate } from '../store/days.ts';
import type { ModelRecord } from '../store/record.ts';
import { deltaDecode, deltaEncode, intervalPairs, valueOn } from '../store/tracks.ts';
import type { EventKind, PresenceInterval, Track } from '../store/types.ts';

/** Days of daily figures each model file carries; older figures stay in the repository's `data/history/`. */
export const SERIES_DAYS = 365;

/**
 * A model's likes and downloads as change points over the newest `SERIES_DAYS` days, each list written
 * as differences (as `data/history/` stores them): a year of daily figures of 137,000 models is about a
 * third the size this way. Day `days[0] + … + days[i]` after `from` has likes `likes[0] + … + likes[i]`.
 */
export interface ModelSeries {
  /** First day covered (`YYYY-MM-DD`): the window's start, or the first day seen when later. */
  from: string;
  /** Days between change points: the first is 0 (`from` itself), each next one the gap since the last. */
  days: number[];
  /** Likes on `from`, then the change at each later point. */
  likes: number[];
  /** Downloads on `from`, then the change at each later point. */
  downloads: number[];
}

/** `/api/models/<owner>/<name>.json`: one model's story. */
export interface ModelDocument {
  id: string;
  owner: string;
  name: string;
  /** On the newest snapshot's catalog list. */
  onList: boolean;
  /** Served by the OpenAI-compatible gateway (`GET /v1/models`) on the newest snapshot, under exactly this id. */
  onGateway: boolean;
  /** First and last catalog dates; `''` for an id only ever on the gateway. */
  firstSeen: string;
  lastSeen: string;
  /** Stretches on the catalog list, ascending (a renamed model's include those under its old ids). */
  intervals: PresenceInterval[];
  /** Stretches on the gateway list under this id, ascending. */
  gatewayIntervals: PresenceInterval[];
  /** This id's events, oldest first; `likes`/`downloads` `null` on gateway events of ids the catalog did not list; `from` on `renamed`. */
  events: { date: string; kind: EventKind; likes: number | null; downloads: number | null; from?: string }[];
  /** Figures over the newest year, bounded so the site does not grow with the years. */
  series: ModelSeries;
  /** The record on the newest snapshot; `null` for a model off the list. */
  current: ModelRecord | null;
  /** Only in the file of a model off the list: its last known record (the newest published snapshot that has it, or the snapshot before it left), or `null` when none survives. */
  lastKnown?: ModelRecord | null;
  /** This model's page as a path below the site's base URL (`models/<o>/<n>/`, `?lang=zh` for Chinese). */
  links: { page: string };
}

/** The chart's part of a model file: what a tombstone carries in `data-series`. */
export type SeriesFields = Pick<ModelDocument, 'intervals' | 'series'>;

/** A `ModelSeries` before it is delta-coded: day numbers, and the figures held on each. */
export interface Figures {
  /** First day covered. */
  from: number;
  /** The days of the change points, ascending; the first is `from` in every file this code writes. */
  days: number[];
  /** Likes on each of `days`. */
  likes: number[];
  /** Downloads on each of `days`. */
  downloads: number[];
}

/** A track's figures over the `SERIES_DAYS` days ending on `lastDay`: a point wherever likes or downloads changed. */
export function modelFigures(track: Track, lastDay: number): Figures {
  const from = Math.max(track.presence[0] ?? lastDay, lastDay - SERIES_DAYS + 1);
  const days = new Set<number>([from]);
  for (const points of [track.likes, track.downloads]) for (let i = 0; i < points.length; i += 2) if ((points[i] as number) > from) days.add(points[i] as number);
  const sorted = [...days].sort((a, b) => a - b);
  return { from, days: sorted, likes: sorted.map((day) => valueOn(track.likes, day) ?? 0), downloads: sorted.map((day) => valueOn(track.downloads, day) ?? 0) };
}

/** `figures` as the file writes them: days counted from `from`, every list delta-coded. */
export function encodeSeries(figures: Figures): ModelSeries {
  const { from, days, likes, downloads } = figures;
  return { from: dateOfDay(from), days: deltaEncode(days.map((day) => day - from)), likes: deltaEncode(likes), downloads: deltaEncode(downloads) };
}

/** The figures a series (checked: `from` a calendar date, lists of integers of one length) encodes. */
export function decodeSeries(series: ModelSeries): Figures {
  const from = dayNumber(series.from);
  return { from, days: deltaDecode(series.days).map((day) => from + day), likes: deltaDecode(series.likes), downloads: deltaDecode(series.downloads) };
}

/** The series of a track over the `SERIES_DAYS` days ending on `lastDay`. */
export function modelSeries(track: Track, lastDay: number): ModelSeries {
  return encodeSeries(modelFigures(track, lastDay));
}

/** Serialised model document: one top-level field per line, each written compactly (60,000 of these are published). */
export function serialiseModelDocument(doc: ModelDocument): string {
  return `{\n${Object.entries(doc).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n')}\n}\n`;
}

/** The track a chart draws from a model's stays and figures: stays before the figures' window clipped to it, since the chart shows only what it has figures for. */
export function chartTrack(presence: readonly number[], figures: Figures): Track {
  const { from, days } = figures;
  const clipped: number[] = [];
  for (const [a, b] of intervalPairs(presence)) if (b >= from) clipped.push(Math.max(a, from), b);
  const points = (values: readonly number[]): number[] => values.flatMap((value, i) => [days[i] as number, value]);
  return { presence: clipped, likes: points(figures.likes), downloads: points(figures.downloads), gateway: [], genImages: [], upstreamId: null };
}

/** The part of a model file the chart reads. */
export interface ChartSource {
  /** The model's stays (clipped to the figures' window) and figures, as the chart draws them. */
  track: Track;
  /** First day the file's figures cover (a day number). */
  from: number;
  /** The nights the model was first missing (its `left` events), when the file has events; else the chart assumes the night after each stay. */
  left?: number[];
}

/** The day number of a calendar date, `undefined` for anything else (2026-02-30 included). */
const dayOf = (value: unknown): number | undefined => (typeof value === 'string' && isCalendarDate(value) ? dayNumber(value) : undefined);
const isInts = (value: unknown): value is number[] => Array.isArray(value) && value.every((v) => Number.isSafeInteger(v));

/** The track in a parsed model file (or in `parseSeriesAttribute`'s fields), or `undefined` when it does not have the expected shape. */
export function chartSource(doc: unknown): ChartSource | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { intervals, series } = doc as { intervals?: unknown; series?: unknown };
  if (!Array.isArray(intervals) || typeof series !== 'object' || series === null) return undefined;
  const presence: number[] = [];
  for (const stay of intervals as unknown[]) {
    const { from, to } = (stay ?? {}) as { from?: unknown; to?: unknown };
    const [a, b] = [dayOf(from), dayOf(to)];
    if (a === undefined || b === undefined || b < a) return undefined;
    presence.push(a, b);
  }
  const { from, days, likes, downloads } = series as Record<string, unknown>;
  const start = dayOf(from);
  if (start === undefined || !isInts(days) || !isInts(likes) || !isInts(downloads)) return undefined;
  if (likes.length !== days.length || downloads.length !== days.length || days.length === 0) return undefined;
  const result: ChartSource = { track: chartTrack(presence, decodeSeries({ from: from as string, days, likes, downloads })), from: start };
  const { events } = doc as { events?: unknown };
  if (Array.isArray(events)) {
    const left: number[] = [];
    for (const event of events as unknown[]) {
      const { kind, date } = (event ?? {}) as { kind?: unknown; date?: unknown };
      const day = kind === 'left' ? dayOf(date) : undefined;
      if (day !== undefined) left.push(day);
    }
    result.left = left;
  }
  return result;
}

/** The fields of a file's `current` record that decide how a model is called (lib/snippets.ts): files written before `companion` and `triggerWords` existed lack them. */
export type SnippetModel = Pick<ModelRecord, 'id' | 'openaiApi' | 'aigcType' | 'inferenceType' | 'baseModels' | 'tasks'> &
  Partial<Pick<ModelRecord, 'companion' | 'triggerWords'>>;

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** What the snippet needs of the file's `current` record, or `undefined` when it is missing or malformed. */
export function snippetModel(doc: unknown): SnippetModel | undefined {
  const current: unknown = typeof doc === 'object' && doc !== null ? (doc as { current?: unknown }).current : undefined;
  if (typeof current !== 'object' || current === null) return undefined;
  const { id, openaiApi, aigcType, inferenceType, baseModels, tasks } = current as Record<string, unknown>;
  if (typeof id !== 'string' || typeof openaiApi !== 'boolean' || typeof aigcType !== 'string' || typeof inferenceType !== 'string' || !isStrings(tasks)) return undefined;
  if (!Array.isArray(baseModels)) return undefined;
  const bases: SnippetModel['baseModels'] = [];
  for (const base of baseModels as unknown[]) {
    const { id: baseId, revision } = (base ?? {}) as { id?: unknown; revision?: unknown };
    if (typeof baseId !== 'string' || (revision !== null && typeof revision !== 'string')) return undefined;
    bases.push({ id: baseId, revision });
  }
  // Files written before these fields existed have neither: no companion, no trigger words.
  const { companion, triggerWords } = current as Record<string, unknown>;
  const companionOk = typeof companion === 'object' && companion !== null && typeof (companion as { id?: unknown }).id === 'string';
  const revision = companionOk ? (companion as { revision?: unknown }).revision : null;
  return {
    id,
    openaiApi,
    aigcType,
    inferenceType,
    baseModels: bases,
    tasks,
    companion: companionOk ? { id: (companion as { id: string }).id, revision: typeof revision === 'string' ? revision : null } : null,
    triggerWords: isStrings(triggerWords) ? triggerWords : [],
  };
}

/**
 * `fields` as attribute text without quotes (inside an attribute each `"` would cost six bytes):
 * `from to,from to;seriesFrom;days;likes;downloads`, numbers comma-separated.
 */
export function seriesAttribute(fields: SeriesFields): string {
  const { intervals, series } = fields;
  return [intervals.map(({ from, to }) => `${from} ${to}`).join(','), series.from, series.days.join(','), series.likes.join(','), series.downloads.join(',')].join(';');
}

/** The fields `seriesAttribute` wrote, for `chartSource` to check; `undefined` for text of another shape. */
export function parseSeriesAttribute(text: string): SeriesFields | undefined {
  const parts = text.split(';');
  if (parts.length !== 5) return undefined;
  const [stays = '', from = '', days = '', likes = '', downloads = ''] = parts;
  const ints = (list: string): number[] => (list === '' ? [] : list.split(',').map((item) => (/^-?\d+$/.test(item) ? Number(item) : Number.NaN)));
  const intervals = stays === '' ? [] : stays.split(',').map((stay) => {
    const [a = '', b = ''] = stay.split(' ');
    return { from: a, to: b };
  });
  return { intervals, series: { from, days: ints(days), likes: ints(likes), downloads: ints(downloads) } };
}
