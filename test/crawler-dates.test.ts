import { describe, expect, it } from 'vitest';
import { coerceTimestamp, isCalendarDate, shanghaiDate } from '../crawler/dates.ts';

describe('dates/shanghai-day', () => {
  it('uses Asia/Shanghai, not UTC', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('yesterday')).toBe(false);
  });
});

describe('dates/timestamp-coercion', () => {
  it.each([
    [1771213910, '2026-02-16T03:51:50.000Z'],
    ['1771213910', '2026-02-16T03:51:50.000Z'],
    [' 1771213910 ', '2026-02-16T03:51:50.000Z'],
    [1771213910123, '2026-02-16T03:51:50.123Z'],
    ['2026-02-16T03:51:50Z', '2026-02-16T03:51:50.000Z'],
    [0, null],
    [-5, null],
    ['', null],
    ['soon', null],
    [null, null],
    [undefined, null],
    [{}, null],
    [Number.NaN, null],
    [1e20, null],
  ])('%j → %j', (input, expected) => {
    expect(coerceTimestamp(input)).toBe(expected);
  });
});
