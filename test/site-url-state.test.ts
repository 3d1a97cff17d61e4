// The catalog's state in the URL: canonical query strings out, anything at all in.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, filtersSet, parseState, sameState, serialiseState, type CatalogState } from '../site/src/lib/search/url-state.ts';

const state = (fields: Partial<CatalogState> = {}): CatalogState => ({ ...DEFAULT_STATE, ...fields });

const EVERYTHING = state({
  q: 'ink 水墨 & <b>', api: true, task: 'text-to-image-synthesis', aigc: 'LoRA', family: 'FLUX_1', license: 'apache-2.0',
  owner: 'MusePublic', recent: true, left: true, sort: 'growth', page: 7,
});

describe('site url state: serialising', () => {
  it('writes nothing for the default state', () => {
    expect(serialiseState(DEFAULT_STATE)).toBe('');
    expect(serialiseState(state({ q: '   ', sort: 'downloads', page: 1 }))).toBe('');
  });

  it('writes only what differs from the default, keys in a fixed order', () => {
    expect(serialiseState(state({ page: 2, q: 'ink' }))).toBe('?q=ink&page=2');
    expect(serialiseState(state({ sort: 'likes', left: true, api: true }))).toBe('?api=1&left=1&sort=likes');
    expect(serialiseState(EVERYTHING)).toBe(
      '?q=ink+%E6%B0%B4%E5%A2%A8+%26+%3Cb%3E&api=1&task=text-to-image-synthesis&aigc=LoRA&family=FLUX_1&license=apache-2.0&owner=MusePublic&new=7&left=1&sort=growth&page=7',
    );
  });

  it('round-trips every state through the query string', () => {
    for (const s of [DEFAULT_STATE, EVERYTHING, state({ q: 'a+b=c&d' }), state({ owner: 'x y', page: 1_000_000 })]) {
      expect(parseState(serialiseState(s))).toEqual(s);
    }
  });
});

describe('site url state: parsing', () => {
  it('reads every key, with or without the leading "?"', () => {
    expect(parseState('?q=ink&api=1&new=7&left=1&sort=entered&page=3')).toEqual(state({ q: 'ink', api: true, recent: true, left: true, sort: 'entered', page: 3 }));
    expect(parseState('owner=Qwen&task=chat')).toEqual(state({ owner: 'Qwen', task: 'chat' }));
    expect(parseState('')).toEqual(DEFAULT_STATE);
  });

  it('falls back to the default for any value it does not understand, and never throws', () => {
    const junk = ['?sort=name', '?page=0', '?page=-3', '?page=2.5', '?page=1e3', '?page=abc', '?page=99999999', '?api=yes', '?new=30', '?left=true', '?%E0%A4%A', '?q', '?=&&=', '?page=%'];
    for (const search of junk) expect(parseState(search), search).toEqual(DEFAULT_STATE);
    expect(parseState('?q=ink&unknown=1&sort=bogus')).toEqual(state({ q: 'ink' }));
  });

  it('trims text and cuts it at 200 characters', () => {
    expect(parseState('?q=%20%20ink%20%20').q).toBe('ink');
    expect(parseState(`?q=${'x'.repeat(5000)}`).q).toHaveLength(200);
  });

  it('takes the first of repeated keys', () => {
    expect(parseState('?sort=likes&sort=growth&q=a&q=b')).toEqual(state({ sort: 'likes', q: 'a' }));
  });

  it('compares states by what they show', () => {
    expect(sameState(state({ q: ' ink ' }), state({ q: 'ink' }))).toBe(true);
    expect(sameState(state({ page: 2 }), state())).toBe(false);
  });
});

describe('site url state: gateway-first sort and the folded filters', () => {
  it('keeps sort=api, a sort of its own', () => {
    expect(parseState('?sort=api').sort).toBe('api');
    expect(serialiseState({ ...DEFAULT_STATE, sort: 'api' })).toBe('?sort=api');
  });

  it('counts the filters and sort that differ from the default, not the search text or the page', () => {
    expect(filtersSet(DEFAULT_STATE)).toBe(0);
    expect(filtersSet(parseState('?q=ink&page=3'))).toBe(0);
    expect(filtersSet(parseState('?api=1&task=x&owner=Qwen&new=7&left=1&sort=likes'))).toBe(6);
  });
});

