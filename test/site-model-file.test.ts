// A tombstone carries its figures thinned to what its chart can draw, with the table's dates exact.
import { describe, expect, it } from 'vitest';
import { modelDocument } from '../publish/api.ts';
import { valueOn } from '../store/tracks.ts';
import { dayNumber } from '../store/dates.ts';
import { chartTable, FIGURE_ROWS } from '../site/src/lib/chart-figures.ts';
import { chartSource, parseSeriesAttribute, seriesAttribute, thinSeries } from '../site/src/lib/model-file.ts';
import { checkedDayNumber } from '../store/days.ts';

/** A model on the list for `days` days whose downloads change every day, then gone. */
function longTrack(days: number) {
  const first = dayNumber('2026-01-01');
  const downloads: number[] = [];
  const likes: number[] = [];
  for (let i = 0; i < days; i++) downloads.push(first + i, 1000 + i * i);
  for (let i = 0; i < days; i += 7) likes.push(first + i, i);
  return { first, last: first + days - 1, track: { gateway: [], genImages: [], upstreamId: null, presence: [first, first + days - 1], likes, downloads } };
}

describe('site/model-file thinSeries', () => {
  it('keeps a short series as it is', () => {
    const { track, last } = longTrack(30);
    const fields = modelDocument('a/b', track, [], { current: undefined, lastDay: last + 5 });
    expect(thinSeries(fields, [], 60)).toBe(fields);
  });

  it('cuts a long series to about `most` points, exact on the first, the last and every table date', () => {
    const { track, first, last } = longTrack(300);
    const lastDay = last + 20;
    const fields = modelDocument('a/b', track, [], { current: undefined, lastDay });
    const source = chartSource(fields);
    if (source === undefined) throw new Error('no source');
    const exact = chartTable(source.track, lastDay, FIGURE_ROWS).map((row) => checkedDayNumber(row.date));
    const thin = thinSeries(fields, exact, 60);
    expect(thin.series.days.length).toBeLessThanOrEqual(60 + exact.length);
    expect(thin.series.days.length).toBeGreaterThan(40);
    // Through the attribute and back, as the page reads it.
    const read = chartSource(parseSeriesAttribute(seriesAttribute(thin)));
    if (read === undefined) throw new Error('unreadable');
    for (const day of [first, last, ...exact.filter((d) => d <= last)]) {
      expect(valueOn(read.track.downloads, day), `downloads on ${day}`).toBe(valueOn(track.downloads, day));
      expect(valueOn(read.track.likes, day), `likes on ${day}`).toBe(valueOn(track.likes, day));
    }
    // The table the page draws from the thinned figures is the table of the full ones.
    expect(chartTable(read.track, lastDay, FIGURE_ROWS)).toEqual(chartTable(source.track, lastDay, FIGURE_ROWS));
    // And it is smaller by far.
    expect(seriesAttribute(thin).length).toBeLessThan(seriesAttribute(fields).length / 3);
  });
});
