// The catalog search's wire format, shared by the build side (`search-index.ts`) and the browser side
// (`search-decode.ts`): the row type, the shard type and the number-column codec, defined once.
//
// A shard is one compact JSON object whose rows are stored column by column (see `ShardJson`): a
// column of owner numbers or download counts gzips far better than row objects, and the browser turns
// the number columns straight into typed arrays. Repeated strings (owners, tasks, base models, AIGC
// types, families, licences) live once in per-shard tables; the five "kind" fields of a row (task
// list, base model, AIGC type, family, licence) are one position in a table of the combinations that
// occur (a few hundred), since they go together. Rows are grouped by kind, then by downloads, which
// keeps the number columns and the names next to similar ones — what gzip feeds on.

/** One model as the catalog search knows it: the build's input and the query's output row. */
export interface SearchRow {
  /** "owner/name", upstream text (any Unicode, possibly hostile HTML). */
  id: string;
  /** Owner (namespace) part of the id. */
  owner: string;
  /** Name part of the id. */
  name: string;
  /** Chinese display name, '' when none. */
  chineseName: string;
  /** Upstream task ids, e.g. ['text-to-image-synthesis']; may be empty. */
  tasks: string[];
  /** First base model id, '' when none. */
  baseModel: string;
  /** 'LoRA' | 'Checkpoint' | '' … */
  aigcType: string;
  /** Vision foundation such as 'FLUX_1', '' when none. */
  family: string;
  /** Licence id such as 'apache-2.0', '' when none. */
  license: string;
  /** Served by the OpenAI-compatible gateway. */
  openaiApi: boolean;
  /** false = the model left the list (a tombstone). */
  onList: boolean;
  /** Day number (days since 1970-01-01 UTC) of the most recent entry or return. */
  entered: number;
  /** Day number it left, null while on the list. */
  left: number | null;
  /** Likes upstream. */
  likes: number;
  /** Downloads upstream. */
  downloads: number;
  /** Downloads gained over the last 7 days, null when unknown. */
  growth7: number | null;
  /** Page path under the language prefix when not the plain `models/<owner>/<name>/`, else null. */
  href: string | null;
}

/** The `format` tag of every shard; bump it when the layout changes so stale caches fail loudly. */
export const SHARD_FORMAT = 'msc-search/1';

/** One shard file as JSON. Row r of the shard is entry r of every dense column. */
export interface ShardJson {
  /** Always SHARD_FORMAT. */
  format: string;
  /** This shard's position, 0 = the top models on the list. */
  part: number;
  /** How many shards the index has in all. */
  parts: number;
  /** The first shard holding models that left the list (they come last, and only then); `parts` when none. */
  departedFrom: number;
  /** Day number of the newest snapshot (never before any row's days): "new in the last 7 days" counts back from it. */
  newest: number;
  /** Rows in this shard. */
  rows: number;
  /** Distinct owners, most rows first (ties in code-unit order): the common ones get the shortest numbers. */
  owners: string[];
  /** Distinct task ids. */
  tasks: string[];
  /** Distinct base model ids, AIGC types, families and licences ('' included when used). */
  bases: string[];
  aigcs: string[];
  families: string[];
  licenses: string[];
  /** Distinct kinds: [task positions, base, aigc, family, licence] (positions in the tables above). */
  kinds: [number[], number, number, number, number][];
  /** Dense, as `encodeInts` text (unsigned unless said): position in `kinds`. */
  kind: string;
  /** Dense ints: position in `owners`. */
  owner: string;
  /** Dense: model names joined by '\n' (a name holding '\n' is '' here and listed in `texts`). */
  names: string;
  /** Dense: Chinese names ('' for none) joined by '\n', likewise. */
  zh: string;
  /** Dense ints, signed: downloads, each the difference from the previous row's (rows go by downloads within a kind). */
  downloads: string;
  /** Dense ints: likes. */
  likes: string;
  /** Dense ints: `newest - entered` (small numbers). */
  age: string;
  /** Dense ints, signed: 7-day download growth, null when unknown. */
  growth: string;
  /** Dense ints: 0 = on the list, 1 = left (day unknown), k ≥ 2 = left on day `newest - (k - 2)`. */
  gone: string;
  /** Sparse: rows served by the OpenAI-compatible gateway. */
  api: number[];
  /** Sparse: rows whose id is not `owner + '/' + name`, with the id. */
  ids: [number, string][];
  /** Sparse: rows with a page path of their own. */
  href: [number, string][];
  /** Sparse: names ('n') and Chinese names ('z') that hold a line break, so could not be joined. */
  texts: [number, 'n' | 'z', string][];
}

// Integer columns are text, one number after another with no separator, each in base 32, most
// significant digit first: the last digit of a number comes from FINAL, the others from MORE, and '.'
// stands for null. Signed columns hold the zigzag form (0, -1, 1, -2… → 0, 1, 2, 3…); unsigned ones
// save that bit. About 10% smaller than JSON arrays after gzip, and plain ASCII JSON never escapes.
const MORE = 'abcdefghijklmnopqrstuvwxyz012345';
const FINAL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ6789-_';
const NULL = '.';
// Larger magnitudes would lose precision on the way back (2^53 is the last exact double).
const MAX_STORED = 2 ** 51;

/** Integers (and nulls) as one string; `signed` = may hold negatives. Throws on anything else. */
export function encodeInts(values: readonly (number | null)[], signed: boolean): string {
  let text = '';
  for (const value of values) {
    if (value === null) {
      text += NULL;
      continue;
    }
    if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_STORED || (value < 0 && !signed)) {
      throw new RangeError(`search shard: ${value} is not an integer this column can store`);
    }
    let z = !signed ? value : value < 0 ? -2 * value - 1 : 2 * value;
    let digits = FINAL[z % 32] ?? '';
    z = Math.floor(z / 32);
    while (z > 0) {
      digits = (MORE[z % 32] ?? '') + digits;
      z = Math.floor(z / 32);
    }
    text += digits;
  }
  return text;
}

// Character code → digit value, and whether it ends a number; built once.
const DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d < 32; d++) {
  DIGIT[MORE.charCodeAt(d)] = d;
  DIGIT[FINAL.charCodeAt(d)] = d + 32;
}

/** The `count` numbers of an `encodeInts` text (null → NaN), or undefined when the text does not hold exactly that many. */
export function decodeInts(text: string, count: number, signed: boolean): Float64Array | undefined {
  const values = new Float64Array(count);
  let n = 0;
  let z = 0;
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit: number = code === 46 ? (open ? -1 : 64) : (DIGIT[code] ?? -1);
    if (digit < 0 || (digit >= 32 && n >= count)) return undefined;
    if (digit === 64) {
      values[n++] = Number.NaN;
      continue;
    }
    z = z * 32 + (digit & 31);
    open = digit < 32;
    if (!open) {
      values[n++] = !signed ? z : z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      z = 0;
    }
  }
  return n === count && !open ? values : undefined;
}
