// The catalog search's queries: terms, filters, sorts, pages and the cache that answers typing. Every
// expectation is worked out from the rows here, never read back from the engine.
import { describe, expect, it } from 'vitest';
import { buildSearchShards, type SearchRow } from '../site/src/lib/search/search-index.ts';
import { decodeShards, matchCache, PAGE_SIZE, rowOrder, runQuery, searchTerms, type QueryResult } from '../site/src/lib/search/search.ts';
import type { CatalogState } from '../site/src/lib/search/url-state.ts';
import { byId, CATALOGUE, ids, indexOf, NEWEST, row, state } from './site-search-fixture.ts';

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
