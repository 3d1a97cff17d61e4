import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import { dateOfDay, dateOption, datesBetween, dayNumber, isCalendarDate, shanghaiDate } from '../store/dates.ts';
import { IsoDate } from '../store/record.ts';

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

describe('dates/day-numbers', () => {
  it('counts days correctly in every year, the first hundred included', () => {
    for (const date of ['0000-01-01', '0050-03-01', '0099-12-31', '1969-12-31', '1970-01-01', '2026-03-05', '9999-12-31']) {
      expect(dateOfDay(dayNumber(date)), date).toBe(date);
    }
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('0050-01-01')).not.toBe(dayNumber('1950-01-01'));
    expect(datesBetween('0099-12-30', '0100-01-02')).toEqual(['0099-12-31', '0100-01-01']);
  });
});

describe('dates/one-definition', () => {
  it('refuses impossible dates in the written record as it does on the command line', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2026-02-30').success).toBe(false);
    expect(IsoDate.safeParse('2026-13-01').success).toBe(false);
    expect(IsoDate.safeParse('2026-3-01').success).toBe(false);
    expect(() => dateOption('2026-02-30', '--to')).toThrow(UsageError);
    expect(() => dateOption('2026-02-30', '--to')).toThrow('--to must be a calendar date YYYY-MM-DD, got "2026-02-30"');
    expect(dateOption(undefined, '--to')).toBeUndefined();
    expect(dateOption('2026-03-01', '--to')).toBe('2026-03-01');
  });

  it('gives the same answer for a date it has checked before', () => {
    for (let i = 0; i < 3; i++) {
      expect(isCalendarDate('2026-02-28')).toBe(true);
      expect(isCalendarDate('2026-02-30')).toBe(false);
    }
  });
});
