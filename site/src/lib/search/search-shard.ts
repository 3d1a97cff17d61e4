// The catalog search's wire format, shared by the build side (`search-index.ts`) and the browser side
// (`search-decode.ts`): the row type, the shard type and the two codecs (numbers, and words), defined once.
//
// A shard is one compact JSON object whose rows are stored column by column (see `ShardJson`), each
// column written the way gzip takes it best: rows go by owner, then name, so the owner column is just
// how many rows each owner has, and the owners a list sorted and front-coded; names and Chinese names
// are sequences of one- or two-character references into a per-shard word table (gzip spends 15+ bits
// on a repeated word as a back-reference, 5–7 on a one-character symbol); numbers are short base-45
// text. Repeated strings (tasks, base models, AIGC types, families, licences) live once in per-shard
// tables, and the six "kind" fields of a row (task list, base model, AIGC type, family, licence, tags) are
// one position in a table of the combinations that occur, the commonest first, since they go together.
// Every free text travels inside JSON strings or string arrays, so any Unicode survives and none of it
// is ever more than plain data.

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
  /** Tags people search by (upstream free tags and curated tags' names), those the row's other text already holds left out. */
  tags: string[];
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
export const SHARD_FORMAT = 'msc-search/3';

/** The number columns of a shard (dense: one number per row). */
export const INT_COLUMNS = ['kind', 'downloads', 'likes', 'age', 'growth', 'gone'] as const;
export type IntColumn = (typeof INT_COLUMNS)[number];

/**
 * One shard file as JSON. Rows go by owner, then name (code-unit order); row r of the shard is entry r
 * of every dense column. "ints" = `encodeInts` text, "words" = `encodeWords` text.
 */
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
  /**
   * The distinct owners in code-unit order, front-coded: owner i is the first `ownerShare[i]` code units
   * of owner i − 1 followed by `owners[i]`.
   */
  owners: string[];
  /** Ints: code units each owner shares with the one before it (0 for the first). */
  ownerShare: string;
  /** Ints: rows of each owner, minus one (every owner listed has a row); the rows come in this order. */
  ownerRows: string;
  /** Distinct task ids. */
  tasks: string[];
  /** Distinct base model ids, AIGC types, families and licences ('' included when used). */
  bases: string[];
  aigcs: string[];
  families: string[];
  licenses: string[];
  /** Distinct tags. */
  tagNames: string[];
  /** Distinct kinds, the commonest first: [task positions, base, aigc, family, licence, tag positions] (positions in the tables above). */
  kinds: [number[], number, number, number, number, number[]][];
  /** Ints: position in `kinds`. */
  kind: string;
  /** The word table of `names` and `zh`, the most used first. */
  words: string[];
  /** Words, in slots (the build writes two: first words, then the rests): the model names. */
  names: string[];
  /** Words, in slots (the build writes one): the Chinese names ('' for none). */
  zh: string[];
  /** The pieces of text `names` and `zh` spell out (`~`) rather than look up, in order of use. */
  spelled: string[];
  /** Ints: downloads, likes. */
  downloads: string;
  likes: string;
  /** Ints: `newest - entered` (small numbers). */
  age: string;
  /** Ints: 7-day download growth, null ('.') when unknown. */
  growth: string;
  /** Ints: 0 = on the list, 1 = left (day unknown), k ≥ 2 = left on day `newest - (k - 2)`. */
  gone: string;
  /** The number columns stored in zigzag form because they hold negatives (0, -1, 1, -2… → 0, 1, 2, 3…). */
  signed: IntColumn[];
  /** Ints: rows served by the OpenAI-compatible gateway, each as the gap after the previous one (the first: its row). */
  api: string;
  /** Sparse: rows whose id is not `owner + '/' + name`, with the id. */
  ids: [number, string][];
  /** Sparse: rows with a page path of their own. */
  href: [number, string][];
}

// Integer columns are text, one number after another with no separator, each in base 45, most
// significant digit first: the last digit of a number comes from FINAL, the others from MORE, and '.'
// stands for null. Signed values are zigzagged by the caller's choice; unsigned ones save that bit.
// The 90 digits are printable ASCII other than '"', '\', '.', '~' and space, so JSON never escapes
// them and the word codec below has '~' and ' ' to itself. Small numbers are one character, and the
// digits being single symbols lets gzip's Huffman stage price each by how common it is.
const BASE = 45;
const MORE = "abcdefghijklmnopqrstuvwxyz!#$%&'()*+,-/:;<=>?";
const FINAL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@[]^_`{|}';
const NULL = '.';
// Larger magnitudes would lose precision on the way back (2^53 is the last exact double).
const MAX_STORED = 2 ** 51;

/** `value` (a safe integer ≥ 0) in digits. */
function digits(value: number): string {
  let z = value;
  let text = FINAL[z % BASE] ?? '';
  z = Math.floor(z / BASE);
  while (z > 0) {
    text = (MORE[z % BASE] ?? '') + text;
    z = Math.floor(z / BASE);
  }
  return text;
}

/** Integers (and nulls) as one string; `signed` = may hold negatives. Throws on anything else. */
export function encodeInts(values: readonly (number | null)[], signed: boolean): string {
  const parts: string[] = [];
  for (const value of values) {
    if (value === null) {
      parts.push(NULL);
      continue;
    }
    if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_STORED || (value < 0 && !signed)) {
      throw new RangeError(`search shard: ${value} is not an integer this column can store`);
    }
    parts.push(digits(!signed ? value : value < 0 ? -2 * value - 1 : 2 * value));
  }
  return parts.join('');
}

// Character code → digit value (MORE 0…44, FINAL 45…89), -1 for anything else; built once.
const DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d < BASE; d++) {
  DIGIT[MORE.charCodeAt(d)] = d;
  DIGIT[FINAL.charCodeAt(d)] = d + BASE;
}
const NULL_CODE = NULL.charCodeAt(0);

/** How many numbers (and nulls) an `encodeInts` text holds: one per FINAL digit or '.'. */
export function countInts(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NULL_CODE || (code < 128 && (DIGIT[code] ?? -1) >= BASE)) count++;
  }
  return count;
}

/** The `count` numbers of an `encodeInts` text (null → NaN), or undefined when the text does not hold exactly that many. */
export function decodeInts(text: string, count: number, signed: boolean): Float64Array | undefined {
  const values = new Float64Array(count);
  let n = 0;
  let z = 0;
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NULL_CODE && !open) {
      if (n >= count) return undefined;
      values[n++] = Number.NaN;
      continue;
    }
    const digit = code < 128 ? (DIGIT[code] ?? -1) : -1;
    if (digit < 0 || (digit >= BASE && n >= count)) return undefined;
    if (digit < BASE) {
      z = z * BASE + digit;
      open = true;
    } else {
      z = z * BASE + digit - BASE;
      values[n++] = !signed ? z : z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      z = 0;
      open = false;
    }
  }
  return n === count && !open ? values : undefined;
}

// Word text. A text is cut into words at letter/digit/other boundaries, a word keeping the punctuation
// after it (`Qwen_`, `Qwen3-`, `v2.1-`), Han characters in twos. Each word is written as its position
// in the shard's word table, one number of the integer codec above (the 45 commonest words take one
// character), or as '~': the next entry of the shard's `spelled` list, a run of pieces too rare in the
// shard to be worth a table entry, spelled out. ' ' ends a text. A column of texts is written in one
// or more slots (see encodeWords); `spelled` is used in writing order: column by column, slot by slot.
const SPELLED = '~';
const END = ' ';
/** Pieces used fewer times than this in a shard are spelled out rather than put in its word table. */
const MIN_WORD_USES = 3;
const WORD = /\p{sc=Han}{1,2}|[A-Za-z]+[0-9]*(?:\.[0-9]+)*[^A-Za-z0-9\p{sc=Han}]*|[0-9]+(?:\.[0-9]+)*[^A-Za-z0-9\p{sc=Han}]*|[^A-Za-z0-9\p{sc=Han}]+/gu;

/** The words of `text`, in order; joined they give `text` back. */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Word-coded columns: the shared table, each column's slots (see encodeWords), and the spelled-out pieces in order of use. */
export interface EncodedWords {
  words: string[];
  columns: string[][];
  spelled: string[];
}

/**
 * `columns` (lists of texts) in word text, sharing one word table; column c is written in
 * `slotCounts[c]` strings (default 1). With k slots, slot s < k − 1 holds word s of every text still
 * going at that point (END for one that has just ended), the last slot the rest of every text still
 * going, each rest followed by END. First words (`FLUX_`, `Qwen-`, an owner's habit) are a population of
 * their own; in a stretch of the file to themselves gzip's Huffman stage prices them by how common they
 * are there. Deterministic for the same input.
 */
export function encodeWords(columns: readonly (readonly string[])[], slotCounts: readonly number[] = []): EncodedWords {
  const split = columns.map((texts) => texts.map(splitWords));
  const uses = new Map<string, number>();
  for (const texts of split) for (const pieces of texts) for (const piece of pieces) uses.set(piece, (uses.get(piece) ?? 0) + 1);
  const words = [...uses.keys()]
    .filter((word) => (uses.get(word) ?? 0) >= MIN_WORD_USES)
    .sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const position = new Map(words.map((word, i) => [word, i]));
  // Each text as units: a word's reference, or SPELLED for a run of rare pieces (spelled out as one).
  const unitsOf = (pieces: readonly string[]): { code: string; text: string }[] => {
    const units: { code: string; text: string }[] = [];
    for (const piece of pieces) {
      const at = position.get(piece);
      const last = units.at(-1);
      if (at !== undefined) units.push({ code: digits(at), text: piece });
      else if (last !== undefined && last.code === SPELLED) last.text += piece;
      else units.push({ code: SPELLED, text: piece });
    }
    return units;
  };
  const spelled: string[] = [];
  const encoded = split.map((texts, c) => {
    const units = texts.map(unitsOf);
    const slots: string[] = [];
    const count = Math.max(1, Math.floor(slotCounts[c] ?? 1));
    for (let slot = 0; slot < count; slot++) {
      const parts: string[] = [];
      const last = slot === count - 1;
      for (const text of units) {
        if (text.length < slot) continue;
        for (const unit of last ? text.slice(slot) : text.slice(slot, slot + 1)) {
          parts.push(unit.code);
          if (unit.code === SPELLED) spelled.push(unit.text);
        }
        if (last || text.length === slot) parts.push(END);
      }
      slots.push(parts.join(''));
    }
    return slots;
  });
  return { words, columns: encoded, spelled };
}

/** Reads word text back: the `count` texts written in `slots`, taking spelled pieces from `spelled` at `next.at` on. */
export function decodeWords(slots: unknown, count: number, words: readonly string[], spelled: readonly string[], next: { at: number }): string[] | undefined {
  if (!Array.isArray(slots) || slots.length === 0) return undefined;
  const texts = new Array<string>(count).fill('');
  // The texts still going into this slot, in order.
  let alive = new Uint32Array(count);
  for (let t = 0; t < count; t++) alive[t] = t;
  let open = count;
  const endCode = END.charCodeAt(0);
  const spelledCode = SPELLED.charCodeAt(0);
  for (let slot = 0; slot < slots.length; slot++) {
    const text: unknown = slots[slot];
    if (typeof text !== 'string') return undefined;
    const last = slot === slots.length - 1;
    const still = new Uint32Array(last ? 0 : open);
    let kept = 0;
    // Position in `alive`, the text being read, and (last slot) its rest so far.
    let k = 0;
    let rest = '';
    let z = 0;
    let opened = false;
    for (let i = 0; i < text.length; i++) {
      if (k >= open) return undefined;
      const code = text.charCodeAt(i);
      let piece: unknown;
      if (opened || (code !== endCode && code !== spelledCode)) {
        const digit = code < 128 ? (DIGIT[code] ?? -1) : -1;
        if (digit < 0) return undefined;
        if (digit < BASE) {
          z = z * BASE + digit;
          opened = true;
          continue;
        }
        piece = words[z * BASE + digit - BASE];
        z = 0;
        opened = false;
      } else if (code === spelledCode) {
        piece = spelled[next.at++];
      } else {
        // END: the text is done.
        const t = alive[k++] ?? 0;
        if (last) texts[t] += rest;
        rest = '';
        continue;
      }
      if (typeof piece !== 'string') return undefined;
      if (last) {
        rest += piece;
        continue;
      }
      const t = alive[k++] ?? 0;
      texts[t] += piece;
      still[kept++] = t;
    }
    if (k !== open || opened) return undefined;
    alive = still;
    open = kept;
  }
  return texts;
}
