// A model chart's figures as text: every change, stay and departure in full (figureRows: the model page's
// figures table and its hover readout), and a small calendar-aligned table of a few rows (chartTable). Values
// are read from the same track the chart draws (chart.ts); `null` on a day off the list.
import type { Track } from '../../../../store/types.ts';
import { dateOfDay } from '../../../../store/days.ts';
import { intervalPairs, valueOn } from '../../../../store/tracks.ts';
import { coarsestFit } from './chart.ts';

/** One row of the chart's figures as text; a value is `null` on a day the model was not on the list. */
export interface ChartRow {
  /** `YYYY-MM-DD`. */
  date: string;
  likes: number | null;
  downloads: number | null;
}

/** What happened on a row's date, besides its figures. */
export type RowMark = 'entered' | 'returned' | 'left';

/** A row of the complete figures table. */
export interface FigureRow extends ChartRow {
  /** Set on the first day of each stay and on the first day missed after one. */
  mark?: RowMark;
}

/**
 * The chart's figures in full: every change point of either series, the first day of each stay (entered,
 * returned), the first day missed after each stay (left: the night after its last, or the date the
 * events give), and `lastDay`, from `from` on, oldest first. Values are `null` off the list.
 */
export function figureRows(track: Track, lastDay: number, options: { from?: number; left?: readonly number[] } = {}): FigureRow[] {
  const stays = intervalPairs(track.presence);
  const first = stays[0]?.[0];
  if (first === undefined) return [];
  const from = Math.max(options.from ?? first, first);
  const end = Math.max(lastDay, from);
  const marks = new Map<number, RowMark>();
  stays.forEach(([a], i) => marks.set(a, i === 0 ? 'entered' : 'returned'));
  const leftDays = options.left ?? stays.map(([, b]) => b + 1).filter((day) => day <= end);
  for (const day of leftDays) if (!marks.has(day)) marks.set(day, 'left');
  const days = new Set<number>([from, end, ...marks.keys()]);
  for (const series of [track.likes, track.downloads]) for (let i = 0; i < series.length; i += 2) days.add(series[i] as number);
  return [...days]
    .filter((day) => day >= from && day <= end)
    .sort((a, b) => a - b)
    .map((day) => {
      const on = onList(track.presence, day);
      const mark = marks.get(day);
      const row: FigureRow = {
        date: dateOfDay(day),
        likes: on ? (valueOn(track.likes, day) ?? null) : null,
        downloads: on ? (valueOn(track.downloads, day) ?? null) : null,
      };
      return mark === undefined ? row : { ...row, mark };
    });
}

/** Whether `day` lies in a stay. */
function onList(presence: readonly number[], day: number): boolean {
  return intervalPairs(presence).some(([from, to]) => day >= from && day <= to);
}

/** Rows of the figures table under a model page's chart. */
export const FIGURE_ROWS = 8;

/**
 * The chart's figures as a small table: the first day on the list, calendar-aligned dates (every day,
 * every Monday, or every 1, 2, 3, 6, 12… months: the finest that fits) and `lastDay`, at most `maxRows`
 * rows (at least 2) however long the history.
 */
export function chartTable(track: Track, lastDay: number, maxRows = 12): ChartRow[] {
  const start = track.presence[0];
  if (start === undefined) return [];
  const end = Math.max(lastDay, start);
  const inside = Math.max(2, Math.floor(maxRows)) - (end > start ? 2 : 1);
  let days: number[] = [];
  for (let day = start + 1; day < end && days.length <= inside; day++) days.push(day);
  if (days.length > inside) {
    days = [];
    // 1970-01-01 was a Thursday, so Mondays are the days ≡ 4 (mod 7).
    for (let day = start + 1 + ((4 - ((start + 1) % 7) + 7) % 7); day < end && days.length <= inside; day += 7) days.push(day);
  }
  if (days.length > inside) days = coarsestFit(start + 1, end - 1, inside).days;
  return [start, ...days, ...(end > start ? [end] : [])].map((day) => {
    const on = onList(track.presence, day);
    return {
      date: dateOfDay(day),
      likes: on ? (valueOn(track.likes, day) ?? null) : null,
      downloads: on ? (valueOn(track.downloads, day) ?? null) : null,
    };
  });
}
