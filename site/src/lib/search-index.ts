// Build side of the catalog search (runs at build time; no DOM, no Node APIs needed): turns the models
// into shard files the catalog page fetches lazily.
//
// Layout (format `msc-search/1`, field by field in `search-shard.ts`): shard 0 holds the top `topSize`
// models on the list — OpenAI-compatible first, then by downloads, then id — so the first keystrokes are
// answered from ~85 KB; shard 1 the rest of the list; the last shard the models that left, which the
// page fetches only when asked to show them (they pile up with every month of history, and are hidden
// by default). Each shard is one compact JSON object, standing alone:
//   header   format, part, parts, departedFrom (first shard of departed models), newest (the day "new"
//            counts back from), rows
//   tables   owners (most rows first), tasks, bases, aigcs, families, licenses, and kinds: the
//            combinations [task positions, base, aigc, family, licence] that occur
//   dense    kind, owner (table positions), names and zh (joined by '\n'), downloads (delta from the
//            previous row), likes, age (newest − entered), growth (null = unknown), gone (0 = listed)
//            — the number columns as compact base-32 text (see encodeInts)
//   sparse   api (row list), ids, href, texts (`[row, value]` for the rare cases)
// Within a shard rows go by kind, then downloads (most first), then id: similar rows side by side make
// the columns gzip smaller than any other order tried. Order in the file means nothing to the query,
// which keeps its own sort orders.
import { encodeInts, SHARD_FORMAT, type SearchRow, type ShardJson } from './search-shard.ts';

export type { SearchRow } from './search-shard.ts';

/** Options of buildSearchShards. */
export interface SearchShardOptions {
  /** Rows in shard 0, the first download (default 5000). */
  topSize?: number;
  /** Day number of the newest snapshot, which "new in the last 7 days" counts back from (default: the latest entered or left day of any row). */
  newest?: number;
}

/** One file to write into the search directory. */
export interface SearchShardFile {
  /** File name, `search-<part>.json`. */
  name: string;
  /** Compact JSON text. */
  content: string;
}

/** The order of the shards: OpenAI-compatible first, then downloads (most first), then id. */
export function compareTop(a: SearchRow, b: SearchRow): number {
  if (a.openaiApi !== b.openaiApi) return a.openaiApi ? -1 : 1;
  if (a.downloads !== b.downloads) return b.downloads - a.downloads;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The search shards for `rows`: shard 0 = the top `topSize` on the list, then the rest of the list, then
 * the models that left (each left out when empty; shard 0 is always there). Deterministic: the same rows
 * in any order give byte-identical files.
 */
export function buildSearchShards(rows: readonly SearchRow[], options: SearchShardOptions = {}): SearchShardFile[] {
  const topSize = Math.max(0, Math.floor(options.topSize ?? 5000));
  const listed = rows.filter((row) => row.onList).sort(compareTop);
  const departed = rows.filter((row) => !row.onList).sort(compareTop);
  // Never before a row's own days: ages are stored as days back from it.
  const newest = Math.max(options.newest ?? 0, newestDay(rows));
  const groups = [listed.slice(0, topSize)];
  if (listed.length > topSize) groups.push(listed.slice(topSize));
  const departedFrom = groups.length;
  if (departed.length > 0) groups.push(departed);
  return groups.map((group, part) => ({
    name: `search-${part}.json`,
    content: JSON.stringify(encodeShard(group, { part, parts: groups.length, departedFrom, newest })),
  }));
}

/** The newest day any row mentions (0 for no rows). */
function newestDay(rows: readonly SearchRow[]): number {
  let newest = 0;
  for (const row of rows) newest = Math.max(newest, row.entered, row.left ?? 0);
  return newest;
}

/** Distinct strings in first-appearance order: `at` gives a string's position, adding it when new. */
interface Table {
  /** The distinct strings so far. */
  values: string[];
  /** Position of `value`. */
  at(value: string): number;
}

function table(): Table {
  const values: string[] = [];
  const positions = new Map<string, number>();
  return {
    values,
    at(value) {
      let position = positions.get(value);
      if (position === undefined) {
        position = values.push(value) - 1;
        positions.set(value, position);
      }
      return position;
    },
  };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One shard's JSON object. */
function encodeShard(group: readonly SearchRow[], header: Pick<ShardJson, 'part' | 'parts' | 'departedFrom' | 'newest'>): ShardJson {
  const { newest } = header;
  const tasks = table();
  const bases = table();
  const aigcs = table();
  const families = table();
  const licenses = table();
  // Kinds are numbered in the order of their text, so the row order below does not depend on the input order.
  const keys = new Map(group.map((row) => [row, JSON.stringify([row.tasks, row.baseModel, row.aigcType, row.family, row.license])]));
  const oneOfKind = new Map(group.map((row) => [keys.get(row) ?? '', row]));
  const kindAt = new Map<string, number>();
  const kinds: ShardJson['kinds'] = [];
  for (const [key, row] of [...oneOfKind].sort(([a], [b]) => byText(a, b))) {
    kindAt.set(key, kinds.length);
    kinds.push([row.tasks.map((task) => tasks.at(task)), bases.at(row.baseModel), aigcs.at(row.aigcType), families.at(row.family), licenses.at(row.license)]);
  }
  const kindOfRow = new Map(group.map((row) => [row, kindAt.get(keys.get(row) ?? '') ?? 0]));
  const kindOf = (row: SearchRow): number => kindOfRow.get(row) ?? 0;
  const rows = [...group].sort((a, b) => kindOf(a) - kindOf(b) || b.downloads - a.downloads || byText(a.id, b.id));
  const owners = byFrequency(rows.map((row) => row.owner));
  const ownerAt = new Map(owners.map((owner, i) => [owner, i]));
  // Number columns, written out with encodeInts at the end.
  const kind: number[] = [];
  const owner: number[] = [];
  const downloads: number[] = [];
  const likes: number[] = [];
  const age: number[] = [];
  const growth: (number | null)[] = [];
  const gone: number[] = [];
  const names: string[] = [];
  const zh: string[] = [];
  const api: number[] = [];
  const ids: ShardJson['ids'] = [];
  const href: ShardJson['href'] = [];
  const texts: ShardJson['texts'] = [];
  let previousDownloads = 0;
  for (const [r, row] of rows.entries()) {
    kind.push(kindOf(row));
    owner.push(ownerAt.get(row.owner) ?? 0);
    names.push(joinable(row.name, r, 'n', texts));
    zh.push(joinable(row.chineseName, r, 'z', texts));
    downloads.push(row.downloads - previousDownloads);
    previousDownloads = row.downloads;
    likes.push(row.likes);
    age.push(newest - row.entered);
    growth.push(row.growth7);
    gone.push(row.onList ? 0 : row.left === null ? 1 : newest - row.left + 2);
    if (row.openaiApi) api.push(r);
    if (row.id !== `${row.owner}/${row.name}`) ids.push([r, row.id]);
    if (row.href !== null) href.push([r, row.href]);
  }
  return {
    format: SHARD_FORMAT, ...header, rows: rows.length,
    owners, tasks: tasks.values, bases: bases.values, aigcs: aigcs.values, families: families.values, licenses: licenses.values, kinds,
    kind: encodeInts(kind, false), owner: encodeInts(owner, false), names: names.join('\n'), zh: zh.join('\n'),
    downloads: encodeInts(downloads, true), likes: encodeInts(likes, false), age: encodeInts(age, false),
    growth: encodeInts(growth, true), gone: encodeInts(gone, false), api, ids, href, texts,
  };
}

/** The distinct values, the most frequent first, ties in code-unit order. */
function byFrequency(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || byText(a, b));
}

/** `text` if it can be joined by line breaks; else '' and the text goes to `texts`. */
function joinable(text: string, row: number, column: 'n' | 'z', texts: ShardJson['texts']): string {
  if (!text.includes('\n')) return text;
  texts.push([row, column, text]);
  return '';
}
