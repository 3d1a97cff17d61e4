import { describe, expect, it } from 'vitest';
import { dayNumber } from '../store/dates.ts';
import { leftOnDay, stays, tombstone } from '../site/src/lib/model/stays.ts';
import { checkedDayNumber, civil, dateOfDay, dayOfCivil } from '../store/days.ts';

/** Day number of a date, written as a date so fixtures read as calendars. */
const d = (date: string): number => dayNumber(date);
/** A presence array from `[from, to]` date pairs. */
const presence = (...pairs: [string, string][]): number[] => pairs.flatMap(([from, to]) => [d(from), d(to)]);

describe('site/stays/dates', () => {
  it('agrees with the store on every day across four centuries, leap days and 1900 included', () => {
    const days = Array.from({ length: d('2300-01-05') - d('1899-12-25') }, (_, i) => d('1899-12-25') + i);
    expect(days.map(dateOfDay).join()).toBe(days.map(dateOfDay).join());
    expect(dateOfDay(d('2024-02-29'))).toBe('2024-02-29');
    expect(civil(d('2000-02-29'))).toEqual({ year: 2000, month: 2, day: 29 });
    expect(dayOfCivil(1970, 1, 1)).toBe(0);
  });

  it('reads dates back to day numbers and refuses what is not a calendar date', () => {
    for (const date of ['0050-03-01', '1969-12-31', '1970-01-01', '2026-03-05', '9999-12-31']) expect(checkedDayNumber(date)).toBe(dayNumber(date));
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '', 'yesterday']) expect(() => checkedDayNumber(bad), bad).toThrow(RangeError);
  });
});

describe('site/stays/stays', () => {
  it('counts both ends of a stay, so one night is one day and a month is all its days', () => {
    expect(stays(presence(['2026-03-01', '2026-03-01'], ['2026-04-01', '2026-04-30']), d('2026-04-30'))).toEqual([
      { from: '2026-03-01', to: '2026-03-01', days: 1, ongoing: false },
      { from: '2026-04-01', to: '2026-04-30', days: 30, ongoing: true },
    ]);
  });

  it('counts calendar days across a leap day', () => {
    expect(stays(presence(['2024-02-28', '2024-03-01']), d('2024-03-01'))[0]?.days).toBe(3);
  });

  it('marks no stay ongoing once the model is gone', () => {
    expect(stays(presence(['2026-03-01', '2026-03-09']), d('2026-03-10')).map((s) => s.ongoing)).toEqual([false]);
  });

  it('gives nothing for an empty track and ignores a stray odd number', () => {
    expect(stays([], d('2026-03-10'))).toEqual([]);
    expect(stays([...presence(['2026-03-01', '2026-03-02']), d('2026-03-05')], d('2026-03-10'))).toHaveLength(1);
  });
});

describe('site/stays/departure-day', () => {
  const observed = ['2026-03-01', '2026-03-02', '2026-03-05', '2026-03-06'].map(d);

  it('is the first observed night after the last one seen, past nights without a snapshot', () => {
    expect(dateOfDay(leftOnDay(d('2026-03-02'), observed))).toBe('2026-03-05');
  });

  it('is the next calendar day without the observed nights, or when none comes after', () => {
    expect(dateOfDay(leftOnDay(d('2026-03-02')))).toBe('2026-03-03');
    expect(dateOfDay(leftOnDay(d('2026-03-06'), observed))).toBe('2026-03-07');
    expect(dateOfDay(leftOnDay(d('2026-03-05'), observed))).toBe('2026-03-06');
  });
});

describe('site/stays/tombstone', () => {
  it('is null while the model is on the list, and for a track with no stay', () => {
    expect(tombstone({ presence: presence(['2026-03-01', '2026-03-09']) }, d('2026-03-09'))).toBeNull();
    expect(tombstone({ presence: [] }, d('2026-03-09'))).toBeNull();
  });

  it('gives the departure night and the length of the last stay only', () => {
    const track = { presence: presence(['2026-01-01', '2026-02-01'], ['2026-03-01', '2026-03-10']) };
    expect(tombstone(track, d('2026-03-20'))).toEqual({ leftOn: '2026-03-11', afterDays: 10 });
    expect(tombstone(track, d('2026-03-20'), [d('2026-03-10'), d('2026-03-13')])).toEqual({ leftOn: '2026-03-13', afterDays: 10 });
  });
});
