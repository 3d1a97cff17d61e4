// A model page's parts that come from data rather than HTML: the chart (from the model's API file, or
// for a tombstone from its own `data-series`) and, for a model on the list, the usage snippet.
import type { Lang } from '../i18n/lang.ts';
import { chartSource, parseSeriesAttribute, snippetModel } from '../../../publish/model-file.ts';
import { drawChart } from './model-chart.ts';
import { showSnippet } from './model-snippet.ts';

/**
 * The model file the head links (a tombstone's too, within the tombstone window: every change point and
 * its events, for the complete figures table), else the tombstone's inline data (thinned, the fallback
 * when the file does not read); `undefined` when neither reads.
 */
async function modelFile(doc: Document, figure: HTMLElement): Promise<unknown> {
  const inline = figure.dataset['series'];
  const link = doc.querySelector<HTMLLinkElement>('link[rel="alternate"][type="application/json"]');
  const isModelFile = link !== null && new URL(link.href).pathname.includes('/api/models/');
  const response = isModelFile ? await fetch(link.href).catch(() => undefined) : undefined;
  const file: unknown = response?.ok === true ? await response.json().catch(() => undefined) : undefined;
  if (file !== undefined && chartSource(file) !== undefined) return file;
  return inline === undefined ? file : parseSeriesAttribute(inline);
}

/** Draw the chart into `figure[data-chart]` and fill `section[data-snippet]`; leaves the placeholders on any failure. */
export async function enhanceModelPage(doc: Document, lang: Lang): Promise<void> {
  const figure = doc.querySelector<HTMLElement>('figure[data-chart]');
  if (figure === null) return;
  const file = await modelFile(doc, figure);
  const source = chartSource(file);
  const newest = figure.dataset['chart'] ?? '';
  if (source !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(newest)) drawChart(figure, source, newest, lang);
  const section = doc.querySelector<HTMLElement>('section[data-snippet]');
  const model = snippetModel(file);
  if (section !== null && model !== undefined) showSnippet(section, model, lang);
}
