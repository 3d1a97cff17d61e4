// What the catalog page is built from: one search row per model ever seen, the rows shown before any
// script runs, and the filter choices with their counts. Build side only (reads SiteInputs).
import type { SiteInputs } from '../../../../publish/inputs.ts';
import { valueOn } from '../../../../store/tracks.ts';
import { modelPageHref } from '../../../../publish/pages.ts';
import type { ModelRecord } from '../../../../store/record.ts';
import type { Track } from '../../../../store/types.ts';
import { PLAIN_SEGMENT } from './catalog-format.ts';
import type { SearchRow } from '../search/search-shard.ts';
import { leftOnDay } from '../model/stays.ts';
import { checkedDayNumber } from '../../../../store/days.ts';


/** `value` to three significant figures (12,345 → 12,300; anything under 1,000 is exact). */
export function threeFigures(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude < 1000) return value;
  const step = 10 ** (Math.floor(Math.log10(magnitude)) - 2);
  return Math.round(value / step) * step;
}

/**
 * Downloads gained over the 7 days up to `lastDay`, to three significant figures (exact figures made the
 * search data 4% bigger, past its budget, for digits no one ranks by); `null` for a model first seen within them.
 */
export function growth7(track: Track, lastDay: number): number | null {
  const before = valueOn(track.downloads, lastDay - 7);
  const now = valueOn(track.downloads, lastDay);
  return before === undefined || now === undefined || (track.presence[0] ?? lastDay) > lastDay - 7 ? null : threeFigures(now - before);
}

/** Tags kept per row, and characters per tag: enough for what people search by, within the search data budget. */
const MAX_TAGS = 6;
const MAX_TAG_LENGTH = 40;

/**
 * The tags a row is searchable by: the curated tags' English and Chinese names (`Photography`, `写实摄影`),
 * each once (case and width aside), leaving out those the row's id, Chinese name, tasks, AIGC type or
 * family already hold. Upstream's free tags are not included: they come in near-random combinations, and
 * at 60,000 models they cost 143 KB of search data (gzip) against a budget with 9 KB to spare; curated
 * tags, a handful of values, cost 5 KB.
 */
export function searchTags(record: Pick<ModelRecord, 'id' | 'chineseName' | 'tasks' | 'aigcType' | 'visionFoundation' | 'tags' | 'officialTags'>): string[] {
  const fold = (text: string): string => text.normalize('NFKC').toLowerCase().trim();
  const known = fold([record.id, record.chineseName, ...record.tasks, record.aigcType, record.visionFoundation].join('\n'));
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const tag of record.officialTags.flatMap((t) => [t.name, t.chineseName])) {
    const text = tag.trim().slice(0, MAX_TAG_LENGTH).trim();
    const key = fold(text);
    if (key === '' || seen.has(key) || known.includes(key)) continue;
    seen.add(key);
    tags.push(text);
    if (tags.length === MAX_TAGS) break;
  }
  return tags;
}

/** The page path of a model when the browser cannot derive it from the id, else `null`. */
function pageHref(id: string, record: ModelRecord | undefined, inputs: SiteInputs): string | null {
  const slash = id.indexOf('/');
  const owner = record?.owner ?? id.slice(0, slash);
  const name = record?.name ?? id.slice(slash + 1);
  const [o, n] = inputs.paths.segments(id);
  // Names the browser turns into a link by itself (catalog-format.ts) need no stored path.
  if (PLAIN_SEGMENT.test(owner) && PLAIN_SEGMENT.test(name) && o === owner && n === name) return null;
  return modelPageHref(id, inputs.paths);
}

/** The search row of every model ever seen (left ones with what their last known record says). */
export function searchRows(inputs: SiteInputs): SearchRow[] {
  const lastDay = checkedDayNumber(inputs.latest?.date ?? '1970-01-01');
  const observed = inputs.log.days.map((day) => checkedDayNumber(day.date));
  const rows: SearchRow[] = [];
  for (const [id, track] of inputs.tracks) {
    // The catalog searches the catalog list: an id only the gateway ever served has its page, not a row.
    if (track.presence.length === 0) continue;
    const current = inputs.records.get(id);
    const record = current ?? inputs.lastKnown.get(id);
    const slash = id.indexOf('/');
    const last = track.presence.length - 1;
    const to = track.presence[last] as number;
    rows.push({
      id,
      owner: record?.owner ?? id.slice(0, slash),
      name: record?.name ?? id.slice(slash + 1),
      chineseName: record?.chineseName ?? '',
      tasks: record?.tasks ?? [],
      baseModel: record?.baseModels[0]?.id ?? '',
      aigcType: record?.aigcType ?? '',
      family: record?.visionFoundation ?? '',
      license: record?.license ?? '',
      tags: record === undefined ? [] : searchTags(record),
      openaiApi: record?.openaiApi ?? false,
      onList: current !== undefined,
      entered: track.presence[last - 1] as number,
      left: current !== undefined ? null : leftOnDay(to, observed),
      likes: current?.likes ?? valueOn(track.likes, to) ?? 0,
      downloads: current?.downloads ?? valueOn(track.downloads, to) ?? 0,
      growth7: current === undefined ? null : growth7(track, lastDay),
      href: pageHref(id, record, inputs),
    });
  }
  return rows;
}

/** Most downloads first, ties by id (code units): the catalog's default order, as search-order.ts sorts it. */
export function compareDownloads(a: SearchRow, b: SearchRow): number {
  if (a.downloads !== b.downloads) return b.downloads - a.downloads;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The rows the static page lists: the first `count` on the list in the default order (downloads), so
 * the page before any script is page 1 of the order its header names, row for row as the script draws it.
 */
export function topRows(rows: readonly SearchRow[], count: number): SearchRow[] {
  return rows.filter((row) => row.onList).sort(compareDownloads).slice(0, count);
}

/** One choice of a filter and how many models on the list have it. */
export interface FacetChoice {
  value: string;
  count: number;
}

/** The filter choices, most common first. */
export interface Facets {
  tasks: FacetChoice[];
  aigcTypes: FacetChoice[];
  families: FacetChoice[];
  licenses: FacetChoice[];
}

function count(values: Iterable<string>): FacetChoice[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

/** Filter choices over the models on the list. */
export function facets(rows: readonly SearchRow[]): Facets {
  const on = rows.filter((row) => row.onList);
  return {
    tasks: count(on.flatMap((row) => row.tasks)),
    aigcTypes: count(on.map((row) => row.aigcType)),
    families: count(on.map((row) => row.family)),
    licenses: count(on.map((row) => row.license)),
  };
}
