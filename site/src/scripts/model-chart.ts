// The likes-and-downloads chart of a model page, with its figures as a table for screen readers and
// anyone who wants the numbers. The page carries a placeholder of the chart's size, so nothing moves
// when it arrives. Geometry and decoding are pure modules (lib/chart*.ts, publish/model-file.ts); this file
// only builds the elements. The chart is drawn at the figure's own width in CSS pixels (so its text
// stays readable and its panels keep their height on a phone), redrawn when that width changes; the
// pointer or the arrow keys (once the chart has focus) show the figures of one day above it.
import { MODEL_LABELS } from '../i18n/model.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatNumber } from '../lib/catalog/catalog-format.ts';
import { chartGeometry, dayAtX, type ChartGeometry, type SeriesPanel } from '../lib/model/chart.ts';
import { figureRows, type FigureRow } from '../lib/model/chart-figures.ts';
import type { ChartSource } from '../../../publish/model-file.ts';
import { checkedDayNumber, dateOfDay } from '../../../store/days.ts';

const SVG = 'http://www.w3.org/2000/svg';

/** Layout in CSS pixels: the value labels' margin, the panels' height, the space for titles and dates. */
export const CHART_LAYOUT = { left: 64, right: 10, top: 24, panel: 96, gap: 48, bottom: 26, minWidth: 260, maxWidth: 720 } as const;

function svg(doc: Document, name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const element = doc.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function html<K extends keyof HTMLElementTagNameMap>(doc: Document, name: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const element = doc.createElement(name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A count as a short tick label with `digits` significant digits: 1.2M, 3.4B (en) or 123万, 3.4亿 (zh); exact below a million. */
function shortNumber(value: number, lang: Lang, digits: number): string {
  const scales: [number, string][] = lang === 'zh' ? [[1e8, '亿'], [1e4, '万']] : [[1e9, 'B'], [1e6, 'M']];
  if (value < 1e6) return formatNumber(value, lang);
  for (const [size, unit] of scales) if (value >= size) return `${Number((value / size).toPrecision(digits)).toString()}${unit}`;
  return formatNumber(value, lang);
}

/** Tick labels as short as they can be while each still reads differently (at most 4 digits short, else in full). */
function tickLabels(values: readonly number[], lang: Lang): string[] {
  for (let digits = 2; digits <= 4; digits++) {
    const labels = values.map((value) => shortNumber(value, lang, digits));
    if (new Set(labels).size === labels.length) return labels;
  }
  return values.map((value) => formatNumber(value, lang));
}

/** The chart as an `<svg>` with an accessible name, value ticks, dated ticks and a layer for the readout's marks. */
/** The left margin the value labels of `chart` need: at least the layout's, about 7 px a character beyond. */
function leftMargin(chart: ChartGeometry, lang: Lang): number {
  const longest = Math.max(0, ...[chart.likes, chart.downloads].flatMap((p) => tickLabels(p.ticks.map((tick) => tick.value), lang).map((label) => label.length)));
  return Math.max(CHART_LAYOUT.left, longest * 7 + 12);
}

function chartSvg(doc: Document, chart: ChartGeometry, fullWidth: number, lang: Lang): { root: SVGElement; marks: SVGElement } {
  const t = MODEL_LABELS[lang];
  const L = { ...CHART_LAYOUT, left: fullWidth - chart.width - CHART_LAYOUT.right };
  const height = L.top + chart.height + L.bottom;
  const root = svg(doc, 'svg', { class: 'chart', width: fullWidth, height, viewBox: `0 ${-L.top} ${fullWidth} ${height}`, role: 'img', tabindex: 0, 'aria-label': `${t.chartTitle(chart.from, chart.to)}. ${t.chartKeys}` });
  const plot = svg(doc, 'g', { transform: `translate(${L.left} 0)` });
  for (const gap of chart.gaps) plot.append(svg(doc, 'rect', { class: 'off', x: gap.x, y: 0, width: gap.width, height: chart.height }));
  for (const [cls, label, p] of [['l', t.likes, chart.likes], ['d', t.downloads, chart.downloads]] as [string, string, SeriesPanel][]) {
    const group = svg(doc, 'g', { 'data-panel': cls });
    group.append(svg(doc, 'text', { class: 'title', x: -L.left, y: p.top - 12 }, p.log ? `${label} (${t.logScale})` : label));
    const labels = tickLabels(p.ticks.map((tick) => tick.value), lang);
    p.ticks.forEach((tick, i) => {
      group.append(
        svg(doc, 'line', { class: 'grid', x1: 0, x2: chart.width, y1: tick.y, y2: tick.y }),
        svg(doc, 'text', { class: 'ytick', x: -6, y: tick.y + 4, 'text-anchor': 'end' }, labels[i] ?? ''),
      );
    });
    group.append(
      svg(doc, 'line', { class: 'axis', x1: 0, x2: chart.width, y1: p.top + p.height, y2: p.top + p.height }),
      svg(doc, 'path', { class: cls, d: p.path }),
      ...p.dots.map((dot) => svg(doc, 'circle', { class: `dot ${cls}`, cx: dot.x, cy: dot.y, r: 3.5 })),
    );
    plot.append(group);
  }
  for (const tick of chart.xTicks) {
    const anchor = tick.x < 30 ? 'start' : tick.x > chart.width - 30 ? 'end' : 'middle';
    plot.append(
      svg(doc, 'line', { class: 'axis', x1: tick.x, x2: tick.x, y1: chart.height, y2: chart.height + 4 }),
      svg(doc, 'text', { class: 'xtick', x: tick.x, y: chart.height + 17, 'text-anchor': anchor }, tick.label),
    );
  }
  const marks = svg(doc, 'g', { class: 'marks' });
  plot.append(marks);
  root.append(plot);
  return { root, marks };
}

/** The chart's figures, every change point and every entry, return and departure, as a table inside a closed `<details>`. */
function figuresTable(doc: Document, rows: readonly FigureRow[], lang: Lang): HTMLDetailsElement {
  const t = MODEL_LABELS[lang];
  const n = (value: number | null) => (value === null ? t.notOnList : formatNumber(value, lang));
  const details = html(doc, 'details', undefined, { class: 'figures' });
  const table = html(doc, 'table');
  const head = html(doc, 'tr');
  for (const label of [t.date, t.likes, t.downloads, t.event]) head.append(html(doc, 'th', label, { scope: 'col' }));
  const body = html(doc, 'tbody');
  for (const row of rows) {
    const tr = html(doc, 'tr');
    const mark = row.mark === undefined ? '' : { entered: t.entered, returned: t.returned, left: t.left }[row.mark];
    tr.append(html(doc, 'td', row.date), html(doc, 'td', n(row.likes)), html(doc, 'td', n(row.downloads)), html(doc, 'td', mark));
    if (row.mark !== undefined) tr.dataset['mark'] = row.mark;
    body.append(tr);
  }
  table.append(html(doc, 'thead'), body);
  table.tHead?.append(head);
  details.append(html(doc, 'summary', `${t.chartFigures} (${formatNumber(rows.length, lang)})`), table);
  return details;
}

/** Draw `source` into `figure` (a placeholder of the chart's size), with its figures in a table. */
export function drawChart(figure: HTMLElement, source: ChartSource, newest: string, lang: Lang): void {
  const doc = figure.ownerDocument;
  const lastDay = checkedDayNumber(newest);
  const t = MODEL_LABELS[lang];
  const L = CHART_LAYOUT;
  const rows = figureRows(source.track, lastDay, source.left === undefined ? {} : { left: source.left });
  const table = figuresTable(doc, rows, lang);
  const readout = html(doc, 'p', t.chartHint, { class: 'chart-readout muted', 'aria-live': 'polite' });
  let drawnWidth = -1;
  const draw = (): void => {
    const fullWidth = Math.round(Math.min(L.maxWidth, Math.max(L.minWidth, figure.clientWidth || 600)));
    if (Math.abs(fullWidth - drawnWidth) < 8) return;
    drawnWidth = fullWidth;
    const geometry = (left: number) => {
      const width = fullWidth - left - L.right;
      return chartGeometry(source.track, lastDay, { width, panelHeight: L.panel, gap: L.gap, maxTicks: Math.max(2, Math.floor(width / 95)), maxValueTicks: 4, scale: 'auto' });
    };
    let chart = geometry(L.left);
    if (chart === null) return;
    // Wider value labels (counts in the millions, written in full) take room from the plot.
    const left = leftMargin(chart, lang);
    if (left > L.left) chart = geometry(left) ?? chart;
    const plotLeft = fullWidth - chart.width - L.right;
    const start = checkedDayNumber(chart.from);
    const { root, marks } = chartSvg(doc, chart, fullWidth, lang);
    const dayX = (day: number): number => ((day - start + 0.5) / chart.days) * chart.width;
    const show = (day: number): void => {
      const row = figureRows(source.track, day, { from: day })[0];
      const date = dateOfDay(day);
      marks.replaceChildren();
      if (row === undefined) return;
      const x = dayX(day);
      marks.append(svg(doc, 'line', { class: 'cursor', x1: x, x2: x, y1: 0, y2: chart.height }));
      if (row.likes === null || row.downloads === null) {
        readout.textContent = `${date} · ${t.notOnList}`;
        return;
      }
      marks.append(svg(doc, 'circle', { class: 'dot l', cx: x, cy: chart.likes.yOf(row.likes), r: 4 }), svg(doc, 'circle', { class: 'dot d', cx: x, cy: chart.downloads.yOf(row.downloads), r: 4 }));
      readout.textContent = `${date} · ${t.likes} ${formatNumber(row.likes, lang)} · ${t.downloads} ${formatNumber(row.downloads, lang)}`;
    };
    const rowDays = rows.map((row) => checkedDayNumber(row.date)).filter((day) => day >= start);
    let focused = rowDays.length - 1;
    root.addEventListener('pointermove', (event) => {
      const box = root.getBoundingClientRect();
      const x = ((event.clientX - box.left) / box.width) * fullWidth - plotLeft;
      if (x >= 0 && x <= chart.width) show(dayAtX(x, start, chart.days, chart.width));
    });
    root.addEventListener('focus', () => show(rowDays[focused] ?? lastDay));
    root.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity }[event.key];
      if (step === undefined || rowDays.length === 0) return;
      event.preventDefault();
      focused = Math.min(rowDays.length - 1, Math.max(0, focused + step));
      show(rowDays[focused] as number);
    });
    const caption = html(doc, 'figcaption', `${t.chartTitle(chart.from, chart.to)}${chart.gaps.length > 0 ? ` · ${t.chartGaps}` : ''}`, { class: 'muted' });
    // The table goes inside the figure, whose box the page reserved: nothing below it moves.
    figure.replaceChildren(readout, root, caption, table);
  };
  draw();
  figure.classList.add('drawn');
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => draw()).observe(figure);
}
