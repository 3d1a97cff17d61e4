// Issue 20: every upstream timestamp (a record's CreatedTime / LastUpdatedTime, the gateway's `created`)
// goes through one reader: seconds or milliseconds, and an absurd value becomes null with a reason, never a crash.
import { describe, expect, it } from 'vitest';
import { gatewaySince, parseGatewayList } from '../crawler/modelscope.ts';
import { coerceTimestamp, isRejected, normaliseModel } from '../crawler/normalise.ts';
import { readTimestamp, type TimestampProblem } from '../crawler/timestamps.ts';

const S = 1771213910; // 2026-02-16T03:51:50Z

/** Values nothing may crash on, each with the problem it must be counted under. */
const ABSURD: [unknown, TimestampProblem][] = [
  [Number.POSITIVE_INFINITY, 'not finite'],
  [Number.NEGATIVE_INFINITY, 'not finite'],
  [Number.NaN, 'not finite'],
  [Number.MAX_VALUE, 'from 2100 on'],
  [Number.MAX_SAFE_INTEGER, 'from 2100 on'],
  [2 ** 53 - 1, 'from 2100 on'],
  [1e20, 'from 2100 on'],
  [8.64e15 + 1, 'from 2100 on'], // past the last instant a Date can hold: new Date() is invalid, toISOString throws
  [8.64e12 + 1, 'from 2100 on'], // read as ms: 2243
  [5e11, 'before 2000'], // read as ms: 1985-11-05
  [4102444800, 'from 2100 on'], // 2100-01-01T00:00:00Z in seconds
  [4102444800000, 'from 2100 on'],
  [99999999999, 'from 2100 on'], // seconds, the year 5138
  [946684799, 'before 2000'], // 1999-12-31T23:59:59Z
  [946684799000, 'before 2000'],
  [5, 'before 2000'],
  [-5, 'negative'],
  [-1771213910, 'negative'],
  ['9'.repeat(400), 'not finite'],
  ['4102444800', 'from 2100 on'],
  ['-5', 'negative'],
  ['9999-12-31T00:00:00Z', 'from 2100 on'],
  ['1999-12-31T23:59:59Z', 'before 2000'],
  ['2026-13-45T99:00:00Z', 'unreadable'],
  ['soon', 'unreadable'],
  ['1e20', 'unreadable'],
  [true, 'unreadable'],
  [{}, 'unreadable'],
  [[S], 'unreadable'],
];

describe('timestamps/read', () => {
  it.each([
    [S, '2026-02-16T03:51:50.000Z'],
    [S * 1000 + 123, '2026-02-16T03:51:50.123Z'],
    [`${S}`, '2026-02-16T03:51:50.000Z'],
    [` ${S * 1000} `, '2026-02-16T03:51:50.000Z'],
    [`${S}.5`, '2026-02-16T03:51:50.500Z'],
    ['2026-02-16T03:51:50Z', '2026-02-16T03:51:50.000Z'],
    [946684800, '2000-01-01T00:00:00.000Z'],
    [4102444799, '2099-12-31T23:59:59.000Z'],
    [4102444799999, '2099-12-31T23:59:59.999Z'],
  ])('%j is read as %s, in seconds or milliseconds alike', (value, iso) => {
    expect(coerceTimestamp(value)).toBe(iso);
    expect(readTimestamp(value).problem).toBeUndefined();
  });

  it.each([[undefined], [null], [''], ['  '], [0], ['0']])('%j is absent: null, and no problem counted', (value) => {
    expect(readTimestamp(value)).toEqual({ ms: null, problem: undefined });
    expect(coerceTimestamp(value)).toBeNull();
  });

  it.each(ABSURD)('%j is absurd (%s): null, counted, never a throw', (value, problem) => {
    expect(readTimestamp(value)).toEqual({ ms: null, problem });
    expect(() => coerceTimestamp(value)).not.toThrow();
    expect(coerceTimestamp(value)).toBeNull();
    expect(gatewaySince(value)).toBeNull();
  });

  it('reads the gateway `created` with the same helper: same values kept, same values refused', () => {
    const values: unknown[] = [S, S * 1000, `${S}`, 1745856000, 1745856000000, ...ABSURD.map(([v]) => v)];
    for (const value of values) {
      const iso = coerceTimestamp(value);
      const since = gatewaySince(value);
      expect(since === null).toBe(iso === null);
      // A Shanghai date is the UTC instant plus 8 hours.
      if (iso !== null) expect(since).toBe(new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10));
    }
    expect(gatewaySince(1745856000)).toBe('2025-04-29');
    expect(gatewaySince(1745856000000)).toBe('2025-04-29');
  });
});

const item = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  Path: 'owner',
  Name: 'model',
  Stars: 1,
  Downloads: 2,
  SupportInference: 'txt2txt',
  CreatedTime: S,
  LastUpdatedTime: S,
  ...overrides,
});

describe('timestamps/counted', () => {
  it.each(ABSURD)('a record with CreatedTime %j is kept with createdAt null, and the problem (%s) is told', (value, problem) => {
    const heard: string[] = [];
    const record = normaliseModel(item({ CreatedTime: value, LastUpdatedTime: value }), new Map(), { nulledTimestamp: (field, why) => heard.push(`${field}: ${why}`) });
    expect(isRejected(record)).toBe(false);
    expect(record).toMatchObject({ createdAt: null, updatedAt: null });
    expect(heard).toEqual([`CreatedTime: ${problem}`, `LastUpdatedTime: ${problem}`]);
  });

  it('tells nothing for absent or good timestamps', () => {
    const heard: string[] = [];
    const notes = { nulledTimestamp: (field: string) => void heard.push(field) };
    normaliseModel(item({ CreatedTime: null, LastUpdatedTime: 0 }), new Map(), notes);
    normaliseModel(item(), new Map(), notes);
    expect(heard).toEqual([]);
  });

  it('reads a gateway list with absurd `created` values without throwing, and tells each one', () => {
    const heard: string[] = [];
    const absurd = ABSURD.map(([created], n) => ({ id: `x/${n}`, created }));
    const data = [{ id: 'a/ok', created: S }, { id: 'b/ms', created: S * 1000 }, { id: 'c/text', created: `${S}` }, ...absurd];
    const models = parseGatewayList({ data }, 'gateway', (id, problem) => heard.push(`${id} ${problem}`));
    expect(models.get('a/ok')).toBe('2026-02-16');
    expect(models.get('b/ms')).toBe('2026-02-16');
    expect(models.get('c/text')).toBe('2026-02-16');
    expect([...models].filter(([id]) => id.startsWith('x/')).every(([, since]) => since === null)).toBe(true);
    expect(heard).toHaveLength(absurd.length);
  });
});
