// Build-time geometry of a model page's likes-and-downloads chart, as plain data the page turns into
// one small SVG. 60,000 pages are built, so every path is bounded by `maxPoints` vertices whatever the
// length of history. Two stacked panels, each with its own y-scale, rather than one panel with two
// axes: likes (tens) and downloads (up to 10^9) differ by orders of magnitude, and two lines sharing a
// box invite reading their crossings as meaningful. Each panel's scale runs from the lowest to the highest
// value shown (not from zero), labelled by `min` and `max`, so a slow climb of a large count stays visible.
import type { Track } from '../../../store/types.ts';
import { civil, dayOfCivil, dayToDate, intervals } from './stays.ts';

/** Layout of the chart; every field optional. */
export interface ChartOptions {
  /** Drawing width in SVG units; default 600. */
  width?: number;
  /** Height of each of the two panels; default 64. */
  panelHeight?: number;
  /** Space between the likes panel and the downloads panel below it; default 20. */
  gap?: number;
  /** Most vertices in one series path (at least 8), however long the history; default 60. */
  maxPoints?: number;
  /** Most x-axis ticks; default 6. */
  maxTicks?: number;
  /** First day shown (a day number); default the first day on the list. */
  from?: number;
}

/** One series drawn in its panel. */
export interface SeriesPanel {
  /** SVG path data in the chart's coordinates (`M0 40H12V38…`), one `M` per stretch on the list; `''` when nothing to draw. */
  path: string;
  /** y of the panel's top edge. */
  top: number;
  /** Panel height. */
  height: number;
  /** Lowest value on the days shown on the list: the panel's bottom (a flat non-zero series sits mid-panel). */
  min: number;
  /** Highest value on the days shown on the list: the panel's top. */
  max: number;
  /** Value on the last day shown on the list; `null` when no value is shown. */
  last: number | null;
}

/** A labelled position on the x-axis, at the left edge of its day. */
export interface XTick {
  x: number;
  /** `YYYY-MM` for month ticks, `YYYY` for year ticks. */
  label: string;
}

/** An off-list stretch inside the range, to shade or leave blank. */
export interface ChartGap {
  x: number;
  width: number;
}

/** Everything the page needs to draw the chart; x coordinates in paths are whole, the rest rounded to 0.1. */
export interface ChartGeometry {
  width: number;
  /** Both panels and the gap between them. */
  height: number;
  /** First day shown, `YYYY-MM-DD`. */
  from: string;
  /** Last day shown (the latest observed day), `YYYY-MM-DD`. */
  to: string;
  /** Number of days shown; each is a column `width / days` wide. */
  days: number;
  likes: SeriesPanel;
  downloads: SeriesPanel;
  xTicks: XTick[];
  /** Off-list stretches drawn as breaks in both paths. */
  gaps: ChartGap[];
}

/** One row of the chart's figures as text; a value is `null` on a day the model was not on the list. */
export interface ChartRow {
  /** `YYYY-MM-DD`. */
  date: string;
  likes: number | null;
  downloads: number | null;
}

/** A step series `[day0, v0, day1, v1, …]` (Track layout). */
type Series = readonly number[];

/** Value held on `day` (the last change point on or before it); `undefined` before the first point. */
export function valueAt(series: Series, day: number): number | undefined {
  let lo = 0;
  let hi = series.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((series[2 * mid] as number) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : series[2 * lo - 1];
}

// x to whole units (a day is ≥ 1 unit at the default width until ~1.6 years), y to 0.1: vertical detail is what
// the eye compares, and the path stays a few hundred bytes.
const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * The stretches on the list within `[start, end]`. When there are more than `most`, the shortest gaps
 * are bridged until they fit: a model flickering on and off nightly would otherwise need a path per
 * night. Gaps kept are the longest, the ones a reader can see; the stays list gives every one exactly.
 */
function segments(presence: readonly number[], start: number, end: number, most: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [from, to] of intervals(presence)) {
    if (to >= start && from <= end) out.push([Math.max(from, start), Math.min(to, end)]);
  }
  const gapBefore = (i: number): number => (out[i] as [number, number])[0] - (out[i - 1] as [number, number])[1];
  while (out.length > most) {
    let shortest = 1;
    for (let i = 2; i < out.length; i++) if (gapBefore(i) < gapBefore(shortest)) shortest = i;
    const [, to] = out.splice(shortest, 1)[0] as [number, number];
    (out[shortest - 1] as [number, number])[1] = to;
  }
  return out;
}

/** For each segment, the days after its first on which it gets a vertex: at most `budget` in all. */
function vertexDays(segs: readonly [number, number][], series: Series, budget: number, start: number, end: number): number[][] {
  // Exact when the change points fit the budget; otherwise the values at evenly spaced days. Either way
  // each vertex carries a value really held that day: nothing is interpolated.
  const changes = segs.map(([a, b]) => {
    const days: number[] = [];
    for (let i = 0; i < series.length; i += 2) {
      const day = series[i] as number;
      if (day > a && day <= b) days.push(day);
    }
    return days;
  });
  if (changes.reduce((n, days) => n + days.length, 0) <= budget) return changes;
  // Each segment also keeps its last day, so the line ends on the value really held at its end.
  const step = (end - start + 1) / (budget - segs.length + 1);
  return segs.map(([a, b]) => {
    const days: number[] = [];
    for (let k = 1; k <= budget - segs.length; k++) {
      const day = start + Math.round(k * step);
      if (day > a && day < b && day !== days.at(-1)) days.push(day);
    }
    if (b > a) days.push(b);
    return days;
  });
}

interface PanelBox {
  top: number;
  height: number;
  x: (day: number) => number;
}

function panel(series: Series, segs: readonly [number, number][], budget: number, start: number, end: number, box: PanelBox): SeriesPanel {
  // A segment starts where its value is known: a series may begin after the stay does.
  const drawn: { from: number; to: number; days: number[]; values: number[] }[] = [];
  const inner = vertexDays(segs, series, budget, start, end);
  segs.forEach(([a, b], i) => {
    const first = valueAt(series, a) === undefined ? series[0] : a;
    if (first === undefined || first > b) return;
    const days = [first, ...(inner[i] ?? []).filter((d) => d > first)];
    drawn.push({ from: first, to: b, days, values: days.map((d) => valueAt(series, d) as number) });
  });
  // min/max over every value held on a shown day, not just the vertices: the labels stay true when sampled.
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const see = (value: number): void => {
    min = Math.min(min, value);
    max = Math.max(max, value);
  };
  for (const { from, to, values } of drawn) {
    see(values[0] as number);
    for (let i = 0; i < series.length; i += 2) {
      const day = series[i] as number;
      if (day > from && day <= to) see(series[i + 1] as number);
    }
  }
  if (drawn.length === 0) return { path: '', top: box.top, height: box.height, min: 0, max: 0, last: null };
  const inset = 1.5; // half a stroke, so the top and bottom lines are not clipped
  const span = box.height - 2 * inset;
  const y = (v: number): number =>
    round(box.top + inset + (max === min ? (v === 0 ? span : span / 2) : (1 - (v - min) / (max - min)) * span));
  const parts: string[] = [];
  for (const { from, to, days, values } of drawn) {
    let current = values[0] as number;
    parts.push(`M${Math.round(box.x(from))} ${y(current)}`);
    days.forEach((day, i) => {
      const value = values[i] as number;
      if (i > 0 && value !== current) {
        const ty = y(value);
        parts.push(ty === y(current) ? '' : `H${Math.round(box.x(day))}V${ty}`);
        current = value;
      }
    });
    parts.push(`H${Math.round(box.x(to + 1))}`);
  }
  const tail = drawn.at(-1);
  return { path: parts.join(''), top: box.top, height: box.height, min, max, last: tail === undefined ? null : (valueAt(series, tail.to) ?? null) };
}

/** Month boundaries every `months` months (aligned to January) within `[start, end]`. */
function monthStarts(start: number, end: number, months: number): number[] {
  const out: number[] = [];
  const { year, month } = civil(start);
  for (let index = year * 12 + month - 1; ; index++) {
    const day = dayOfCivil(Math.floor(index / 12), (index % 12) + 1, 1);
    if (day > end) return out;
    if (day >= start && index % months === 0) out.push(day);
  }
}

const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

/** Month boundaries at the finest step (1, 2, 3, 6, 12, 24, 60, 120, 240… months) giving at most `most`. */
function coarsestFit(start: number, end: number, most: number): { days: number[]; months: number } {
  if (most <= 0) return { days: [], months: 12 };
  for (let i = 0; ; i++) {
    const months = MONTH_STEPS[i] ?? 120 * 2 ** (i - MONTH_STEPS.length + 1);
    const days = monthStarts(start, end, months);
    if (days.length <= most) return { days, months };
  }
}

/** Chart geometry for a track up to `lastDay` (the latest observed day); `null` for a track with no stay. */
export function chartGeometry(track: Track, lastDay: number, options: ChartOptions = {}): ChartGeometry | null {
  const { width = 600, panelHeight = 64, gap = 20, maxTicks = 6 } = options;
  const maxPoints = Math.max(8, Math.floor(options.maxPoints ?? 60));
  const firstDay = track.presence[0];
  if (firstDay === undefined) return null;
  const start = options.from ?? firstDay;
  const end = Math.max(lastDay, start);
  const days = end - start + 1;
  // Each day is a column, so a one-day stay and a one-day gap both have a width.
  const x = (day: number): number => ((day - start) / days) * width;
  // A segment costs two vertices (its start and the value it ends on); the rest go to inner points.
  const segs = segments(track.presence, start, end, Math.floor(maxPoints / 4));
  const budget = maxPoints - 2 * segs.length;
  const gaps: ChartGap[] = [];
  let uncovered = start; // the first day after the last stretch looked at
  for (const [a, b] of [...segs, [end + 1, end] as const]) {
    if (a > uncovered) gaps.push({ x: round(x(uncovered)), width: round(x(a) - x(uncovered)) });
    uncovered = b + 1;
  }
  const { days: ticks, months } = coarsestFit(start, end, maxTicks);
  return {
    width,
    height: 2 * panelHeight + gap,
    from: dayToDate(start),
    to: dayToDate(end),
    days,
    likes: panel(track.likes, segs, budget, start, end, { top: 0, height: panelHeight, x }),
    downloads: panel(track.downloads, segs, budget, start, end, { top: panelHeight + gap, height: panelHeight, x }),
    xTicks: ticks.map((day) => ({ x: round(x(day)), label: dayToDate(day).slice(0, months < 12 ? 7 : 4) })),
    gaps,
  };
}

/** Whether `day` lies in a stay. */
function onList(presence: readonly number[], day: number): boolean {
  return intervals(presence).some(([from, to]) => day >= from && day <= to);
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
      date: dayToDate(day),
      likes: on ? (valueAt(track.likes, day) ?? null) : null,
      downloads: on ? (valueAt(track.downloads, day) ?? null) : null,
    };
  });
}
