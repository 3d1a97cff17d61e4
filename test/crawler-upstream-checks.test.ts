// normaliseModel checks an upstream item with UPSTREAM_CHECKS and asks zod only about one that fails them
// (issue 24: zod copying every one of 60,000 items was a tenth of a crawl). That is only right while the
// two agree: every key, every kind of value, one at a time and all together.
import { describe, expect, it } from 'vitest';
import { UPSTREAM_CHECKS, UPSTREAM_FIELDS, UPSTREAM_KEYS, UpstreamModel } from '../crawler/modelscope.ts';

const VALUES: unknown[] = [
  undefined, null, '', 'x', ' 12 ', '名', 0, -0, 1, -1, 1.5, 2 ** 60, Number.MAX_VALUE, NaN, Infinity, -Infinity, true, false,
  [], [1], ['a'], [null], {}, { Name: 'x' }, () => 1, 10n, Symbol('s'), new Date(0), Object.create(null),
];

/** A record every check passes: the minimum the schema asks for. */
const valid = (): Record<string, unknown> => {
  const item: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  item['Path'] = 'owner';
  item['Name'] = 'name';
  return item;
};

const fastCheck = (item: Record<string, unknown>): boolean => UPSTREAM_FIELDS.every(([key, check]) => check(Object.hasOwn(item, key) ? item[key] : undefined));

describe('crawler/upstream-checks', () => {
  it('has one check per key the schema reads, in its order', () => {
    expect(Object.keys(UPSTREAM_CHECKS)).toEqual(UPSTREAM_KEYS);
    expect(UPSTREAM_FIELDS.map(([key]) => key)).toEqual(Object.keys(UpstreamModel.shape));
  });

  it('accepts exactly what UpstreamModel accepts, key by key and value by value', () => {
    const disagreements: string[] = [];
    for (const key of UPSTREAM_KEYS) {
      for (const value of VALUES) {
        const item = valid();
        if (value === undefined) delete item[key];
        else item[key] = value;
        const zod = UpstreamModel.safeParse(item).success;
        if (fastCheck(item) !== zod) disagreements.push(`${key} = ${typeof value === 'symbol' ? 'symbol' : typeof value === 'bigint' ? `${value}n` : JSON.stringify(value) ?? String(value)}: zod ${zod}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('agrees on random whole items', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 3000; round += 1) {
      const item = valid();
      for (const key of UPSTREAM_KEYS) {
        if (random(3) !== 0) continue;
        const value = VALUES[random(VALUES.length)];
        if (value === undefined) delete item[key];
        else item[key] = value;
      }
      expect(fastCheck(item), JSON.stringify(Object.keys(item))).toBe(UpstreamModel.safeParse(item).success);
    }
  });
});
