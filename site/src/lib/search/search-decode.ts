// Turns shard files (see `search-shard.ts`) into the in-memory columnar index the catalog page scans.
// Browser-safe: no Node APIs. Appending a shard makes a new index (the old one stays valid), merging
// the shard's tables into the index's so every string and every kind still lives once.
import { countInts, decodeInts, decodeWords, INT_COLUMNS, SHARD_FORMAT, type IntColumn, type ShardJson } from './search-shard.ts';

/** A row's kind with positions in the index's merged tables: [tasks, base, aigc, family, licence]. */
export type Kind = readonly [tasks: readonly number[], base: number, aigc: number, family: number, license: number, tags: readonly number[]];

/** The decoded index: one entry per model in every column. */
export interface SearchIndex {
  /** Newest day number in the index; "new in the last 7 days" counts back from it. */
  readonly newest: number;
  /** Rows decoded so far. */
  readonly size: number;
  /** Shards decoded so far. */
  readonly loaded: number;
  /** Shards the index has in all, and the first of those holding departed models (as the shards say). */
  readonly parts: number;
  readonly departedFrom: number;
  /** Merged string tables: owners and their normalised forms (for the owner filter), tasks, bases, AIGC types, families, licences. */
  readonly owners: readonly string[];
  readonly ownerKeys: readonly string[];
  readonly tasks: readonly string[];
  readonly bases: readonly string[];
  readonly aigcs: readonly string[];
  readonly families: readonly string[];
  readonly licenses: readonly string[];
  readonly tagNames: readonly string[];
  /** Merged kinds. */
  readonly kinds: readonly Kind[];
  /** Text columns: id, name, Chinese name ('' when none), page path (null = the plain one). */
  readonly id: readonly string[];
  readonly name: readonly string[];
  readonly zh: readonly string[];
  readonly href: readonly (string | null)[];
  /** Search text per row, normalised: owner/name, the id if it differs, Chinese name. */
  readonly hay: readonly string[];
  /** Search text per kind, normalised: its tasks, base model, AIGC type, family, licence and tags (shared by all rows of the kind). */
  readonly kindHay: readonly string[];
  /** Table positions per row. */
  readonly owner: Uint32Array;
  readonly kind: Uint32Array;
  /** 1 = served by the OpenAI-compatible gateway / left the list. */
  readonly api: Uint8Array;
  readonly gone: Uint8Array;
  /** Numbers per row; NaN in `growth` = unknown, in `left` = on the list or day unknown. */
  readonly downloads: Float64Array;
  readonly likes: Float64Array;
  readonly growth: Float64Array;
  readonly entered: Int32Array;
  readonly left: Float64Array;
  /** Row orders, computed by the query on first use (derived data, keyed by sort). */
  readonly orders: Map<string, Uint32Array>;
}

/** Search text as the index and the query both see it: NFKC (full-width → ASCII, ligatures split), lower case. */
export function normaliseText(text: string): string {
  // normalize() is the costly half; most ids are plain ASCII, which NFKC leaves as it is.
  return (/[^\u0000-\u007f]/.test(text) ? text.normalize('NFKC') : text).toLowerCase();
}

/** The index before any shard: no rows. */
export function emptyIndex(): SearchIndex {
  return {
    newest: 0, size: 0, loaded: 0, parts: 0, departedFrom: 0,
    owners: [], ownerKeys: [], tasks: [], bases: [], aigcs: [], families: [], licenses: [], tagNames: [], kinds: [],
    id: [], name: [], zh: [], href: [], hay: [], kindHay: [],
    owner: new Uint32Array(0), kind: new Uint32Array(0), api: new Uint8Array(0), gone: new Uint8Array(0),
    downloads: new Float64Array(0), likes: new Float64Array(0), growth: new Float64Array(0),
    entered: new Int32Array(0), left: new Float64Array(0), orders: new Map(),
  };
}

/** A shard's columns, decoded: the JSON with its owner, text and number columns unpacked. */
export interface ParsedShard {
  /** The JSON as read. */
  shard: ShardJson;
  /** The shard's owners, whole, and each row's position among them. */
  owners: string[];
  owner: Uint32Array;
  /** Names and Chinese names, one per row. */
  names: string[];
  zh: string[];
  /** Number columns, one per row (NaN = null). */
  ints: Readonly<Record<IntColumn, Float64Array>>;
  /** Rows served by the OpenAI-compatible gateway, ascending. */
  api: number[];
}

/** Parses one shard's JSON text, checking its tag and that every column has one entry per row. */
export function parseShard(text: string): ParsedShard {
  const json: unknown = JSON.parse(text);
  if (typeof json !== 'object' || json === null || !('format' in json) || json.format !== SHARD_FORMAT) {
    throw new Error(`search shard: expected format ${SHARD_FORMAT}`);
  }
  const shard = json as ShardJson;
  const fail = (): never => {
    throw new Error(`search shard ${String(shard.part)}: columns do not match its ${String(shard.rows)} rows`);
  };
  const n = shard.rows;
  if (!Number.isInteger(n) || n < 0) fail();
  const lists = [shard.owners, shard.tasks, shard.bases, shard.aigcs, shard.families, shard.licenses, shard.tagNames, shard.kinds, shard.words, shard.spelled, shard.signed, shard.ids, shard.href];
  if (!lists.every(Array.isArray)) fail();
  const ints = (value: unknown, count: number, signed: boolean): Float64Array => (typeof value === 'string' ? decodeInts(value, count, signed) : undefined) ?? fail();
  // Owners: front-coded, then expanded to one position per row (rows go by owner).
  const owners: string[] = [];
  const share = ints(shard.ownerShare, shard.owners.length, false);
  for (const [i, rest] of shard.owners.entries()) owners.push((owners[i - 1] ?? '').slice(0, share[i] ?? 0) + String(rest));
  const runs = ints(shard.ownerRows, owners.length, false);
  const owner = new Uint32Array(n);
  let r = 0;
  for (let o = 0; o < owners.length; o++) {
    const end = r + (runs[o] ?? 0) + 1;
    if (end > n) fail();
    owner.fill(o, r, end);
    r = end;
  }
  if (r !== n) fail();
  const next = { at: 0 };
  const words = (value: unknown): string[] => decodeWords(value, n, shard.words, shard.spelled, next) ?? fail();
  const names = words(shard.names);
  const zh = words(shard.zh);
  if (next.at !== shard.spelled.length) fail();
  const signed = new Set<string>(shard.signed);
  const columns = Object.fromEntries(INT_COLUMNS.map((key) => [key, ints(shard[key], n, signed.has(key))])) as ParsedShard['ints'];
  const api: number[] = [];
  if (typeof shard.api !== 'string') fail();
  let row = -1;
  for (const gap of ints(shard.api, countInts(shard.api), false)) {
    row += gap + 1;
    if (row >= n) fail();
    api.push(row);
  }
  return { shard, owners, owner, names, zh, ints: columns, api };
}

/** A string table merged into `into`: the merged table and each local position's merged position. */
function mergeTable(into: readonly string[], local: readonly string[]): { table: string[]; map: number[] } {
  const table = [...into];
  const positions = new Map<string, number>();
  for (let i = 0; i < table.length; i++) positions.set(table[i] ?? '', i);
  const map = local.map((value) => {
    let position = positions.get(value);
    if (position === undefined) {
      position = table.push(value) - 1;
      positions.set(value, position);
    }
    return position;
  });
  return { table, map };
}

/** `old` followed by room for `extra` more entries (zeros). */
function grown<T extends Uint32Array | Uint8Array | Int32Array | Float64Array>(old: T, extra: number, make: (n: number) => T): T {
  const next = make(old.length + extra);
  next.set(old);
  return next;
}

const u32 = (n: number): Uint32Array => new Uint32Array(n);
const u8 = (n: number): Uint8Array => new Uint8Array(n);
const f64 = (n: number): Float64Array => new Float64Array(n);

/** The index with one more shard's rows after its own (from the shard's JSON text). */
export function appendShard(index: SearchIndex, text: string): SearchIndex {
  const { shard: s, owners: shardOwners, owner: ownerOfRow, names, zh, ints, api } = parseShard(text);
  const n = s.rows;
  const at = index.size;
  const owners = mergeTable(index.owners, shardOwners);
  const tasks = mergeTable(index.tasks, s.tasks);
  const bases = mergeTable(index.bases, s.bases);
  const aigcs = mergeTable(index.aigcs, s.aigcs);
  const families = mergeTable(index.families, s.families);
  const licenses = mergeTable(index.licenses, s.licenses);
  const tagNames = mergeTable(index.tagNames, s.tagNames);
  // Kinds are merged by their text form, in merged positions.
  const local = s.kinds.map(([t, b, a, f, l, g]): Kind => [t.map((k) => tasks.map[k] ?? 0), bases.map[b] ?? 0, aigcs.map[a] ?? 0, families.map[f] ?? 0, licenses.map[l] ?? 0, (Array.isArray(g) ? g : []).map((k) => tagNames.map[k] ?? 0)]);
  const kindKeys = mergeTable(index.kinds.map((kind) => JSON.stringify(kind)), local.map((kind) => JSON.stringify(kind)));
  const kinds = kindKeys.table.map((key) => JSON.parse(key) as Kind);
  const id = [...index.id];
  const href: (string | null)[] = [...index.href, ...new Array<null>(n).fill(null)];
  const hay = [...index.hay];
  const next: SearchIndex = {
    newest: Math.max(index.newest, s.newest), size: at + n, loaded: index.loaded + 1, parts: s.parts, departedFrom: s.departedFrom,
    owners: owners.table, ownerKeys: [...index.ownerKeys, ...owners.table.slice(index.ownerKeys.length).map(normaliseText)], tasks: tasks.table, bases: bases.table,
    aigcs: aigcs.table, families: families.table, licenses: licenses.table, tagNames: tagNames.table, kinds,
    id, name: [...index.name, ...names], zh: [...index.zh, ...zh], href, hay,
    kindHay: kinds.map(([taskList, base, aigc, family, license, tags]) => normaliseText([
      ...taskList.map((t) => tasks.table[t] ?? ''), bases.table[base] ?? '', aigcs.table[aigc] ?? '', families.table[family] ?? '',
      licenses.table[license] ?? '', ...tags.map((t) => tagNames.table[t] ?? ''),
    ].join('\n'))),
    owner: grown(index.owner, n, u32), kind: grown(index.kind, n, u32), api: grown(index.api, n, u8), gone: grown(index.gone, n, u8),
    downloads: grown(index.downloads, n, f64), likes: grown(index.likes, n, f64), growth: grown(index.growth, n, f64),
    entered: grown(index.entered, n, (k) => new Int32Array(k)), left: grown(index.left, n, f64).fill(Number.NaN, at),
    orders: new Map(),
  };
  for (const [r, value] of s.href) href[at + r] = value;
  for (const r of api) next.api[at + r] = 1;
  const ids = new Map(s.ids);
  for (let r = 0; r < n; r++) {
    const i = at + r;
    const ownerAt = owners.map[ownerOfRow[r] ?? 0] ?? 0;
    const kindAt = kindKeys.map[ints.kind[r] ?? 0] ?? 0;
    next.owner[i] = ownerAt;
    next.kind[i] = kindAt;
    next.downloads[i] = ints.downloads[r] ?? 0;
    next.likes[i] = ints.likes[r] ?? 0;
    next.growth[i] = ints.growth[r] ?? Number.NaN;
    next.entered[i] = s.newest - (ints.age[r] ?? 0);
    const gone = ints.gone[r] ?? 0;
    if (gone !== 0) {
      next.gone[i] = 1;
      if (gone > 1) next.left[i] = s.newest - (gone - 2);
    }
    // Owner and name are searched as `owner/name`, so a term like `kookyan/kook` matches across the slash.
    const plainId = `${owners.table[ownerAt] ?? ''}/${names[r] ?? ''}`;
    const ownId = ids.get(r);
    id.push(ownId ?? plainId);
    const chinese = zh[r] ?? '';
    // Terms never hold a line break, so a row without a Chinese name needs no trailing one.
    const own = ownId === undefined ? plainId : `${plainId}\n${ownId}`;
    hay.push(normaliseText(chinese === '' ? own : `${own}\n${chinese}`));
  }
  return next;
}

/** The index of shards given in order (shard 0 first). */
export function decodeShards(texts: readonly string[]): SearchIndex {
  return texts.reduce(appendShard, emptyIndex());
}
