// What the page of a model that left the list shows (TombstonePage.astro renders it), derived from its
// track in one step at build time. A simulated year leaves 77,000 of these pages within the tombstone
// window, so a page carries no more than it must: while the model keeps its API file the chart reads
// that; after, the page carries the chart's figures itself, thinned before they are encoded (the
// figures in day numbers → the points kept → attribute text), with the figures table's dates exact.
import type { SiteInputs } from '../../../../publish/inputs.ts';
import { hasDepartedFile } from '../../../../publish/api.ts';
import { chartTrack, encodeSeries, modelFigures, seriesAttribute, type Figures } from '../../../../publish/model-file.ts';
import { modelApiHref } from '../../../../publish/urls.ts';
import { checkedDayNumber } from '../../../../store/days.ts';
import type { ModelRecord } from '../../../../store/record.ts';
import { presenceIntervals } from '../../../../store/tracks.ts';
import type { Track } from '../../../../store/types.ts';
import { chartTable, FIGURE_ROWS } from './chart-figures.ts';
import { stays, type Stay } from './stays.ts';
import { cachedAlternativeIndex, useInstead, type Alternative } from './use-instead.ts';

/** Change points a tombstone keeps besides the table's dates: enough for the chart's shape at 600 units wide. */
export const TOMBSTONE_POINTS = 40;

/** Models a tombstone suggests instead. */
const ALTERNATIVES = 3;

/** Everything a tombstone page shows that comes from data. */
export interface TombstoneView {
  /** Name and owner: its last known record's, else the id's two parts. */
  name: string;
  owner: string;
  /** Its last known record, when one survives (publish/inputs.ts lastKnown). */
  record: ModelRecord | undefined;
  /** Every stay on the list, oldest first. */
  timeline: Stay[];
  /** Its last likes and downloads. */
  likes: number;
  downloads: number;
  /** The chart's `data-series` (thinned figures as attribute text); `undefined` while its API file carries them. */
  series: string | undefined;
  /** Its API file's URL path from the site root, while it keeps one (publish/api.ts DEPARTED_FILE_DAYS). */
  json: string | undefined;
  /** Models on the list to use instead, the closest first. */
  alternatives: Alternative[];
}

/** The view of the tombstone of `id` (a model off the list) on `lastDay`, the newest observed day. */
export function tombstoneView(
  id: string,
  track: Track,
  inputs: Pick<SiteInputs, 'lastKnown' | 'records' | 'paths' | 'siteUrl' | 'tombstoneSince'>,
  lastDay: number,
): TombstoneView {
  const record = inputs.lastKnown.get(id);
  const slash = id.indexOf('/');
  // A recent departure keeps its API file, which the chart reads: the page then carries no figures.
  const hasFile = hasDepartedFile(track, inputs, lastDay);
  return {
    name: record?.name ?? id.slice(slash + 1),
    owner: record?.owner ?? id.slice(0, slash),
    record,
    timeline: stays(track.presence, lastDay),
    likes: track.likes.at(-1) ?? 0,
    downloads: track.downloads.at(-1) ?? 0,
    series: hasFile ? undefined : tombstoneSeries(track, lastDay),
    json: hasFile ? `${new URL(inputs.siteUrl).pathname}${modelApiHref(id, inputs.paths)}` : undefined,
    alternatives: useInstead(id, record, cachedAlternativeIndex(inputs.records), ALTERNATIVES),
  };
}

/**
 * The chart fields of a model file (its stays and its figures of the newest year) as a tombstone
 * carries them in `data-series`: thinned to about `most` change points, the figures table's dates exact.
 */
export function tombstoneSeries(track: Track, lastDay: number, most = TOMBSTONE_POINTS): string {
  const figures = modelFigures(track, lastDay);
  // The table the page's chart will draw: the days whose figures must survive the thinning.
  const exactDays = chartTable(chartTrack(track.presence, figures), lastDay, FIGURE_ROWS).map((row) => checkedDayNumber(row.date));
  return seriesAttribute({ intervals: presenceIntervals(track.presence), series: encodeSeries(thinFigures(figures, exactDays, most)) });
}

/**
 * `figures` with at most about `most` change points: the first and the last, the one in force on each of
 * `exactDays` (the figures table's dates, so its numbers stay exact), and an even spread of the rest. The
 * chart draws no more than ~60 vertices anyway (lib/chart.ts). Short figures come back as they are.
 */
export function thinFigures(figures: Figures, exactDays: readonly number[], most = 60): Figures {
  const { days } = figures;
  const count = days.length;
  if (count <= most) return figures;
  const keep = new Set<number>([0, count - 1]);
  for (let k = 1; k < most; k++) keep.add(Math.round((k * (count - 1)) / most));
  for (const day of exactDays) {
    let at = -1;
    for (let i = 0; i < count && (days[i] as number) <= day; i++) at = i;
    if (at >= 0) keep.add(at);
  }
  const chosen = [...keep].sort((a, b) => a - b);
  const pick = (values: readonly number[]): number[] => chosen.map((i) => values[i] as number);
  return { from: figures.from, days: pick(days), likes: pick(figures.likes), downloads: pick(figures.downloads) };
}
