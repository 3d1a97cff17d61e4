// The likes-and-downloads chart of a model page, with its figures as a table for screen readers and
// anyone who wants the numbers. The page carries a placeholder of the chart's size, so nothing moves
// when it arrives. Geometry and decoding are pure modules (lib/chart.ts, lib/model-file.ts); this file
// only builds the elements.
import { MODEL_LABELS } from '../i18n/model.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatNumber } from '../lib/catalog-format.ts';
import { chartGeometry, chartTable, FIGURE_ROWS, type ChartGeometry, type ChartRow } from '../lib/chart.ts';
import type { ChartSource } from '../lib/model-file.ts';
import { dateToDay } from '../lib/stays.ts';

const SVG = 'http://www.w3.org/2000/svg';

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

/** The chart as an `<svg>` with an accessible name. */
function chartSvg(doc: Document, chart: ChartGeometry, lang: Lang): SVGElement {
  const t = MODEL_LABELS[lang];
  const n = (value: number) => formatNumber(value, lang);
  const root = svg(doc, 'svg', { class: 'chart', viewBox: `0 -22 ${chart.width} ${chart.height + 46}`, role: 'img', 'aria-label': t.chartTitle(chart.from, chart.to) });
  for (const [cls, label, p] of [['l', t.likes, chart.likes], ['d', t.downloads, chart.downloads]] as const) {
    const group = svg(doc, 'g', {});
    group.append(
      svg(doc, 'text', { x: 0, y: p.top - 2 }, `${label}: ${n(p.min)}–${n(p.max)}`),
      svg(doc, 'line', { class: 'axis', x1: 0, x2: chart.width, y1: p.top + p.height, y2: p.top + p.height }),
      svg(doc, 'path', { class: cls, d: p.path }),
    );
    root.append(group);
  }
  for (const tick of chart.xTicks) root.append(svg(doc, 'text', { x: tick.x, y: chart.height + 20 }, tick.label));
  return root;
}

/** The chart's figures as a table inside a closed `<details>`. */
function figuresTable(doc: Document, rows: readonly ChartRow[], lang: Lang): HTMLDetailsElement {
  const t = MODEL_LABELS[lang];
  const n = (value: number | null) => (value === null ? t.notOnList : formatNumber(value, lang));
  const details = html(doc, 'details', undefined, { class: 'figures' });
  const table = html(doc, 'table');
  const head = html(doc, 'tr');
  for (const label of [t.date, t.likes, t.downloads]) head.append(html(doc, 'th', label, { scope: 'col' }));
  const body = html(doc, 'tbody');
  for (const row of rows) {
    const tr = html(doc, 'tr');
    tr.append(html(doc, 'td', row.date), html(doc, 'td', n(row.likes)), html(doc, 'td', n(row.downloads)));
    body.append(tr);
  }
  table.append(html(doc, 'thead'), body);
  table.tHead?.append(head);
  details.append(html(doc, 'summary', t.chartFigures), table);
  return details;
}

/** Draw `source` into `figure` (a placeholder of the chart's size), with its figures in a table. */
export function drawChart(figure: HTMLElement, source: ChartSource, newest: string, lang: Lang): void {
  const doc = figure.ownerDocument;
  const lastDay = dateToDay(newest);
  const chart = chartGeometry(source.track, lastDay);
  if (chart === null) return;
  const t = MODEL_LABELS[lang];
  const caption = html(doc, 'figcaption', `${t.chartTitle(chart.from, chart.to)}${chart.gaps.length > 0 ? ` · ${t.chartGaps}` : ''}`, { class: 'muted' });
  // The table goes inside the figure, whose box the page reserved: nothing below it moves.
  figure.replaceChildren(chartSvg(doc, chart, lang), caption, figuresTable(doc, chartTable(source.track, lastDay, FIGURE_ROWS), lang));
  figure.classList.add('drawn');
}
