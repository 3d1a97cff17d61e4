// The catalog search: shards built from rows, decoded in the browser's way, and queried. Every
// expectation is worked out from the fixture rows here, never read back from the engine.
import { describe, expect, it } from 'vitest';
import { buildSearchShards, type SearchRow } from '../site/src/lib/search-index.ts';
import { decodeShards, emptyIndex, appendShard, matchCache, runQuery, rowOrder, PAGE_SIZE, searchTerms, type QueryResult } from '../site/src/lib/search.ts';
import { countInts, decodeInts, decodeWords, encodeInts, encodeWords, splitWords } from '../site/src/lib/search-shard.ts';
import { closestWord, correctedQuery, editDistance, vocabulary } from '../site/src/lib/search-suggest.ts';
import { termAlternatives } from '../site/src/lib/search-aliases.ts';
import { searchTags } from '../site/src/lib/catalog-data.ts';
import { DEFAULT_STATE, type CatalogState } from '../site/src/lib/url-state.ts';

const NEWEST = 20_600;

/** A row with plain defaults; `id` gives owner and name. */
function row(id: string, fields: Partial<SearchRow> = {}): SearchRow {
  const slash = id.indexOf('/');
  return {
    id, owner: id.slice(0, slash), name: id.slice(slash + 1), chineseName: '', tasks: ['text-to-image-synthesis'],
    baseModel: 'black-forest-labs/FLUX.1-dev', aigcType: 'LoRA', family: 'FLUX_1', license: 'apache-2.0', tags: [],
    openaiApi: false, onList: true, entered: NEWEST - 30, left: null, likes: 1, downloads: 10, growth7: 0, href: null,
    ...fields,
  };
}

/** A row that left the list on `left`. */
const gone = (id: string, left: number | null, fields: Partial<SearchRow> = {}): SearchRow => row(id, { onList: false, left, growth7: null, ...fields });

/** The state with `fields` changed. */
const state = (fields: Partial<CatalogState> = {}): CatalogState => ({ ...DEFAULT_STATE, ...fields });

/** The index built from `rows` through real shard files. */
const indexOf = (rows: readonly SearchRow[], topSize?: number) =>
  decodeShards(buildSearchShards(rows, topSize === undefined ? {} : { topSize }).map((s) => s.content));

/** Every matching id, in order (one page big enough for all). */
const ids = (rows: readonly SearchRow[], fields: Partial<CatalogState> = {}): string[] =>
  runQuery(indexOf(rows), state(fields), 100_000).rows.map((r) => r.id);

const byId = (a: SearchRow, b: SearchRow): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const HOSTILE = row('hostile/<img src=x onerror=alert(1)>', { chineseName: '"><svg onload=alert(1)>', tasks: ['<b>task</b>'], baseModel: 'x/"quoted"\\back' });

/** A small catalogue with one of everything. */
const CATALOGUE: SearchRow[] = [
  row('Qwen/Qwen3-8B', { openaiApi: true, tasks: ['text-generation'], baseModel: '', aigcType: '', family: '', license: 'mit', downloads: 5, likes: 40, chineseName: '通义千问3-8B' }),
  row('MusePublic/ink-flux-lora', { downloads: 900, likes: 3, entered: NEWEST, growth7: 50 }),
  row('musepublic/Anime-Lora', { downloads: 800, likes: 9, entered: NEWEST - 6, growth7: null, chineseName: '水墨风格' }),
  row('KookYan/Kook_Qwen_ZSHX', { family: 'QWEN_IMAGE_20_B', baseModel: 'Qwen/Qwen-Image', downloads: 700, likes: 70, entered: NEWEST - 7, growth7: 700 }),
  row('someone/sdxl-ink-portrait', { family: 'SD_XL', aigcType: 'Checkpoint', license: '', tasks: ['text-to-image-synthesis', 'image-to-image'], downloads: 800, likes: 9 }),
  gone('farewell/departed-ink', NEWEST - 3, { downloads: 2000 }),
  gone('farewell/unknown-day', null),
  HOSTILE,
];

describe('site search: shards', () => {
  it('puts the top models in shard 0 (OpenAI-compatible first, then by downloads), the rest in shard 1', () => {
    const rows = [row('a/low-api', { openaiApi: true, downloads: 1 }), row('b/big', { downloads: 1000 }), row('c/mid', { downloads: 500 }), row('d/small', { downloads: 10 })];
    const shards = buildSearchShards(rows, { topSize: 2 });
    expect(shards.map((s) => s.name)).toEqual(['search-0.json', 'search-1.json']);
    const first = decodeShards([shards[0]?.content ?? '']);
    expect([...first.id].sort()).toEqual(['a/low-api', 'b/big']);
    expect(first).toMatchObject({ loaded: 1, parts: 2, departedFrom: 2 });
    const all = appendShard(first, shards[1]?.content ?? '');
    expect([...all.id].sort()).toEqual(['a/low-api', 'b/big', 'c/mid', 'd/small']);
    expect(all.loaded).toBe(2);
  });

  it('keeps models that left out of the first shards, in a last shard of their own', () => {
    const rows = [gone('x/left-big', NEWEST - 1, { downloads: 10_000 }), row('a/top', { downloads: 5 }), row('b/next', { downloads: 4 }), row('c/rest', { downloads: 3 })];
    const shards = buildSearchShards(rows, { topSize: 2 });
    expect(shards).toHaveLength(3);
    const live = decodeShards(shards.slice(0, 2).map((s) => s.content));
    expect(live).toMatchObject({ parts: 3, departedFrom: 2 });
    expect([...live.id].sort()).toEqual(['a/top', 'b/next', 'c/rest']);
    expect(decodeShards(shards.slice(2).map((s) => s.content)).id).toEqual(['x/left-big']);
    // With every model on the list there is no departed shard.
    expect(decodeShards([buildSearchShards(rows.slice(1), { topSize: 2 })[0]?.content ?? ''])).toMatchObject({ parts: 2, departedFrom: 2 });
  });

  it('makes one shard when every model fits in the first, and a valid empty one for no models', () => {
    expect(buildSearchShards([row('a/x'), row('b/y')]).map((s) => s.name)).toEqual(['search-0.json']);
    const empty = buildSearchShards([]);
    expect(empty).toHaveLength(1);
    expect(runQuery(decodeShards(empty.map((s) => s.content)), state())).toEqual({ total: 0, page: 1, pages: 1, rows: [] });
  });

  it('writes the same bytes whatever order the rows come in', () => {
    const shuffled = [...CATALOGUE].reverse();
    expect(buildSearchShards(shuffled, { topSize: 3 })).toEqual(buildSearchShards(CATALOGUE, { topSize: 3 }));
  });

  it('stores each repeated owner, task, base model and licence once per shard', () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(`MusePublic/lora-${i}`, { downloads: i }));
    const content = buildSearchShards(rows)[0]?.content ?? '';
    expect(content.split('MusePublic').length - 1).toBe(1);
    expect(content.split('black-forest-labs/FLUX.1-dev').length - 1).toBe(1);
    expect(content.split('text-to-image-synthesis').length - 1).toBe(1);
    expect(content.split('apache-2.0').length - 1).toBe(1);
  });

  it('merges tables when a shard is appended: an owner in both shards is one owner', () => {
    const rows = [row('Qwen/a', { downloads: 9 }), row('Qwen/b', { downloads: 1 }), row('other/c', { downloads: 0 })];
    const index = indexOf(rows, 1);
    expect(index.owners.filter((o) => o === 'Qwen')).toHaveLength(1);
    expect(ids(rows, { owner: 'qwen' })).toEqual(['Qwen/a', 'Qwen/b']);
  });

  it('refuses a file that is not a shard, or whose columns do not match its rows', () => {
    expect(() => appendShard(emptyIndex(), '{"format":"something-else"}')).toThrow(/format/);
    const content = buildSearchShards([row('a/x'), row('b/y')])[0]?.content ?? '';
    expect(() => appendShard(emptyIndex(), content.replace('"rows":2', '"rows":3'))).toThrow(/columns/);
    // Each part of the layout is checked: owners' row counts, word slots, spelled pieces, the API rows.
    const shard = JSON.parse(buildSearchShards([row('a/x', { openaiApi: true }), row('a/rare-name'), row('b/y')])[0]?.content ?? '{}') as Record<string, unknown>;
    const damaged = (fields: Record<string, unknown>): string => JSON.stringify({ ...shard, ...fields });
    expect(() => appendShard(emptyIndex(), damaged({}))).not.toThrow();
    for (const fields of [{ ownerRows: 'BB' }, { ownerRows: 'A' }, { ownerShare: 'AAA' }, { names: ['A'] }, { zh: 'AAA' }, { spelled: [] }, { spelled: [...(shard['spelled'] as string[]), 'extra'] }, { api: 'D' }, { kinds: 'x' }, { likes: 'AB' }]) {
      expect(() => appendShard(emptyIndex(), damaged(fields)), JSON.stringify(fields)).toThrow(/columns/);
    }
  });

  it('round-trips integers, negatives, nulls and large values through the number columns', () => {
    const signed = [0, 1, -1, 31, 32, -33, 1023, 1024, 2 ** 40, -(2 ** 40), null, 7, null];
    const back = (values: Float64Array | undefined): (number | null)[] | undefined => (values === undefined ? undefined : [...values].map((v) => (Number.isNaN(v) ? null : v)));
    expect(back(decodeInts(encodeInts(signed, true), signed.length, true))).toEqual(signed);
    const unsigned = [0, 31, 32, 2 ** 45, null, 5];
    expect(back(decodeInts(encodeInts(unsigned, false), unsigned.length, false))).toEqual(unsigned);
    // Unsigned saves the sign bit: 31 is one digit unsigned, two signed; 44 is the last one-digit number.
    expect(encodeInts([31], false)).toHaveLength(1);
    expect(encodeInts([31], true)).toHaveLength(2);
    expect(encodeInts([44, 45], false)).toHaveLength(3);
    expect(countInts(encodeInts(signed, true))).toBe(signed.length);
    expect(countInts('')).toBe(0);
  });

  it('refuses number text that does not hold exactly the numbers asked for, and numbers it cannot store', () => {
    expect(decodeInts(encodeInts([1, 2], false), 3, false)).toBeUndefined();
    expect(decodeInts(encodeInts([1, 2], false), 1, false)).toBeUndefined();
    expect(decodeInts('a', 1, false)).toBeUndefined();
    expect(decodeInts('!', 1, false)).toBeUndefined();
    expect(decodeInts('a.', 1, false)).toBeUndefined();
    expect(() => encodeInts([1.5], true)).toThrow(RangeError);
    expect(() => encodeInts([-1], false)).toThrow(RangeError);
    expect(() => encodeInts([2 ** 60], true)).toThrow(RangeError);
  });
});

describe('site search: word text', () => {
  /** Texts through encodeWords and back (one column), or undefined when the decoder refuses. */
  const wordTrip = (texts: readonly string[], slots = 2): string[] | undefined => {
    const { words, columns, spelled } = encodeWords([texts], [slots]);
    const next = { at: 0 };
    const back = decodeWords(columns[0], texts.length, words, spelled, next);
    return back !== undefined && next.at === spelled.length ? back : undefined;
  };

  it('cuts a text into words that join back to it, whatever it holds', () => {
    expect(splitWords('Kook_Qwen3-ZSHX_v2.1-lora')).toEqual(['Kook_', 'Qwen3-', 'ZSHX_', 'v2.1-', 'lora']);
    expect(splitWords('国风水墨画V2')).toEqual(['国风', '水墨', '画', 'V2']);
    expect(splitWords('')).toEqual([]);
    const odd = ['a\nb', '  lead', 'tail  ', '~ ~', '😀x😀', '\ud83d', 'x\ude00y', 'e\u0301', 'مرحبا-1', '\u202egnp.exe', '1.2.3', '.5', 'ＡＢ１２'];
    for (const text of odd) expect(splitWords(text).join(''), JSON.stringify(text)).toBe(text);
    // Random code units, lone surrogates included.
    let seed = 7;
    const unit = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 0x10000;
    for (let k = 0; k < 200; k++) {
      const text = String.fromCharCode(...Array.from({ length: k % 23 }, unit));
      expect(splitWords(text).join('')).toBe(text);
    }
  });

  it('round-trips texts: none, empty ones, rare and common words, line breaks, odd Unicode', () => {
    for (const slots of [1, 2, 3, 5]) {
      expect(wordTrip([], slots)).toEqual([]);
      expect(wordTrip([''], slots)).toEqual(['']);
      expect(wordTrip(['', '', ''], slots)).toEqual(['', '', '']);
      expect(wordTrip(['a_b_c_d_e_f', '', 'a_', 'a_b_', 'x_y', 'a_b_c_d_e_f_g_h'], slots)).toEqual(['a_b_c_d_e_f', '', 'a_', 'a_b_', 'x_y', 'a_b_c_d_e_f_g_h']);
    }
    const texts = [
      'flux_anime_v1', 'flux_anime_v2', 'flux_ink', 'FLUX_anime', '', 'two\nlines', ' spaced ~ tilde ', '😀🐉✨',
      '\ud83d lone', 'e\u0301\u0301', 'مرحبا_שלום', '国风水墨画', '国风_少女', '"quoted" \\ back', '<img src=x onerror=alert(1)>',
    ];
    for (const slots of [1, 2, 4]) expect(wordTrip(texts, slots)).toEqual(texts);
    // Enough common words for two- and three-character references (45 and 45² of them).
    const many = Array.from({ length: 3 * 2100 }, (_, i) => `w${i % 2100}_x`);
    const { words, columns } = encodeWords([many], [3]);
    expect(words.length).toBeGreaterThan(2025);
    expect(columns[0]).toHaveLength(3);
    expect(wordTrip(many)).toEqual(many);
  });

  it('shares one word table between columns and spells rare pieces out in order', () => {
    const names = ['alpha_beta', 'alpha_gamma', 'alpha_delta', 'zeta_once'];
    const zh = ['国风', '国风', '国风少女', ''];
    const { words, columns, spelled } = encodeWords([names, zh], [2, 1]);
    expect(words).toEqual(['alpha_', '国风']);
    // Slot by slot: first words (neighbouring rare pieces as one), then the rests; names, then zh.
    expect(spelled).toEqual(['zeta_once', 'beta', 'gamma', 'delta', '少女']);
    const next = { at: 0 };
    expect(decodeWords(columns[0], 4, words, spelled, next)).toEqual(names);
    expect(decodeWords(columns[1], 4, words, spelled, next)).toEqual(zh);
    expect(next.at).toBe(spelled.length);
  });

  it('refuses word text that does not hold exactly the texts asked for', () => {
    const { words, columns, spelled } = encodeWords([['alpha_beta', 'alpha_x', 'alpha_y', '']], [2]);
    const slots = columns[0] ?? [];
    const decode = (s: unknown, count = 4, spell = spelled): string[] | undefined => decodeWords(s, count, words, spell, { at: 0 });
    expect(decode(slots)).toEqual(['alpha_beta', 'alpha_x', 'alpha_y', '']);
    expect(decode(slots, 3)).toBeUndefined();
    expect(decode(slots, 5)).toBeUndefined();
    expect(decode(slots.slice(1))).toBeUndefined();
    expect(decode([])).toBeUndefined();
    expect(decode([...slots, ''])).toBeUndefined();
    expect(decode('AAA ')).toBeUndefined();
    expect(decode([...slots.slice(0, -1), `${slots.at(-1) ?? ''}!`])).toBeUndefined();
    expect(decode([`${slots[0] ?? ''}\u00e9`, ...slots.slice(1)])).toBeUndefined();
    expect(decode(slots, 4, [])).toBeUndefined();
    expect(decodeWords(['Z ', ''], 1, words, [], { at: 0 })).toBeUndefined();
  });
});

describe('site search: round trip', () => {
  it('gives back every row exactly as it went in, hostile text and all', () => {
    const rows = [
      ...CATALOGUE,
      row('odd/Ｆｕｌｌｗｉｄｔｈ', { href: 'models/odd/~fullwidth/' }),
      row('twin/Case', { href: 'models/twin/case~2/' }),
      row('lines/two\nlines', { chineseName: 'one\ntwo' }),
      row('owner/name', { id: 'Owner/Name-differs' }),
      // No slash in the id: owner and name as the build derived them, the id kept as it is.
      { ...row('x/y'), id: 'solo', owner: 'sol', name: 'solo' },
      { ...row('x/y'), id: 'bare', owner: '', name: 'bare' },
      // Owners sharing beginnings, astral characters, a lone surrogate, a line break.
      row('😀a/one'), row('😀b/two'), row('😀/three'), row('\ud83d/lone'), row('line\nbreak/owner'), row('MusePublic/a'), row('MusePublic1/b'),
      row('odd/😀🐉 e\u0301 مرحبا', { chineseName: '国风水墨画 ~ ' }),
      // Numbers of every sign and size.
      row('numbers/negative', { downloads: -5, likes: -1, growth7: -3 }),
      row('numbers/huge', { downloads: 2 ** 50, likes: 2 ** 40, growth7: 2 ** 45 }),
      gone('gone/numbers', null, { downloads: 0, likes: 0, entered: NEWEST - 400 }),
    ];
    const back = runQuery(indexOf(rows, 4), state({ left: true }), 1000).rows;
    expect([...back].sort(byId)).toEqual([...rows].sort(byId));
  });

  it('keeps a markup-like name a plain string, never anything else', () => {
    const [found] = runQuery(indexOf(CATALOGUE), state({ q: 'onerror' })).rows;
    expect(found?.id).toBe('hostile/<img src=x onerror=alert(1)>');
    expect(found?.chineseName).toBe('"><svg onload=alert(1)>');
    expect(typeof found?.name).toBe('string');
  });
});

describe('site search: terms', () => {
  it('matches every term (AND), in any of id, name, owner, Chinese name, tasks and base model', () => {
    expect(ids(CATALOGUE, { q: 'ink' })).toEqual(['MusePublic/ink-flux-lora', 'someone/sdxl-ink-portrait']);
    expect(ids(CATALOGUE, { q: 'ink portrait' })).toEqual(['someone/sdxl-ink-portrait']);
    expect(ids(CATALOGUE, { q: 'ink image-to-image' })).toEqual(['someone/sdxl-ink-portrait']);
    expect(ids(CATALOGUE, { q: 'kookyan qwen-image' })).toEqual(['KookYan/Kook_Qwen_ZSHX']);
    expect(ids(CATALOGUE, { q: 'musepublic/ink' })).toEqual(['MusePublic/ink-flux-lora']);
    expect(ids(CATALOGUE, { q: 'ink nothing-has-this' })).toEqual([]);
  });

  it('ignores case and width, and finds Chinese names', () => {
    expect(ids(CATALOGUE, { q: 'QWEN3' })).toEqual(['Qwen/Qwen3-8B']);
    expect(ids(CATALOGUE, { q: 'ＡＮＩＭＥ' })).toEqual(['musepublic/Anime-Lora']);
    expect(ids(CATALOGUE, { q: '水墨' })).toEqual(['musepublic/Anime-Lora']);
    // 千问 is what Qwen is called in Chinese: it finds the Qwen models too (issue 21.10; it used to find only the Chinese name).
    expect(ids(CATALOGUE, { q: '千问' })).toEqual(['KookYan/Kook_Qwen_ZSHX', 'Qwen/Qwen3-8B']);
  });

  it('splits on any white space and drops repeated terms and terms inside longer ones', () => {
    expect(searchTerms('  Ink\tink  INKWASH\u3000lora ')).toEqual(['inkwash', 'lora']);
    expect(searchTerms('   ')).toEqual([]);
  });
});

describe('site search: filters', () => {
  it('api keeps only models served by the OpenAI-compatible gateway', () => {
    expect(ids(CATALOGUE, { api: true })).toEqual(['Qwen/Qwen3-8B']);
  });

  it('task matches any of a model\'s tasks exactly', () => {
    expect(ids(CATALOGUE, { task: 'image-to-image' })).toEqual(['someone/sdxl-ink-portrait']);
    expect(ids(CATALOGUE, { task: 'image-to' })).toEqual([]);
  });

  it('aigc, family and licence match exactly', () => {
    expect(ids(CATALOGUE, { aigc: 'Checkpoint' })).toEqual(['someone/sdxl-ink-portrait']);
    expect(ids(CATALOGUE, { family: 'QWEN_IMAGE_20_B' })).toEqual(['KookYan/Kook_Qwen_ZSHX']);
    expect(ids(CATALOGUE, { license: 'mit' })).toEqual(['Qwen/Qwen3-8B']);
    expect(ids(CATALOGUE, { family: 'FLUX' })).toEqual([]);
  });

  it('owner matches any part of the owner, ignoring case (case twins both count)', () => {
    expect(ids(CATALOGUE, { owner: 'MUSEPUBLIC' })).toEqual(['MusePublic/ink-flux-lora', 'musepublic/Anime-Lora']);
    // Part of the name is enough (issue 21.10: it used to need the whole name).
    expect(ids(CATALOGUE, { owner: 'muse' })).toEqual(['MusePublic/ink-flux-lora', 'musepublic/Anime-Lora']);
    expect(ids(CATALOGUE, { owner: 'yan' })).toEqual(['KookYan/Kook_Qwen_ZSHX']);
    expect(ids(CATALOGUE, { owner: 'nobody' })).toEqual([]);
  });

  it('"new" keeps models that entered on the newest day or the six before it', () => {
    expect(ids(CATALOGUE, { recent: true })).toEqual(['MusePublic/ink-flux-lora', 'musepublic/Anime-Lora']);
  });

  it('"new" counts back from the newest snapshot when the build names it', () => {
    const rows = [row('a/x', { entered: NEWEST - 3 }), row('b/y', { entered: NEWEST - 9 })];
    const index = decodeShards(buildSearchShards(rows, { newest: NEWEST + 3 }).map((s) => s.content));
    expect(index.newest).toBe(NEWEST + 3);
    expect(runQuery(index, state({ recent: true })).rows.map((r) => r.id)).toEqual(['a/x']);
    expect(decodeShards(buildSearchShards(rows, { newest: NEWEST + 4 }).map((s) => s.content)).newest).toBe(NEWEST + 4);
    expect(runQuery(decodeShards(buildSearchShards(rows, { newest: NEWEST + 4 }).map((s) => s.content)), state({ recent: true })).total).toBe(0);
    // A day before the rows' own is not believed.
    expect(decodeShards(buildSearchShards(rows, { newest: 0 }).map((s) => s.content)).newest).toBe(NEWEST - 3);
  });

  it('hides models that left unless asked, then shows them with the day they left', () => {
    expect(ids(CATALOGUE, { q: 'farewell' })).toEqual([]);
    const result = runQuery(indexOf(CATALOGUE), state({ q: 'farewell', left: true }));
    expect(result.rows.map((r) => [r.id, r.onList, r.left])).toEqual([['farewell/departed-ink', false, NEWEST - 3], ['farewell/unknown-day', false, null]]);
  });

  it('combines filters and terms', () => {
    expect(ids(CATALOGUE, { q: 'ink', family: 'FLUX_1', owner: 'musepublic', recent: true })).toEqual(['MusePublic/ink-flux-lora']);
    expect(ids(CATALOGUE, { q: 'ink', left: true, family: 'FLUX_1' })).toEqual(['farewell/departed-ink', 'MusePublic/ink-flux-lora']);
  });
});

describe('site search: sorts', () => {
  const onList = CATALOGUE.filter((r) => r.onList);
  const sorted = (key: (r: SearchRow) => number): string[] => [...onList].sort((a, b) => key(b) - key(a) || byId(a, b)).map((r) => r.id);

  it('sorts by downloads by default, most first, ties by id', () => {
    expect(ids(CATALOGUE)).toEqual(sorted((r) => r.downloads));
    expect(ids(CATALOGUE).slice(1, 3)).toEqual(['musepublic/Anime-Lora', 'someone/sdxl-ink-portrait']);
  });

  it('sorts the gateway\'s models first, each group by downloads, as its own choice', () => {
    const api = (r: SearchRow): number => (r.openaiApi ? 1 : 0);
    const rows = [...CATALOGUE, row('b/api-small', { openaiApi: true, downloads: 1 }), row('a/api-small', { openaiApi: true, downloads: 1 })];
    const want = rows.filter((r) => r.onList).sort((a, b) => api(b) - api(a) || b.downloads - a.downloads || byId(a, b)).map((r) => r.id);
    expect(ids(rows, { sort: 'api' })).toEqual(want);
    expect(want.slice(0, 3)).toEqual(['Qwen/Qwen3-8B', 'a/api-small', 'b/api-small']);
    // The default order is downloads alone: a gateway model with few downloads is not first.
    expect(ids(rows)[0]).toBe('MusePublic/ink-flux-lora');
  });

  it('sorts by likes and by entry day, newest first, ties by id', () => {
    expect(ids(CATALOGUE, { sort: 'likes' })).toEqual(sorted((r) => r.likes));
    expect(ids(CATALOGUE, { sort: 'entered' })).toEqual(sorted((r) => r.entered));
  });

  it('sorts by 7-day growth with unknown growth last', () => {
    const order = ids(CATALOGUE, { sort: 'growth' });
    expect(order).toEqual(sorted((r) => r.growth7 ?? -Infinity));
    expect(order.at(-1)).toBe('musepublic/Anime-Lora');
  });

  it('sorts correctly even when the numbers are too large to pack', () => {
    const rows = [row('a/x', { downloads: 2 ** 50 }), row('b/y', { downloads: 2 ** 50 + 2 }), row('c/z', { downloads: 3 })];
    const index = indexOf(rows);
    expect([...rowOrder(index, 'downloads')].map((i) => index.id[i])).toEqual(['b/y', 'a/x', 'c/z']);
  });
});

describe('site search: pages', () => {
  // 60,000 rows, every one of them reachable: the last page holds the smallest.
  const MANY = Array.from({ length: 60_000 }, (_, i) => row(`owner${i % 700}/model-${String(i).padStart(5, '0')}`, { downloads: 60_000 - i, openaiApi: i % 1500 === 0 }));
  const index = indexOf(MANY);

  it('pages by PAGE_SIZE up to the last of 60,000 models', () => {
    const pages = 60_000 / PAGE_SIZE;
    const first: QueryResult = runQuery(index, state());
    expect(first).toMatchObject({ total: 60_000, page: 1, pages });
    expect(first.rows.map((r) => r.id).slice(0, 2)).toEqual(['owner0/model-00000', 'owner1/model-00001']);
    const last = runQuery(index, state({ page: pages }));
    expect(last.rows).toHaveLength(PAGE_SIZE);
    expect(last.rows.at(-1)?.id).toBe('owner499/model-59999');
    const firstOfLast = 60_000 - PAGE_SIZE;
    expect(last.rows[0]?.id).toBe(`owner${firstOfLast % 500}/model-${String(firstOfLast).padStart(5, '0')}`);
  });

  it('clamps a page past the end to the last page, and below 1 to the first', () => {
    expect(runQuery(index, state({ page: 99_999 })).page).toBe(60_000 / PAGE_SIZE);
    expect(runQuery(index, state({ page: 0 })).page).toBe(1);
    const few = runQuery(index, state({ q: 'model-0000' }), 4);
    expect(few).toMatchObject({ total: 10, pages: 3 });
    expect(runQuery(index, state({ q: 'model-0000', page: 3 }), 4).rows.map((r) => r.id)).toEqual(['owner8/model-00008', 'owner9/model-00009']);
  });
});

describe('site search: typing with a cache', () => {
  const rows = Array.from({ length: 400 }, (_, i) => row(`${['ink', 'Inkwell', 'flux'][i % 3]}/${['anime', 'ink-wash', 'portrait', 'animal'][i % 4]}-${i}`, {
    downloads: (i * 37) % 101, family: i % 5 === 0 ? 'SD_XL' : 'FLUX_1', onList: i % 7 !== 0, left: i % 7 === 0 ? NEWEST - 1 : null,
  }));
  const index = indexOf(rows, 50);

  it('answers a typed, deleted and refiltered sequence exactly as without the cache', () => {
    const cache = matchCache();
    const steps: Partial<CatalogState>[] = [
      { q: 'anim' }, { q: 'ani' }, { q: 'a' }, { q: 'an' }, { q: 'ani' }, { q: 'anima' }, { q: 'an' }, { q: 'an i' }, { q: 'an ink' },
      { q: 'an ink', family: 'SD_XL' }, { q: 'an inkw', family: 'SD_XL' }, { q: 'an inkw' }, { q: 'an inkw', left: true }, { q: '' }, { q: 'INK' },
    ];
    for (const step of steps) {
      expect(runQuery(index, state(step), 20, cache), JSON.stringify(step)).toEqual(runQuery(index, state(step), 20));
    }
    expect(cache.entries.length).toBeLessThanOrEqual(8);
  });

  it('forgets what it knew when the index changes', () => {
    const cache = matchCache();
    const small = indexOf(rows.slice(0, 10));
    expect(runQuery(small, state({ q: 'anime' }), 100, cache).total).toBe(rows.slice(0, 10).filter((r) => r.onList && r.id.includes('anime')).length);
    expect(runQuery(index, state({ q: 'anime' }), 100, cache).total).toBe(rows.filter((r) => r.onList && r.id.includes('anime')).length);
  });
});

describe('site search: what people type (issue 21.10)', () => {
  const QWEN_ROWS = [...CATALOGUE, row('Tongyi-MAI/Z-Image-Turbo', { downloads: 3 }), row('Wan-AI/Wan2.2-T2V', { downloads: 2 }), row('deepseek-ai/DeepSeek-V3.2', { downloads: 1, openaiApi: true })];

  it('finds Qwen models by their Chinese names and pinyin, alone or with a version after them', () => {
    const qwen = ['KookYan/Kook_Qwen_ZSHX', 'Qwen/Qwen3-8B'];
    for (const q of ['通义千问', '千问', 'qianwen', 'QWEN']) expect(ids(QWEN_ROWS, { q }), q).toEqual(qwen);
    // 通义 is the whole Tongyi brand: Qwen, and Tongyi-MAI's models.
    expect(ids(QWEN_ROWS, { q: '通义' })).toEqual(['KookYan/Kook_Qwen_ZSHX', 'Qwen/Qwen3-8B', 'Tongyi-MAI/Z-Image-Turbo']);
    expect(ids(QWEN_ROWS, { q: '千问3' })).toEqual(['Qwen/Qwen3-8B']);
    expect(ids(QWEN_ROWS, { q: '万相' })).toEqual(['Wan-AI/Wan2.2-T2V']);
    expect(ids(QWEN_ROWS, { q: '深度求索' })).toEqual(['deepseek-ai/DeepSeek-V3.2']);
    expect(termAlternatives('千问3-8b')).toEqual(['千问3-8b', 'qwen3-8b']);
    expect(termAlternatives('通义千问3')).toEqual(['通义千问3', 'qwen3']);
    expect(termAlternatives('lumen')).toEqual(['lumen']);
  });

  it('typing on with an alias narrows from the cached wider answer and still answers exactly', () => {
    const cache = matchCache();
    const index = indexOf(QWEN_ROWS);
    for (const q of ['千', '千问', '千问3', '千问', '通义', '通义千问']) {
      expect(runQuery(index, state({ q }), 100, cache).rows.map((r) => r.id), q).toEqual(runQuery(index, state({ q }), 100).rows.map((r) => r.id));
    }
  });

  it('searches licences, types, families and curated tags as well as names', () => {
    const rows = [row('a/lic', { license: 'cc-by-nc-4.0', downloads: 3 }), row('b/tagged', { tags: ['Photography', '写实摄影'], downloads: 2 }), row('c/plain', { downloads: 1, aigcType: 'Checkpoint', family: 'SD_XL' })];
    expect(ids(rows, { q: 'cc-by-nc' })).toEqual(['a/lic']);
    expect(ids(rows, { q: 'photo' })).toEqual(['b/tagged']);
    expect(ids(rows, { q: '写实' })).toEqual(['b/tagged']);
    expect(ids(rows, { q: 'checkpoint sd_xl' })).toEqual(['c/plain']);
    expect(ids(rows, { q: 'apache' })).toEqual(['b/tagged', 'c/plain']);
    // The tags travel in the shard and come back with the row.
    expect(runQuery(indexOf(rows), state({ q: 'photography' })).rows[0]?.tags).toEqual(['Photography', '写实摄影']);
  });

  it('keeps a model\'s curated tags, in both languages, once each, and not those its other text holds', () => {
    const record = {
      id: 'a/photo-lora', chineseName: '', tasks: ['text-to-image-synthesis'], aigcType: 'LoRA', visionFoundation: 'FLUX_1', tags: ['lora', 'anime'],
      officialTags: [{ name: 'Photography', chineseName: '写实摄影', tag: 'photography' }, { name: 'photography', chineseName: '', tag: 'x' }, { name: 'LoRA', chineseName: '', tag: 'lora' }],
    };
    expect(searchTags(record)).toEqual(['Photography', '写实摄影']);
  });

  it('counts edits, a swap of two neighbours as one', () => {
    expect(editDistance('qwne', 'qwen', 2)).toBe(1);
    expect(editDistance('flxu', 'flux', 2)).toBe(1);
    expect(editDistance('lumen', 'lumne', 2)).toBe(1);
    expect(editDistance('lumen', 'lumen', 2)).toBe(0);
    expect(editDistance('abc', 'abcdef', 2)).toBe(3);
    expect(editDistance('portrait', 'protriat', 5)).toBe(2);
  });

  it('puts a misspelt word right from the words the models hold, or leaves it when nothing is close', () => {
    const index = indexOf(QWEN_ROWS);
    const words = vocabulary(index);
    expect(words.has('qwen')).toBe(true);
    expect(closestWord('qwne', words)).toBe('qwen');
    expect(closestWord('portrat', words)).toBe('portrait');
    expect(closestWord('qwen', words)).toBeUndefined();
    expect(closestWord('zzqx', words)).toBeUndefined();
    // Three-letter words are too easily near anything.
    expect(closestWord('inl', words)).toBeUndefined();
  });

  it('offers the corrected search only when the typed one finds nothing and the corrected one finds something', () => {
    const index = indexOf(QWEN_ROWS);
    expect(runQuery(index, state({ q: 'qwne' })).total).toBe(0);
    expect(correctedQuery(index, state({ q: 'qwne' }))).toBe('qwen');
    expect(runQuery(index, state({ q: 'qwen' })).rows.map((r) => r.id)).toEqual(['KookYan/Kook_Qwen_ZSHX', 'Qwen/Qwen3-8B']);
    expect(correctedQuery(index, state({ q: 'qwne3-8b' }))).toBe('qwen3-8b');
    // A correct word stays; only the misspelt one is put right.
    expect(correctedQuery(index, state({ q: 'kook qwne' }))).toBe('kook qwen');
    expect(correctedQuery(index, state({ q: 'zzqx' }))).toBeUndefined();
    expect(correctedQuery(index, state({ q: '' }))).toBeUndefined();
    // A word a departed model holds is not misspelt: the hint to include them applies instead.
    expect(correctedQuery(index, state({ q: 'farewell' }))).toBeUndefined();
    // Filters still apply to the corrected search.
    expect(correctedQuery(index, state({ q: 'qwne', api: true, task: 'image-to-image' }))).toBeUndefined();
  });
});

