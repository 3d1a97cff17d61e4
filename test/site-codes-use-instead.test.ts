// Issue 21.9 and 21.4: upstream codes get human labels in both languages (site/src/i18n/codes.ts, also
// for the catalog's facets), and a departed model's page suggests models still on the list to use instead.
import { describe, expect, it } from 'vitest';
import { codeLabel, codeLabels, readableCode } from '../site/src/i18n/codes.ts';
import { MODEL_LABELS } from '../site/src/i18n/model.ts';
import { labelSwaps, labelWithFigures, swapText } from '../site/src/lib/page-lang.ts';
import { alternativeIndex, useInstead, type AlternativeRecord } from '../site/src/lib/model/use-instead.ts';

describe('site/codes', () => {
  it('labels the families, types and tasks people see as codes, differently in Chinese', () => {
    expect(codeLabel('family', 'QWEN_IMAGE_20_B', 'en')).toEqual({ label: 'Qwen-Image (20B)', known: true });
    expect(codeLabel('family', 'SD_XL', 'en').label).toBe('Stable Diffusion XL');
    expect(codeLabel('family', 'FLUX_1', 'zh').label).toBe('FLUX.1');
    expect(codeLabel('family', 'QWEN_IMAGE_20_B', 'zh').label).toMatch(/通义千问/);
    expect(codeLabel('inference', 'txt2img', 'zh').label).toBe('文生图');
    expect(codeLabel('task', 'text-to-image-synthesis', 'en').label).toBe('Text to image');
    expect(codeLabel('aigc', 'Checkpoint', 'zh').label).toMatch(/完整模型/);
  });

  it('gives an unknown code a readable form of itself, and never treats inherited keys as codes', () => {
    expect(readableCode('SOME_FAMILY_2_1')).toBe('Some Family 2.1');
    expect(codeLabel('family', 'SD_4_1', 'en')).toEqual({ label: 'SD 4.1', known: false });
    expect(codeLabel('family', 'constructor', 'en')).toEqual({ label: 'constructor', known: false });
    expect(codeLabel('task', 'brand-new-task', 'zh')).toEqual({ label: 'brand-new-task', known: false });
  });

  it('lets the Chinese view swap every known English label it can swap without ambiguity', () => {
    const swaps = labelSwaps(codeLabels('en'), codeLabels('zh'));
    expect(swapText(' Text to image ', swaps)).toBe(' 文生图 ');
    expect(swapText('Stable Diffusion XL', swaps)).toBeUndefined(); // the same in both: nothing to swap
    expect(swapText('Image editing', swaps)).toBe('图像编辑');
    // The parameter count is a label with figures.
    expect(labelWithFigures(MODEL_LABELS.zh, 'parameterCount', '[8190000000]')).toBe('81.9 亿');
    expect(MODEL_LABELS.en.parameterCount(8_190_000_000)).toBe('8.19 billion');
  });
});

const rec = (id: string, downloads: number, extra: Partial<AlternativeRecord> = {}): AlternativeRecord => ({
  id, owner: id.split('/')[0] ?? '', baseModels: [], visionFoundation: '', downloads, ...extra,
});

describe('site/use-instead', () => {
  const FLUX = 'black-forest-labs/FLUX.1-dev';
  const listed = [
    rec(FLUX, 9_000_000),
    rec('a/flux-lora-1', 500, { baseModels: [{ id: FLUX, revision: null }], visionFoundation: 'FLUX_1' }),
    rec('b/flux-lora-2', 900, { baseModels: [{ id: FLUX, revision: null }], visionFoundation: 'FLUX_1' }),
    rec('c/flux-other-base', 700, { baseModels: [{ id: 'x/flux-schnell', revision: null }], visionFoundation: 'FLUX_1' }),
    rec('gone/sibling', 10),
    rec('z/sdxl', 100_000, { visionFoundation: 'SDXL' }),
  ];
  const index = alternativeIndex(listed);
  const gone = { owner: 'gone', baseModels: [{ id: FLUX, revision: null }], visionFoundation: 'FLUX_1' };

  it('offers the base model itself, then the same base, family and owner, most downloaded first', () => {
    expect(useInstead('gone/lora', gone, index)).toEqual([
      { id: FLUX, reason: 'base' },
      { id: 'b/flux-lora-2', reason: 'base' },
      { id: 'a/flux-lora-1', reason: 'base' },
      { id: 'c/flux-other-base', reason: 'family' },
      { id: 'gone/sibling', reason: 'owner' },
    ]);
    expect(useInstead('gone/lora', gone, index, 2)).toHaveLength(2);
  });

  it('never offers the model itself, a model off the list, or one twice; falls back to the owner of the id', () => {
    const self = useInstead('b/flux-lora-2', { owner: 'b', baseModels: [{ id: FLUX, revision: null }, { id: 'not/listed', revision: null }], visionFoundation: 'FLUX_1' }, index, 10);
    expect(self.map((a) => a.id)).not.toContain('b/flux-lora-2');
    expect(self.map((a) => a.id)).not.toContain('not/listed');
    expect(new Set(self.map((a) => a.id)).size).toBe(self.length);
    expect(useInstead('gone/unknown', undefined, index)).toEqual([{ id: 'gone/sibling', reason: 'owner' }]);
    expect(useInstead('nobody/x', undefined, index)).toEqual([]);
  });

  it('keeps a bounded few per key, whatever the size of the list', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => rec(`o/m${i}`, i, { baseModels: [{ id: FLUX, revision: null }] }));
    const big = alternativeIndex(many);
    expect(big.byBase.get(FLUX)?.length).toBeLessThanOrEqual(8);
    expect(useInstead('o/gone', { owner: 'o', baseModels: [{ id: FLUX, revision: null }], visionFoundation: '' }, big, 3).map((a) => a.id)).toEqual(['o/m9999', 'o/m9998', 'o/m9997']);
  });
});
