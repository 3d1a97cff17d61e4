// Build side of the catalog search (runs at build time; no DOM, no Node APIs needed): turns the models
// into shard files the catalog page fetches lazily.
//
// Layout (format `msc-search/2`, field by field in `search-shard.ts`): shard 0 holds the top `topSize`
// models on the list — OpenAI-compatible first, then by downloads, then id — so the first keystrokes are
// answered from a small first download; shard 1 the rest of the list; the last shard the models that
// left, which the page fetches only when asked to show them (they pile up with every month of history,
// and are hidden by default). Each shard is one compact JSON object, standing alone:
//   header   format, part, parts, departedFrom (first shard of departed models), newest (the day "new"
//            counts back from), rows, signed (number columns holding negatives)
//   tables   owners (sorted, front-coded, with how many rows each has), tasks, bases, aigcs, families,
//            licenses, tagNames, kinds (the combinations [task positions, base, aigc, family, licence, tag positions] that
//            occur, the commonest first), words (names and Chinese names are written as references
//            into it) and spelled (the rare pieces of those texts)
//   dense    kind, names, zh, downloads, likes, age (newest − entered), growth (null = unknown),
//            gone (0 = listed) — numbers as compact base-45 text (encodeInts)
//   sparse   api (rows, as gaps), ids, href (`[row, value]` for the rare cases)
// Within a shard rows go by owner, then name: the owner column shrinks to one small count per owner,
// and a model's neighbours are its owner's other models, whose names repeat. Order in the file means
// nothing to the query, which keeps its own sort orders.
import { encodeInts, encodeWords, INT_COLUMNS, SHARD_FORMAT, type IntColumn, type SearchRow, type ShardJson } from './search-shard.ts';

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

/** The order of rows within a shard: owner, name, id, then everything else (so even twins have one order). */
function compareInShard(a: SearchRow, b: SearchRow): number {
  return byText(a.owner, b.owner) || byText(a.name, b.name) || byText(a.id, b.id) || byText(JSON.stringify(a), JSON.stringify(b));
}

/** One shard's JSON object. */
function encodeShard(group: readonly SearchRow[], header: Pick<ShardJson, 'part' | 'parts' | 'departedFrom' | 'newest'>): ShardJson {
  const { newest } = header;
  const rows = [...group].sort(compareInShard);
  // Kinds are numbered commonest first (ties by their text), so the common ones are one character.
  const keys = rows.map((row) => JSON.stringify([row.tasks, row.baseModel, row.aigcType, row.family, row.license, row.tags]));
  const uses = new Map<string, number>();
  const oneOfKind = new Map<string, SearchRow>();
  rows.forEach((row, r) => {
    const key = keys[r] ?? '';
    uses.set(key, (uses.get(key) ?? 0) + 1);
    if (!oneOfKind.has(key)) oneOfKind.set(key, row);
  });
  const tasks = table();
  const bases = table();
  const aigcs = table();
  const families = table();
  const licenses = table();
  const tagNames = table();
  const kindAt = new Map<string, number>();
  const kinds: ShardJson['kinds'] = [];
  for (const [key, row] of [...oneOfKind].sort(([a], [b]) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || byText(a, b))) {
    kindAt.set(key, kinds.length);
    kinds.push([row.tasks.map((task) => tasks.at(task)), bases.at(row.baseModel), aigcs.at(row.aigcType), families.at(row.family), licenses.at(row.license), row.tags.map((tag) => tagNames.at(tag))]);
  }
  // Owners: sorted (rows go by owner), each with its number of rows, written front-coded.
  const owners: string[] = [];
  const ownerRows: number[] = [];
  for (const row of rows) {
    const last = owners.length - 1;
    if (last >= 0 && owners[last] === row.owner) ownerRows[last] = (ownerRows[last] ?? 0) + 1;
    else {
      owners.push(row.owner);
      ownerRows.push(0);
    }
  }
  const ownerShare = owners.map((owner, i) => sharedPrefix(owners[i - 1] ?? '', owner));
  // Names in two slots (first words apart) gzip up to a tenth smaller than in one; Chinese names, often
  // repeated whole, do best in one. (More slots helped the benchmark's regular names, not messier ones.)
  const words = encodeWords([rows.map((row) => row.name), rows.map((row) => row.chineseName)], [2, 1]);
  const ints: Record<IntColumn, (number | null)[]> = {
    kind: keys.map((key) => kindAt.get(key) ?? 0),
    downloads: rows.map((row) => row.downloads),
    likes: rows.map((row) => row.likes),
    age: rows.map((row) => newest - row.entered),
    growth: rows.map((row) => row.growth7),
    gone: rows.map((row) => (row.onList ? 0 : row.left === null ? 1 : newest - row.left + 2)),
  };
  const signed = INT_COLUMNS.filter((column) => ints[column].some((value) => value !== null && value < 0));
  const column = (name: IntColumn): string => encodeInts(ints[name], signed.includes(name));
  const api: number[] = [];
  const ids: ShardJson['ids'] = [];
  const href: ShardJson['href'] = [];
  let lastApi = -1;
  for (const [r, row] of rows.entries()) {
    if (row.openaiApi) {
      api.push(r - lastApi - 1);
      lastApi = r;
    }
    if (row.id !== `${row.owner}/${row.name}`) ids.push([r, row.id]);
    if (row.href !== null) href.push([r, row.href]);
  }
  return {
    format: SHARD_FORMAT, ...header, rows: rows.length,
    owners: owners.map((owner, i) => owner.slice(ownerShare[i] ?? 0)), ownerShare: encodeInts(ownerShare, false), ownerRows: encodeInts(ownerRows, false),
    tasks: tasks.values, bases: bases.values, aigcs: aigcs.values, families: families.values, licenses: licenses.values, tagNames: tagNames.values, kinds,
    kind: column('kind'), words: words.words, names: words.columns[0] ?? [], zh: words.columns[1] ?? [], spelled: words.spelled,
    downloads: column('downloads'), likes: column('likes'), age: column('age'), growth: column('growth'), gone: column('gone'),
    signed, api: encodeInts(api, false), ids, href,
  };
}

/** Code units `text` shares with the start of `previous`, never ending inside a surrogate pair. */
function sharedPrefix(previous: string, text: string): number {
  let k = 0;
  while (k < previous.length && k < text.length && previous.charCodeAt(k) === text.charCodeAt(k)) k++;
  // A high surrogate shared alone would leave its low half at the start of the stored rest.
  const last = text.charCodeAt(k - 1);
  return k > 0 && last >= 0xd800 && last <= 0xdbff ? k - 1 : k;
}
