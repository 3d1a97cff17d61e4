// A tombstone's view is derived once from its track (lib/tombstone-view.ts): it carries its figures
// thinned to what its chart can draw, with the table's dates exact, or none while its API file does.
import { describe, expect, it } from 'vitest';
import { DEPARTED_FILE_DAYS, modelDocument } from '../publish/api.ts';
import { chartSource, encodeSeries, modelFigures, parseSeriesAttribute, seriesAttribute, type SeriesFields } from '../publish/model-file.ts';
import { PLAIN_PATHS } from '../publish/urls.ts';
import { valueOn } from '../store/tracks.ts';
import { dayNumber } from '../store/dates.ts';
import { chartTable, FIGURE_ROWS } from '../site/src/lib/model/chart-figures.ts';
import { thinFigures, tombstoneSeries, tombstoneView, TOMBSTONE_POINTS } from '../site/src/lib/model/tombstone-view.ts';
import { checkedDayNumber } from '../store/days.ts';
import type { ModelRecord } from '../store/record.ts';
import type { Track } from '../store/types.ts';
import { model } from './factories.ts';

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
    const figures = modelFigures(track, last + 5);
    expect(thinFigures(figures, [], 60)).toBe(figures);
  });

  it('cuts a long series to about `most` points, exact on the first, the last and every table date', () => {
    const { track, first, last } = longTrack(300);
    const lastDay = last + 20;
    const fields = modelDocument('a/b', track, [], { current: undefined, lastDay });
    const source = chartSource(fields);
    if (source === undefined) throw new Error('no source');
    const exact = chartTable(source.track, lastDay, FIGURE_ROWS).map((row) => checkedDayNumber(row.date));
    const thin: SeriesFields = { intervals: fields.intervals, series: encodeSeries(thinFigures(modelFigures(track, lastDay), exact, 60)) };
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
    // A tombstone's own series is exactly this, thinned on the table's dates.
    expect(tombstoneSeries(track, lastDay, 60)).toBe(seriesAttribute(thin));
  });
});

describe('site/tombstone-view', () => {
  const first = dayNumber('2025-06-01');
  /** 120 days on the list, 60 off, 200 back, then gone: likes every third day, downloads daily. */
  function twoStays(): Track {
    const likes: number[] = [];
    const downloads: number[] = [];
    for (let d = 0; d < 380; d++) {
      if (d >= 120 && d < 180) continue;
      if (d % 3 === 0) likes.push(first + d, 10 + Math.floor(d / 3));
      downloads.push(first + d, 500 + d * d);
    }
    return { presence: [first, first + 119, first + 180, first + 379], likes, downloads, gateway: [], genImages: [], upstreamId: null };
  }
  const inputs = (over: { lastKnown?: ModelRecord[]; records?: ModelRecord[]; tombstoneSince?: number } = {}) => ({
    lastKnown: new Map((over.lastKnown ?? []).map((r) => [r.id, r])),
    records: new Map((over.records ?? []).map((r) => [r.id, r])),
    paths: PLAIN_PATHS,
    siteUrl: 'https://u.github.io/repo/',
    tombstoneSince: over.tombstoneSince ?? 0,
  });

  it('carries the thinned figures of a model gone longer than its file lasts, as the page has always written them', () => {
    const track = twoStays();
    const lastDay = first + 429; // 50 days gone: past DEPARTED_FILE_DAYS, so no API file
    expect(lastDay - (first + 379)).toBeGreaterThan(DEPARTED_FILE_DAYS);
    const view = tombstoneView('acme/gone', track, inputs(), lastDay);
    expect(view.json).toBeUndefined();
    // The text the build wrote before the view was derived in one step (track → file → chart → table → thinned → text).
    expect(view.series).toBe(
      '2025-06-01 2025-09-28,2025-11-28 2026-06-15;2025-08-05;0,6,7,6,6,2,5,6,6,7,3,63,7,6,6,7,6,6,7,6,6,7,6,6,7,6,2,4,7,6,6,7,6,7,6,6,6,1,6,6,7,6,6,7,6;' +
        '31,2,3,2,2,0,2,2,2,2,1,21,3,2,2,2,2,2,2,2,2,3,2,2,2,2,1,1,2,2,2,3,2,2,2,2,2,0,2,2,3,2,2,2,2;' +
        '4725,816,1043,972,1044,364,945,1200,1272,1575,705,18963,2597,2304,2376,2863,2532,2604,3129,2760,2832,3395,2988,3060,3661,3216,1088,2200,3927,3444,3516,4193,3672,4375,3828,3900,3972,669,4056,4128,4907,4284,4356,5173,4512',
    );
    expect(view.series).toBe(tombstoneSeries(track, lastDay));
    // Read back as the browser does: the stays clipped to the year of figures, the table's figures exact.
    const read = chartSource(parseSeriesAttribute(view.series ?? ''));
    if (read === undefined) throw new Error('unreadable');
    expect(read.track.presence).toEqual([lastDay - 364, first + 119, first + 180, first + 379]);
    const table = chartTable(read.track, lastDay, FIGURE_ROWS);
    for (const { date, likes, downloads } of table.filter((row) => row.likes !== null)) {
      expect([likes, downloads], date).toEqual([valueOn(track.likes, checkedDayNumber(date)), valueOn(track.downloads, checkedDayNumber(date))]);
    }
    expect(parseSeriesAttribute(view.series ?? '')?.series.days.length).toBeLessThanOrEqual(TOMBSTONE_POINTS + 1 + FIGURE_ROWS);
    // No record survives: its name and owner come from the id, its figures from the track.
    expect(view).toMatchObject({ name: 'gone', owner: 'acme', record: undefined, likes: 136, downloads: 500 + 379 * 379, alternatives: [] });
    expect(view.timeline.map(({ from, to, days, ongoing }) => [from, to, days, ongoing])).toEqual([['2025-06-01', '2025-09-28', 120, false], ['2025-11-28', '2026-06-15', 200, false]]);
  });

  it('points a recent departure at its API file and carries no figures of its own', () => {
    const track = twoStays();
    const lastDay = first + 390;
    const record = model('acme/gone', { name: 'gone', chineseName: '走了' });
    const listed = [model('acme/other', { downloads: 5 }), model('elsewhere/x')];
    const view = tombstoneView('acme/gone', track, inputs({ lastKnown: [record], records: listed }), lastDay);
    expect(view.series).toBeUndefined();
    expect(view.json).toBe('/repo/api/models/acme/gone.json');
    expect(view.record).toBe(record);
    expect(view.alternatives).toEqual([{ id: 'acme/other', reason: 'owner' }]);
    // The same model long gone, and before the tombstone window too: figures on the page, no file.
    expect(tombstoneView('acme/gone', track, inputs({ tombstoneSince: lastDay }), lastDay)).toMatchObject({ json: undefined, series: tombstoneSeries(track, lastDay) });
  });

  it('carries a short history whole', () => {
    const { track, last } = longTrack(20);
    const lastDay = last + DEPARTED_FILE_DAYS + 1;
    const fields = modelDocument('a/b', track, [], { current: undefined, lastDay });
    expect(tombstoneView('a/b', track, inputs(), lastDay).series).toBe(seriesAttribute(fields));
  });
});
