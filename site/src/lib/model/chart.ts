// Build-time geometry of a model page's likes-and-downloads chart, as plain data the page turns into
// one small SVG. 60,000 pages are built, so every path is bounded by `maxPoints` vertices whatever the
// length of history. Two stacked panels, each with its own y-scale, rather than one panel with two
// axes: likes (tens) and downloads (up to 10^9) differ by orders of magnitude, and two lines sharing a
// box invite reading their crossings as meaningful. Each panel's scale runs from the lowest to the highest
// value shown (not from zero), labelled by `min` and `max`, so a slow climb of a large count stays visible.
// Its figures as text (the tables beside and under it) are in chart-figures.ts.
import type { Track } from '../../../../store/types.ts';
import { civil, dateOfDay, dayOfCivil } from '../../../../store/days.ts';
import { intervalPairs, valueOn } from '../../../../store/tracks.ts';

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
  /** Most value ticks per panel; default 4. */
  maxValueTicks?: number;
  /**
   * Scale of the panels' y-axes: `linear`, `log` (log10 of value + 1, so 0 stays on the axis), or `auto`
   * (log where a panel's values span two decades or more, else linear); default `linear`.
   */
  scale?: 'linear' | 'log' | 'auto';
}

/** A labelled value on a panel's y-axis. */
export interface YTick {
  y: number;
  value: number;
}

/** A one-day stretch, too narrow to see as a line: drawn as a dot at its value. */
export interface ChartDot {
  x: number;
  y: number;
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
  /** Whether the panel's y-axis is logarithmic (log10 of value + 1). */
  log: boolean;
  /** Value ticks, bottom to top, at round values within `[min, max]`. */
  ticks: YTick[];
  /** Stretches of a single day, each centred in its column. */
  dots: ChartDot[];
  /** The y of `value` in this panel (the chart's coordinates); for hover and focus marks. */
  yOf: (value: number) => number;
}

/** A labelled position on the x-axis, at the left edge of its day. */
export interface XTick {
  x: number;
  /** `YYYY-MM-DD` for day ticks (short ranges), `YYYY-MM` for month ticks, `YYYY` for year ticks. */
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

/** A step series `[day0, v0, day1, v1, …]` (Track layout). */
type Series = readonly number[];

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
  for (const [from, to] of intervalPairs(presence)) {
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
  scale: 'linear' | 'log' | 'auto';
  maxTicks: number;
}

/** Whole round values (1, 2 or 5 times a power of ten, counts having no fractions) from `min` to `max`, at most `most` of them; `[min]` for a flat series. */
export function linearTicks(min: number, max: number, most = 4): number[] {
  if (max <= min) return [min];
  const count = Math.max(2, Math.floor(most));
  const raw = (max - min) / (count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10, 20]) {
    const step = m * power;
    if (step < 1) continue;
    const first = Math.ceil(min / step) * step;
    const ticks: number[] = [];
    for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
    if (ticks.length <= count && ticks.length > 0) return ticks;
  }
  return [min, max];
}

/** Powers of ten (and 0) from `min` to `max`, thinned to at most `most`: the ticks of a log axis. */
export function logTicks(min: number, max: number, most = 4): number[] {
  const values: number[] = min === 0 ? [0] : [];
  for (let p = Math.ceil(Math.log10(Math.max(min, 1))); 10 ** p <= max; p++) values.push(10 ** p);
  if (values.length === 0) return [min];
  const keep = Math.max(2, Math.floor(most));
  if (values.length <= keep) return values;
  const step = Math.ceil((values.length - 1) / (keep - 1));
  return values.filter((_, i) => i % step === 0 || i === values.length - 1).slice(-keep);
}

/** Whether values from `min` to `max` span two decades or more (log10 of value + 1). */
export function spansDecades(min: number, max: number): boolean {
  return min >= 0 && Math.log10(max + 1) - Math.log10(min + 1) >= 2;
}

function panel(series: Series, segs: readonly [number, number][], budget: number, start: number, end: number, box: PanelBox): SeriesPanel {
  // A segment starts where its value is known: a series may begin after the stay does.
  const drawn: { from: number; to: number; days: number[]; values: number[] }[] = [];
  const inner = vertexDays(segs, series, budget, start, end);
  segs.forEach(([a, b], i) => {
    const first = valueOn(series, a) === undefined ? series[0] : a;
    if (first === undefined || first > b) return;
    const days = [first, ...(inner[i] ?? []).filter((d) => d > first)];
    drawn.push({ from: first, to: b, days, values: days.map((d) => valueOn(series, d) as number) });
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
  const inset = 1.5; // half a stroke, so the top and bottom lines are not clipped
  const span = box.height - 2 * inset;
  if (drawn.length === 0) return { path: '', top: box.top, height: box.height, min: 0, max: 0, last: null, log: false, ticks: [], dots: [], yOf: () => round(box.top + inset + span) };
  const log = box.scale === 'log' || (box.scale === 'auto' && spansDecades(min, max));
  const f = (v: number): number => (log ? Math.log10(Math.max(0, v) + 1) : v);
  const [fMin, fMax] = [f(min), f(max)];
  const y = (v: number): number =>
    round(box.top + inset + (max === min ? (v === 0 ? span : span / 2) : (1 - (f(v) - fMin) / (fMax - fMin)) * span));
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
  // A one-day stretch is one column wide: on a long range a sliver, so it gets a dot as well.
  const dots = drawn.filter(({ from, to }) => from === to).map(({ from, values }) => ({ x: round((box.x(from) + box.x(from + 1)) / 2), y: y(values[0] as number) }));
  const ticks = (log ? logTicks(min, max, box.maxTicks) : linearTicks(min, max, box.maxTicks)).map((value) => ({ value, y: y(value) }));
  return { path: parts.join(''), top: box.top, height: box.height, min, max, last: tail === undefined ? null : (valueOn(series, tail.to) ?? null), log, ticks, dots, yOf: y };
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

/** Day ticks for a range too short for month ticks: every 1, 2, 7 or 14 days, aligned to `start`, at most `most`; `[]` when none fits. */
function dayTicks(start: number, end: number, most: number): number[] {
  for (const step of [1, 2, 7, 14]) {
    const days: number[] = [];
    for (let day = start; day <= end; day += step) days.push(day);
    if (days.length <= most) return days;
  }
  return [];
}

/** Month boundaries at the finest step (1, 2, 3, 6, 12, 24, 60, 120, 240… months) giving at most `most`. */
export function coarsestFit(start: number, end: number, most: number): { days: number[]; months: number } {
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
  // Fewer than two month starts in range (a few weeks): dated day ticks instead, so every chart has some.
  const short = ticks.length < 2 ? dayTicks(start, end, maxTicks) : [];
  const xTicks = short.length >= ticks.length && short.length > 0
    ? short.map((day) => ({ x: round(x(day)), label: dateOfDay(day) }))
    : ticks.map((day) => ({ x: round(x(day)), label: dateOfDay(day).slice(0, months < 12 ? 7 : 4) }));
  const scale = options.scale ?? 'linear';
  const maxTicksY = options.maxValueTicks ?? 4;
  return {
    width,
    height: 2 * panelHeight + gap,
    from: dateOfDay(start),
    to: dateOfDay(end),
    days,
    likes: panel(track.likes, segs, budget, start, end, { top: 0, height: panelHeight, x, scale, maxTicks: maxTicksY }),
    downloads: panel(track.downloads, segs, budget, start, end, { top: panelHeight + gap, height: panelHeight, x, scale, maxTicks: maxTicksY }),
    xTicks,
    gaps,
  };
}

/** The day (a day number) under x in a chart starting on `start` and showing `days` days `width` wide; clamped to the range. */
export function dayAtX(x: number, start: number, days: number, width: number): number {
  return start + Math.min(days - 1, Math.max(0, Math.floor((x / width) * days)));
}
