// The catalog search finds what people type (issue 21.10): Chinese names and pinyin of the brands,
// licences and curated tags, and a misspelt word put right.
import { describe, expect, it } from 'vitest';
import { matchCache, runQuery } from '../site/src/lib/search/search.ts';
import { closestWord, correctedQuery, editDistance, vocabulary } from '../site/src/lib/search/search-suggest.ts';
import { termAlternatives } from '../site/src/lib/search/search-aliases.ts';
import { searchTags } from '../site/src/lib/catalog/catalog-data.ts';
import { CATALOGUE, ids, indexOf, row, state } from './site-search-fixture.ts';

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
