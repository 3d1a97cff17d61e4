import { describe, expect, it } from 'vitest';
import { filterIgnored, inconsistency, maxShortfall, sharpShrink, tooManyRejected } from '../crawler/guards.ts';

const pass = (totals: number[], uniqueIds: number, items = uniqueIds, withoutId = 0) => ({ totals, items, uniqueIds, withoutId });

describe('guards/consistency', () => {
  it('accepts a listing whose distinct ids equal TotalCount on every page', () => {
    expect(inconsistency(pass([250, 250, 250], 250))).toBeUndefined();
    expect(inconsistency(pass([3], 2, 3, 1))).toBeUndefined();
  });
  it('flags a TotalCount that moved between pages', () => {
    expect(inconsistency(pass([250, 251, 251], 250))).toMatch(/TotalCount changed from 250 to 251/);
  });
  it('flags duplicates and misses from a shifted page', () => {
    expect(inconsistency(pass([250, 250, 250], 249, 250))).toMatch(/249 distinct models for TotalCount 250 \(1 duplicates\)/);
  });
  it('flags a pass with no pages', () => {
    expect(inconsistency(pass([], 0))).toMatch(/no pages/);
  });
});

describe('guards/filter', () => {
  it('accepts a filtered list smaller than the hub with every record flagged', () => {
    expect(filterIgnored({ filteredTotal: 100, unfilteredTotal: 400, recordsRead: 100, withoutInference: 0, sample: [] })).toBeUndefined();
  });
  it('refuses when the filtered total is the whole hub', () => {
    expect(filterIgnored({ filteredTotal: 400, unfilteredTotal: 400, recordsRead: 100, withoutInference: 0, sample: [] })).toMatch(/filter was ignored/);
  });
  // Was "refuses when records lack SupportInference" (any one): issue 19 refuses only when most do.
  it('accepts a few records without SupportInference, up to half of those read', () => {
    expect(filterIgnored({ filteredTotal: 100, unfilteredTotal: 400, recordsRead: 100, withoutInference: 2, sample: ['a/b', 'c/d'] })).toBeUndefined();
    expect(filterIgnored({ filteredTotal: 100, unfilteredTotal: 400, recordsRead: 100, withoutInference: 50, sample: ['a/b'] })).toBeUndefined();
  });
  it('refuses when most records lack SupportInference', () => {
    expect(filterIgnored({ filteredTotal: 100, unfilteredTotal: 400, recordsRead: 100, withoutInference: 51, sample: ['a/b', 'c/d'] }))
      .toMatch(/51 of 100 returned models .*a\/b, c\/d/);
  });
  it('bounds the shortfall taken for the service at max(10, 0.5%)', () => {
    expect(maxShortfall(320)).toBe(10);
    expect(maxShortfall(60_000)).toBe(300);
  });
});

describe('guards/shrink', () => {
  const policy = { maxShrink: 0.3, allowShrink: false };
  it('accepts a loss up to the threshold', () => {
    expect(sharpShrink({ date: '2026-01-01', count: 1000 }, 700, policy)).toBeUndefined();
  });
  it('refuses a loss beyond it, naming both counts', () => {
    expect(sharpShrink({ date: '2026-01-01', count: 1000 }, 699, policy)).toMatch(/shrank 30\.1% \(1000 on 2026-01-01 → 699\)/);
  });
  it('lets --allow-shrink through', () => {
    expect(sharpShrink({ date: '2026-01-01', count: 1000 }, 10, { ...policy, allowShrink: true })).toBeUndefined();
  });
  it('refuses an empty first list but accepts growth', () => {
    expect(sharpShrink(undefined, 0, policy)).toMatch(/empty/);
    expect(sharpShrink(undefined, 5, policy)).toBeUndefined();
    expect(sharpShrink({ date: '2026-01-01', count: 10 }, 50, policy)).toBeUndefined();
  });
});

describe('guards/unreadable-records', () => {
  it('tolerates up to 1% unusable records and refuses more', () => {
    expect(tooManyRejected(10, 1000)).toBeUndefined();
    expect(tooManyRejected(11, 1000)).toMatch(/11 of 1000/);
  });
});
