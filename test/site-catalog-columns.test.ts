import { describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS, COLUMN_SORTS, TEXT_COLUMNS, cellLabels, cellText, columnLabel } from '../site/src/lib/catalog/catalog-columns.ts';
import { SORT_KEYS } from '../site/src/lib/search/url-state.ts';
import type { SearchRow } from '../site/src/lib/search/search-shard.ts';
import { dayNumber } from '../store/dates.ts';

/** A search row with every field the cells read; `over` replaces some. */
function row(over: Partial<SearchRow> = {}): SearchRow {
  return {
    id: 'Qwen/Qwen3-8B', owner: 'Qwen', name: 'Qwen3-8B', chineseName: '', tasks: ['text-generation', 'chat'], baseModel: '',
    aigcType: '', family: '', license: '', tags: [], openaiApi: false, onList: true, entered: dayNumber('2026-03-04'), left: null,
    likes: 89, downloads: 1234567, growth7: null, href: null, ...over,
  };
}

describe('site/catalog columns', () => {
  it('lists the table left to right: model, owner, task, then the four sortable figures', () => {
    expect(CATALOG_COLUMNS.map((column) => column.key)).toEqual(['model', 'owner', 'task', 'downloads', 'likes', 'entered', 'growth']);
    expect(TEXT_COLUMNS.map((column) => column.key)).toEqual(['task', 'downloads', 'likes', 'entered', 'growth']);
  });

  it('makes every sortable column a sort of the URL state, and the default sort a column', () => {
    expect(COLUMN_SORTS).toEqual(['downloads', 'likes', 'entered', 'growth']);
    for (const sort of COLUMN_SORTS) expect(SORT_KEYS).toContain(sort);
    expect(SORT_KEYS.filter((key) => !COLUMN_SORTS.includes(key))).toEqual(['api']);
    // The header renders the fixed columns, then the sortable ones: no fixed column may follow a sortable one.
    const firstSortable = CATALOG_COLUMNS.findIndex((column) => column.sort !== undefined);
    expect(CATALOG_COLUMNS.slice(firstSortable).every((column) => column.sort !== undefined)).toBe(true);
  });

  it('gives numbers and dates their own classes, so CSS can align and hide them', () => {
    const classes = Object.fromEntries(CATALOG_COLUMNS.map((column) => [column.key, column.className]));
    expect(classes).toEqual({ model: '', owner: 'owner', task: 'task', downloads: 'num', likes: 'num', entered: 'entered', growth: 'num' });
  });

  it('writes each cell as the language reads numbers, with a dash for an unknown figure', () => {
    const texts = (lang: 'en' | 'zh', r: SearchRow) => TEXT_COLUMNS.map((column) => cellText(column, r, lang));
    expect(texts('en', row())).toEqual(['text-generation', '1,234,567', '89', '2026-03-04', '—']);
    expect(texts('zh', row({ growth7: 4200, likes: 0, tasks: [] }))).toEqual(['', '1,234,567', '0', '2026-03-04', '4,200']);
    expect(cellText(CATALOG_COLUMNS[1]!, row({ owner: '<b>x</b>' }), 'en')).toBe('<b>x</b>');
  });

  it('labels headers and cells with the same words in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const labels = cellLabels(lang);
      for (const column of CATALOG_COLUMNS.slice(1)) expect(labels[column.key as keyof typeof labels]).toBe(columnLabel(column, lang));
      expect(new Set(CATALOG_COLUMNS.map((column) => columnLabel(column, lang))).size).toBe(CATALOG_COLUMNS.length);
    }
    expect(columnLabel(CATALOG_COLUMNS[0]!, 'zh')).toBe('模型');
  });
});
