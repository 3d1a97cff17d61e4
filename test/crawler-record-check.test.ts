// isModelRecord stands in for ModelRecord.safeParse on each record a crawl makes (issue 24); it must accept
// exactly what the schema accepts: every field, every kind of value, one at a time and many at once.
import { describe, expect, it } from 'vitest';
import { isModelRecord, RECORD_CHECKS } from '../crawler/record-check.ts';
import { ModelRecord } from '../store/record.ts';

const base = (): Record<string, unknown> => ({
  id: 'owner/name', owner: 'owner', name: 'name', upstreamId: 7, ownerType: 1, ownerFullName: 'Owner', chineseName: '名',
  tasks: ['chat'], tags: ['LoRA', ''], officialTags: [{ name: 'P', chineseName: '写', tag: 'p' }], license: 'mit', licenseUpstream: null,
  inferenceType: 'txt2img', aigcType: 'LoRA', visionFoundation: 'FLUX_1', baseModels: [{ id: 'a/b', revision: 'v1' }],
  companion: { id: 'c/d', revision: null }, triggerWords: ['w'], parameters: 1000, createdAt: '2026-01-02T03:04:05.000Z',
  openaiApi: true, openaiApiSince: '2026-01-02', updatedAt: null, likes: 0, downloads: 5, genImageCount: null,
});

const VALUES: unknown[] = [
  undefined, null, '', 'a', 'ab', 'abc', 'owner/name', ' ', 0, -0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, NaN, Infinity, true, false,
  [], [''], ['a'], [1], [null], [{}], {}, { id: 'a/b', revision: null }, { id: '', revision: null }, { id: 'a/b', revision: '' },
  { id: 'a/b' }, { id: 'a/b', revision: 'v', extra: 1 }, { name: '', chineseName: '', tag: 't' }, { name: '', chineseName: '', tag: '' },
  [{ id: 'a/b', revision: null }], [{ id: 'a/b', revision: 'v', x: 1 }], [{ name: 'n', chineseName: 'c', tag: 't' }], [{ name: 'n', chineseName: 'c', tag: '' }],
  Object.freeze(['a']), Object.freeze([Object.freeze({ id: 'a/b', revision: null })]),
  '2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05.1234Z', '2026-02-30T00:00:00Z', '2026-01-02T03:04:05+08:00', '2026-01-02',
  '2026-02-29', '2024-02-29', '2026-13-01', '+010000-01-01T00:00:00.000Z',
];

const describeValue = (value: unknown): string => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value) ?? 'undefined');

describe('crawler/record-check', () => {
  it('has one rule per field of ModelRecord, in its order', () => {
    expect(Object.keys(RECORD_CHECKS)).toEqual(Object.keys(ModelRecord.shape));
  });

  it('accepts exactly what ModelRecord accepts, field by field and value by value', () => {
    expect(isModelRecord(base())).toBe(true);
    const disagreements: string[] = [];
    for (const key of Object.keys(ModelRecord.shape)) {
      for (const value of VALUES) {
        const record = base();
        if (value === undefined) delete record[key];
        else record[key] = value;
        const zod = ModelRecord.safeParse(record).success;
        if (isModelRecord(record) !== zod) disagreements.push(`${key} = ${describeValue(value)}: zod ${zod}`);
        // The same value met again (a shared list's second record) is judged the same way.
        if (isModelRecord(record) !== zod) disagreements.push(`${key} = ${describeValue(value)} (again): zod ${zod}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses an extra key, a missing required one, an id that is not owner/name, and what is not an object', () => {
    const cases: unknown[] = [{ ...base(), extra: 1 }, { ...base(), id: 'owner/other' }, { ...base(), owner: 'x' }, null, [], 'owner/name', Object.assign(Object.create({ inherited: 1 }) as object, base())];
    const { likes: _likes, ...missing } = base();
    cases.push(missing);
    for (const record of cases) expect(isModelRecord(record), JSON.stringify(record)).toBe(ModelRecord.safeParse(record).success);
  });

  it('agrees on random records', () => {
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const keys = Object.keys(ModelRecord.shape);
    for (let round = 0; round < 3000; round += 1) {
      const record = base();
      for (let changes = random(3); changes >= 0; changes -= 1) {
        const key = keys[random(keys.length)]!;
        const value = VALUES[random(VALUES.length)];
        if (value === undefined) delete record[key];
        else record[key] = value;
      }
      expect(isModelRecord(record), JSON.stringify(record)).toBe(ModelRecord.safeParse(record).success);
    }
  });
});
