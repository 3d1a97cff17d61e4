// How a catalog row reads (links, badges, numbers, dates) and the pager's page list, in both languages.
import { describe, expect, it } from 'vitest';
import { cellLabels } from '../site/src/lib/catalog/catalog-columns.ts';
import { badges, basePath, countText, formatNumber, modelPath, pagerItems, pagerLayout } from '../site/src/lib/catalog/catalog-format.ts';
import { CATALOG_LABELS, fillLabel } from '../site/src/i18n/catalog.ts';
import { dateOfDay } from '../store/days.ts';

const DAY_2026_03_09 = Date.UTC(2026, 2, 9) / 86_400_000;

describe('site catalog format: labels', () => {
  it('has every English string in Chinese too, and no string left empty', () => {
    expect(Object.keys(CATALOG_LABELS.zh).sort()).toEqual(Object.keys(CATALOG_LABELS.en).sort());
    for (const labels of [CATALOG_LABELS.en, CATALOG_LABELS.zh]) for (const text of Object.values(labels)) expect(text).not.toBe('');
  });

  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(fillLabel('{n} of {pages} {x}', { n: '1', pages: '2' })).toBe('1 of 2 {x}');
  });
});

describe('site catalog format: numbers, dates and counts', () => {
  it('writes numbers with grouping in both languages', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234, 'zh')).toBe('1,234');
  });

  it('writes day numbers as YYYY-MM-DD, and nothing for a value that is not a day', () => {
    expect(dateOfDay(DAY_2026_03_09)).toBe('2026-03-09');
    expect(dateOfDay(0)).toBe('1970-01-01');
    expect(dateOfDay(Number.NaN)).toBe('');
    expect(dateOfDay(1e12)).toBe('');
  });

  it('says how many models match, and when only the first shard is in', () => {
    expect(countText(1234, 'en', false)).toBe('1,234 models');
    expect(countText(1, 'en', false)).toBe('1 model');
    expect(countText(0, 'en', false)).toBe('No models match');
    expect(countText(1234, 'zh', false)).toBe('1,234 个模型');
    expect(countText(0, 'zh', false)).toBe('没有匹配的模型');
    expect(countText(12, 'en', true)).toMatch(/^12 models so far/);
  });
});

describe('site catalog format: links', () => {
  const plain = { owner: 'Qwen', name: 'Qwen3-8B', href: null };

  it('links a plain id under the base, the Chinese view as ?lang=zh', () => {
    expect(modelPath(plain, 'en', '/repo/')).toBe('/repo/models/Qwen/Qwen3-8B/');
    expect(modelPath(plain, 'zh', '/repo')).toBe('/repo/models/Qwen/Qwen3-8B/?lang=zh');
    expect(modelPath(plain, 'en', '')).toBe('/models/Qwen/Qwen3-8B/');
  });

  it('uses the row\'s own path when it has one', () => {
    expect(modelPath({ owner: 'x', name: 'A.b', href: 'models/x/a.b~2/' }, 'zh', '/repo/')).toBe('/repo/models/x/a.b~2/?lang=zh');
  });

  it('never makes a link leave the site, whatever the name or path holds', () => {
    const hostile = modelPath({ owner: 'hostile', name: '<img src=x onerror=alert(1)>', href: null }, 'en', '/repo/');
    expect(hostile).toBe('/repo/models/hostile/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/');
    expect(modelPath({ owner: 'x', name: 'y', href: '//evil.example/' }, 'en', '/')).toBe('/evil.example/');
    expect(modelPath({ owner: 'x', name: 'y', href: 'javascript:alert(1)' }, 'en', '/')).toBe('/javascript:alert(1)');
  });

  it('normalises the base path', () => {
    expect(basePath('')).toBe('/');
    expect(basePath('/')).toBe('/');
    expect(basePath('repo')).toBe('/repo/');
    expect(basePath('//a/b//')).toBe('/a/b/');
  });
});

describe('site catalog format: badges', () => {
  const row = { openaiApi: false, aigcType: 'LoRA', family: 'FLUX_1', onList: true, left: null };

  it('shows the API badge first, then type and family, then when it left', () => {
    expect(badges({ ...row, openaiApi: true, onList: false, left: DAY_2026_03_09 }, 'en')).toEqual([
      { kind: 'api', text: 'OpenAI-compatible API' },
      { kind: 'kind', text: 'LoRA · FLUX_1' },
      { kind: 'gone', text: 'left on 2026-03-09' },
    ]);
    expect(badges({ ...row, openaiApi: true }, 'zh')[0]?.text).toBe('OpenAI 兼容 API');
  });

  it('leaves out what a row does not have', () => {
    expect(badges({ ...row, aigcType: '', family: '' }, 'en')).toEqual([]);
    expect(badges({ ...row, family: '' }, 'en')).toEqual([{ kind: 'kind', text: 'LoRA' }]);
    expect(badges({ ...row, aigcType: '', family: '', onList: false }, 'en')).toEqual([{ kind: 'gone', text: 'left the list' }]);
  });
});

describe('site catalog format: pager', () => {
  it('lists first, last and two pages either side, with gaps', () => {
    expect(pagerItems(1, 1)).toEqual([1]);
    expect(pagerItems(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pagerItems(1, 1200)).toEqual([1, 2, 3, 'gap', 1200]);
    expect(pagerItems(600, 1200)).toEqual([1, 'gap', 598, 599, 600, 601, 602, 'gap', 1200]);
    expect(pagerItems(1200, 1200)).toEqual([1, 'gap', 1198, 1199, 1200]);
  });

  it('shows a single left-out page as itself rather than a gap', () => {
    expect(pagerItems(5, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('site/catalog-data growth', () => {
  it('gives 7-day growth to three significant figures, exact below 1,000', async () => {
    const { threeFigures, growth7 } = await import('../site/src/lib/catalog/catalog-data.ts');
    expect([0, 7, -7, 999, -999].map(threeFigures)).toEqual([0, 7, -7, 999, -999]);
    expect([1000, 1234, 12_345, 12_355, 987_654, -12_345, 1_000_499].map(threeFigures)).toEqual([1000, 1230, 12_300, 12_400, 988_000, -12_300, 1_000_000]);
    const track = { gateway: [], genImages: [], upstreamId: null, presence: [100, 120], likes: [100, 1], downloads: [100, 50_000, 116, 62_345] };
    expect(growth7(track, 120)).toBe(12_300);
    expect(growth7({ ...track, presence: [115, 120] }, 120)).toBeNull();
  });
});

describe('site catalog format: pager for both widths', () => {
  /** The entries one width shows, in order. */
  const shown = (page: number, pages: number, width: 'wide' | 'narrow') => pagerLayout(page, pages).filter((e) => e[width]).map((e) => e.item);

  it('reads as two pages either side on wide screens and one on narrow ones, each with its own gaps', () => {
    expect(shown(7, 253, 'wide')).toEqual(pagerItems(7, 253, 2));
    expect(shown(7, 253, 'narrow')).toEqual([1, 'gap', 6, 7, 8, 'gap', 253]);
    expect(shown(1, 62, 'narrow')).toEqual([1, 2, 'gap', 62]);
    expect(shown(3, 62, 'narrow')).toEqual([1, 2, 3, 4, 'gap', 62]);
    for (const [page, pages] of [[1, 1], [1, 2], [4, 9], [30, 62], [62, 62]] as const) {
      expect(shown(page, pages, 'wide')).toEqual(pagerItems(page, pages, 2));
      expect(shown(page, pages, 'narrow')).toEqual(pagerItems(page, pages, 1));
    }
  });

  it('names every result cell with its column header, in both languages', () => {
    expect(cellLabels('en')).toEqual({ owner: 'Owner', task: 'Task', downloads: 'Downloads', likes: 'Likes', entered: 'Entered', growth: '7-day growth' });
    expect(cellLabels('zh').downloads).toBe('下载量');
  });
});

