// The catalog search's files: shards built from rows, their number and word columns, and every row
// decoded back exactly as it went in. Every expectation is worked out from the rows here, never read back
// from the engine.
import { describe, expect, it } from 'vitest';
import { buildSearchShards } from '../site/src/lib/search/search-index.ts';
import { appendShard, decodeShards, emptyIndex, runQuery } from '../site/src/lib/search/search.ts';
import { countInts, decodeInts, decodeWords, encodeInts, encodeWords, splitWords } from '../site/src/lib/search/search-shard.ts';
import { byId, CATALOGUE, gone, ids, indexOf, NEWEST, row, state } from './site-search-fixture.ts';

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
