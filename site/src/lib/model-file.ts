// A model's API file (`api/models/<o>/<n>.json`, docs/api.md) read back for its page: the track the
// chart draws and the record the usage snippet is made from. The page fetches the file rather than
// carrying its own copy, so each figure is published once (a tombstone, which has no file, carries the
// same `intervals` and `series` in its chart's `data-series`). The file is the site's own output, but
// it is still checked before use: a bad one leaves no chart and no snippet.
import type { Track } from '../../../store/types.ts';
import type { SnippetModel } from './snippets.ts';
import { checkedDayNumber, dayNumber, isCalendarDate } from '../../../store/days.ts';
import { deltaDecode, intervalPairs } from '../../../store/tracks.ts';

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

/** The track in a parsed model file, or `undefined` when the file does not have the expected shape. */
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
  // Stays before the figures' window are clipped to it: the chart shows only what it has figures for.
  const clipped: number[] = [];
  for (const [a, b] of intervalPairs(presence)) if (b >= start) clipped.push(Math.max(a, start), b);
  const at = deltaDecode(days).map((day) => start + day);
  const points = (values: number[]): number[] => deltaDecode(values).flatMap((value, i) => [at[i] as number, value]);
  const result: ChartSource = { track: { presence: clipped, likes: points(likes), downloads: points(downloads), gateway: [], genImages: [], upstreamId: null }, from: start };
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

/** The chart's part of a model file: what a tombstone carries in `data-series`. */
export interface SeriesFields {
  intervals: { from: string; to: string }[];
  series: { from: string; days: number[]; likes: number[]; downloads: number[] };
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

/**
 * `fields` with at most about `most` change points, for a tombstone to carry: the first and the last,
 * the one in force on each of `exactDays` (the figures table's dates, so its numbers stay exact), and an
 * even spread of the rest. The chart draws no more than ~60 vertices anyway (lib/chart.ts).
 */
export function thinSeries(fields: SeriesFields, exactDays: readonly number[], most = 60): SeriesFields {
  const { series } = fields;
  const count = series.days.length;
  if (count <= most) return fields;
  const start = checkedDayNumber(series.from);
  const days = deltaDecode(series.days).map((day) => start + day);
  const keep = new Set<number>([0, count - 1]);
  for (let k = 1; k < most; k++) keep.add(Math.round((k * (count - 1)) / most));
  for (const day of exactDays) {
    let at = -1;
    for (let i = 0; i < count && (days[i] as number) <= day; i++) at = i;
    if (at >= 0) keep.add(at);
  }
  const chosen = [...keep].sort((a, b) => a - b);
  const likes = deltaDecode(series.likes);
  const downloads = deltaDecode(series.downloads);
  const diff = (values: number[]) => chosen.map((i, k) => (k === 0 ? (values[i] as number) : (values[i] as number) - (values[chosen[k - 1] as number] as number)));
  return { intervals: fields.intervals, series: { from: series.from, days: diff(days.map((day) => day - start)), likes: diff(likes), downloads: diff(downloads) } };
}
