// One feed entry per observed day with changes. JSON Feed and RSS both render these, so they always
// carry the same items with the same ids, dates and text.
import { formatCount } from '../core/text.ts';
import { compareIds } from '../store/order.ts';
import type { ModelRecord } from '../store/record.ts';
import { DAY_COUNT_OF, EVENT_KINDS, GATEWAY_KINDS } from '../store/events-file.ts';
import type { ChangeEvent, EventKind, EventLog, ObservedDay } from '../store/types.ts';
import { escapeHtml, htmlText, visibleText } from './escape.ts';
import { changesDayUrl, modelPageUrl, modelScopeUrl, PLAIN_PATHS, type ModelPaths } from './urls.ts';

/** A model's newest known record (on the newest snapshot, or the last one seen), or undefined. */
export type RecordLookup = (id: string) => ModelRecord | undefined;

/** A day with at least one change, ready to render. */
export interface ChangeItem {
  /** Stable id, `changes-<date>`: rebuilding never changes it, so readers never show a day twice. */
  id: string;
  /** Observation (snapshot) date, `YYYY-MM-DD`. */
  date: string;
  /** The day's anchor on the site's changes page. */
  url: string;
  /** Plain-text title, e.g. `3 entered, 1 returned, 1 left`. */
  title: string;
  /** The observation date at 00:00 in Asia/Shanghai, RFC 3339 (`2026-03-05T00:00:00+08:00`). */
  published: string;
  /** Escaped HTML body listing the models. */
  html: string;
  /** Plain-text body with the same content. */
  text: string;
}

/** How items are built. */
export interface ItemOptions {
  /** Normalised site base URL (see `normaliseSiteUrl`). */
  siteUrl: string;
  /** Where model pages are (default: plain paths, no case twins told apart). */
  paths?: ModelPaths;
  /** A model's newest known record, to say what kind of model it is (default: none). */
  records?: RecordLookup;
  /** Prefix of each item's id before the date (default `changes-`); each feed pair has its own. */
  idPrefix?: string;
  /** Which events to include (default: all); days left with none are skipped. */
  include?: (event: ChangeEvent) => boolean;
  /** Newest days kept (default 100). */
  maxItems?: number;
  /** Models listed per item before "…and N more" (default 100), keeping a big day's item readable. */
  maxModelsPerItem?: number;
  /**
   * Stop adding older items once their HTML and text exceed this many UTF-16 units (default 250,000, the
   * JSON Feed spec's "fine" size; readers poll feeds often). The newest item is always kept.
   */
  maxContentSize?: number;
}

export const DEFAULT_MAX_ITEMS = 100;
export const DEFAULT_MAX_MODELS_PER_ITEM = 100;
export const DEFAULT_MAX_CONTENT_SIZE = 250_000;

/** Kinds in the order events are sorted and listed. */
const KINDS: readonly EventKind[] = EVENT_KINDS;

const HEADING: Readonly<Record<EventKind, [one: string, many: string]>> = {
  entered: ['model entered the list', 'models entered the list'],
  returned: ['model returned to the list', 'models returned to the list'],
  renamed: ['model was renamed', 'models were renamed'],
  left: ['model left the list', 'models left the list'],
  served: ['id is now served by the OpenAI-compatible API', 'ids are now served by the OpenAI-compatible API'],
  'served-again': ['id is served again by the OpenAI-compatible API', 'ids are served again by the OpenAI-compatible API'],
  unserved: ['id is no longer served by the OpenAI-compatible API', 'ids are no longer served by the OpenAI-compatible API'],
};

/** Kind words in item titles: `3 entered, 1 no longer served`. */
const TITLE_WORD: Readonly<Record<EventKind, string>> = {
  entered: 'entered',
  returned: 'returned',
  renamed: 'renamed',
  left: 'left',
  served: 'served',
  'served-again': 'served again',
  unserved: 'no longer served',
};

/** `1 like`, `2 likes`, `1,000 downloads`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Item title from counts, kinds in list order, zero counts left out: `3 entered, 1 left`. */
export function changeTitle(counts: Readonly<Record<EventKind, number>>): string {
  const parts = KINDS.filter((kind) => counts[kind] > 0).map((kind) => `${formatCount(counts[kind])} ${TITLE_WORD[kind]}`);
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}

/** `2026-03-05` → `2026-03-05T00:00:00+08:00` (ModelScope's day starts in Shanghai). */
export function shanghaiMidnight(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** The sentence about nights without a snapshot, or `undefined` when there were none. */
export function gapNote(missing: readonly string[]): string | undefined {
  const first = missing[0];
  const last = missing.at(-1);
  if (first === undefined || last === undefined) return undefined;
  if (missing.length === 1) return `no data for ${first}`;
  if (missing.length === 2) return `no data for ${first} and ${last}`;
  return `no data for ${first} to ${last} (${missing.length} nights)`;
}

function introSentence(day: ObservedDay): string {
  if (day.previous === null) return `Observed on ${day.date}.`;
  const gap = gapNote(day.missing);
  const compared = `Observed on ${day.date}, compared with the snapshot of ${day.previous}`;
  return gap === undefined ? `${compared}.` : `${compared}; ${gap}, so these changes happened at some point in between.`;
}

function statsText(event: ChangeEvent): string {
  if (event.likes === null || event.downloads === null) return 'not on the catalog list';
  const stats = `${plural(event.likes, 'like')}, ${plural(event.downloads, 'download')}`;
  const when = event.kind === 'left' || event.kind === 'unserved' ? `${stats} when last seen` : stats;
  return event.from === undefined ? when : `renamed from ${event.from}; ${when}`;
}

/**
 * What kind of model it is, for a reader deciding whether it matters to them: served by the
 * OpenAI-compatible API, or a LoRA and what it builds on. `undefined` when there is nothing to add.
 */
export function kindText(record: ModelRecord | undefined): string | undefined {
  if (record === undefined) return undefined;
  if (record.openaiApi) return 'served by the OpenAI-compatible API';
  if (record.aigcType !== '') {
    const family = record.visionFoundation !== '' ? ` for ${record.visionFoundation}` : '';
    const base = record.baseModels[0] === undefined ? '' : ` (base ${record.baseModels[0].id})`;
    return `${record.aigcType}${family}${base}`;
  }
  return undefined;
}

function renderDay(day: ObservedDay, events: readonly ChangeEvent[], siteUrl: string, maxModels: number, paths: ModelPaths, records: RecordLookup) {
  const dayUrl = changesDayUrl(siteUrl, day.date);
  const intro = introSentence(day);
  const html: string[] = [`<p>${escapeHtml(intro)}</p>`];
  const text: string[] = [intro];
  let budget = maxModels;
  for (const kind of KINDS) {
    const ofKind = events.filter((event) => event.kind === kind);
    if (ofKind.length === 0) continue;
    const [one, many] = HEADING[kind];
    const heading = `${formatCount(ofKind.length)} ${ofKind.length === 1 ? one : many}`;
    const shown = ofKind.slice(0, Math.max(0, budget));
    budget -= shown.length;
    html.push(`<h3>${escapeHtml(heading)}</h3>`, '<ul>');
    text.push('', `${heading}:`);
    for (const event of shown) {
      const page = modelPageUrl(siteUrl, event.id, paths);
      const upstream = modelScopeUrl(event.id);
      // A gateway event's heading already says where the id answers; a catalog event says what the model is.
      const kind = GATEWAY_KINDS.has(event.kind) ? undefined : kindText(records(event.id));
      const stats = kind === undefined ? statsText(event) : `${kind}; ${statsText(event)}`;
      html.push(
        `<li><a href="${escapeHtml(page)}"><bdi>${htmlText(event.id)}</bdi></a>: ${htmlText(stats)}` +
          ` (<a href="${escapeHtml(upstream)}">on ModelScope</a>)</li>`,
      );
      text.push(`- ${visibleText(event.id)}: ${visibleText(stats)}`, `  ${page}`, `  ${upstream}`);
    }
    const hidden = ofKind.length - shown.length;
    if (hidden > 0) {
      const more = `…and ${formatCount(hidden)} more`;
      html.push(`<li><a href="${escapeHtml(dayUrl)}">${escapeHtml(more)}</a></li>`);
      text.push(`- ${more}: ${dayUrl}`);
    }
    html.push('</ul>');
  }
  return { html: html.join('\n'), text: text.join('\n') };
}

/** How many events of each kind. */
export function countKinds(events: readonly ChangeEvent[]): Record<EventKind, number> {
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<EventKind, number>;
  for (const event of events) counts[event.kind] += 1;
  return counts;
}

/** A day's counts by kind, from its log entry. */
export function dayCounts(day: ObservedDay): Record<EventKind, number> {
  return Object.fromEntries(KINDS.map((kind) => [kind, day[DAY_COUNT_OF[kind]]])) as Record<EventKind, number>;
}

/** Feed items from the event log: one per observed day with ≥ 1 event, newest first, capped by count and size. */
export function changeItems(log: EventLog, options: ItemOptions): ChangeItem[] {
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const maxModels = options.maxModelsPerItem ?? DEFAULT_MAX_MODELS_PER_ITEM;
  const maxSize = options.maxContentSize ?? DEFAULT_MAX_CONTENT_SIZE;
  let size = 0;
  const byDate = new Map<string, ChangeEvent[]>();
  for (const event of log.events) {
    if (options.include !== undefined && !options.include(event)) continue;
    const list = byDate.get(event.date);
    if (list === undefined) byDate.set(event.date, [event]);
    else list.push(event);
  }
  const days = [...log.days].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const items: ChangeItem[] = [];
  for (const day of days) {
    if (items.length >= maxItems) break;
    const events = byDate.get(day.date);
    if (events === undefined || events.length === 0) continue;
    const sorted = [...events].sort((a, b) => compareIds(a.id, b.id));
    const counts = countKinds(sorted);
    const { html, text } = renderDay(day, sorted, options.siteUrl, maxModels, options.paths ?? PLAIN_PATHS, options.records ?? (() => undefined));
    size += html.length + text.length;
    if (items.length > 0 && size > maxSize) break;
    items.push({
      id: `${options.idPrefix ?? 'changes-'}${day.date}`,
      date: day.date,
      url: changesDayUrl(options.siteUrl, day.date),
      title: changeTitle(counts),
      published: shanghaiMidnight(day.date),
      html,
      text,
    });
  }
  return items;
}
