// The Chinese view of a model page (one page file, `?lang=zh`), and what a model page's script reads: a
// model file's chart fields (or a tombstone's `data-series`, their compact text) and its snippet record.
import { describe, expect, it } from 'vitest';
import { modelDocument } from '../publish/api.ts';
import { valueOn } from '../store/tracks.ts';
import { dayNumber } from '../store/dates.ts';
import { COMMON_LABELS } from '../site/src/i18n/common.ts';
import { MODEL_LABELS } from '../site/src/i18n/model.ts';
import { labelSwaps, labelWithFigures, modelView, swapText, viewLang } from '../site/src/lib/page-lang.ts';
import { chartSource, decodeSeries, encodeSeries, modelSeries, parseSeriesAttribute, seriesAttribute, serialiseModelDocument, snippetModel, type SeriesFields } from '../publish/model-file.ts';
import { thinFigures } from '../site/src/lib/model/tombstone-view.ts';
import { modelPath } from '../site/src/lib/catalog/catalog-format.ts';
import type { ModelRecord } from '../store/record.ts';
import { model } from './factories.ts';

describe('site/page-lang', () => {
  it('puts the Chinese view of a model page at ?lang=zh of the same file', () => {
    expect(modelView('models/a/b/', 'en')).toBe('models/a/b/');
    expect(modelView('models/a/b/', 'zh')).toBe('models/a/b/?lang=zh');
    expect(viewLang('?lang=zh')).toBe('zh');
    expect(viewLang('?x=1&lang=zh')).toBe('zh');
    for (const search of ['', '?lang=en', '?lang=ZH', '?lang=zh-Hans']) expect(viewLang(search), search).toBe('en');
    expect(modelPath({ owner: 'a', name: 'b', href: null }, 'zh', '/repo/')).toBe('/repo/models/a/b/?lang=zh');
    expect(modelPath({ owner: 'a', name: 'b c', href: null }, 'en', '/repo/')).toBe('/repo/models/a/b%20c/');
  });

  it('pairs every plain English label with its Chinese one, nested ones included', () => {
    const swaps = labelSwaps(MODEL_LABELS.en, MODEL_LABELS.zh, labelSwaps(COMMON_LABELS.en, COMMON_LABELS.zh));
    expect(swaps.get('Likes')).toBe('点赞');
    expect(swaps.get(COMMON_LABELS.en.nav.catalog)).toBe(COMMON_LABELS.zh.nav.catalog);
    expect(swaps.get(MODEL_LABELS.en.snippetNote.lora)).toBe(MODEL_LABELS.zh.snippetNote.lora);
    // A text both languages share is no label to swap ("LoRA", "JSON").
    expect(swaps.has('LoRA')).toBe(false);
    expect(swaps.has('JSON')).toBe(false);
  });

  it('drops an English text that two areas translate differently, rather than guess', () => {
    const swaps = labelSwaps({ a: 'Left', b: { c: 'Kept' } }, { a: '下榜', b: { c: '保留' } });
    labelSwaps({ x: 'Left' }, { x: '离开' }, swaps);
    expect(swapText('Left', swaps)).toBeUndefined();
    expect(swaps.get('Kept')).toBe('保留');
    labelSwaps({ y: 'Left' }, { y: '下榜' }, swaps);
    expect(swapText('Left', swaps)).toBeUndefined();
    expect(swapText('Kept', swaps)).toBe('保留');
  });

  it('swaps a whole text node only, keeping the white space around it', () => {
    const swaps = new Map<string, string | null>([['Likes', '点赞']]);
    expect(swapText('  Likes ', swaps)).toBe('  点赞 ');
    expect(swapText('Likes: 3', swaps)).toBeUndefined();
    expect(swapText('   ', swaps)).toBeUndefined();
  });

  it('writes labels with figures from the page’s arguments, and refuses anything else', () => {
    expect(labelWithFigures(MODEL_LABELS.zh, 'leftAfter', '["2026-03-01",12]')).toBe(MODEL_LABELS.zh.leftAfter('2026-03-01', 12));
    expect(labelWithFigures(MODEL_LABELS.zh, 'stayOf', '[1]')).toBe(MODEL_LABELS.zh.stayOf(1));
    expect(labelWithFigures(MODEL_LABELS.zh, 'likes', '[]')).toBeUndefined();
    expect(labelWithFigures(MODEL_LABELS.zh, 'leftAfter', 'not json')).toBeUndefined();
    expect(labelWithFigures(MODEL_LABELS.zh, 'leftAfter', '[{"a":1}]')).toBeUndefined();
    expect(labelWithFigures(MODEL_LABELS.zh, 'constructor', '[]')).toBeUndefined();
  });
});

describe('site/model-file', () => {
  const lastDay = dayNumber('2026-03-10');
  const track = {
    gateway: [], genImages: [], upstreamId: null, presence: [dayNumber('2026-03-01'), dayNumber('2026-03-04'), dayNumber('2026-03-07'), lastDay],
    likes: [dayNumber('2026-03-01'), 5, dayNumber('2026-03-03'), 7, dayNumber('2026-03-08'), 4],
    downloads: [dayNumber('2026-03-01'), 100, dayNumber('2026-03-09'), 250],
  };

  it('reads back exactly the track a model file was written from', () => {
    const doc = modelDocument('a/b', track, [], { current: undefined, lastDay });
    const parsed: unknown = JSON.parse(serialiseModelDocument(doc));
    const source = chartSource(parsed);
    expect(source?.from).toBe(dayNumber('2026-03-01'));
    expect(source?.track.presence).toEqual(track.presence);
    // The series holds a point wherever either figure changed, so compare the values day by day.
    for (let day = dayNumber('2026-03-01'); day <= lastDay; day++) {
      expect(valueOn(source?.track.likes ?? [], day), `likes ${day}`).toBe(valueOn(track.likes, day));
      expect(valueOn(source?.track.downloads ?? [], day), `downloads ${day}`).toBe(valueOn(track.downloads, day));
    }
  });

  it('clips stays to the figures’ window of a long-listed model', () => {
    const long = { gateway: [], genImages: [], upstreamId: null, presence: [lastDay - 500, lastDay], likes: [lastDay - 500, 1, lastDay - 3, 2], downloads: [lastDay - 500, 9] };
    const doc = modelDocument('a/b', long, [], { current: undefined, lastDay });
    const source = chartSource(JSON.parse(serialiseModelDocument(doc)));
    const from = dayNumber(modelSeries(long, lastDay).from);
    expect(source?.track.presence).toEqual([from, lastDay]);
    expect(valueOn(source?.track.likes ?? [], from)).toBe(1);
    expect(valueOn(source?.track.likes ?? [], lastDay)).toBe(2);
    expect(source?.track.likes[0]).toBe(from);
  });

  it('gives no chart for a file of the wrong shape', () => {
    const good = { intervals: [{ from: '2026-03-01', to: '2026-03-02' }], series: { from: '2026-03-01', days: [0], likes: [1], downloads: [2] } };
    expect(chartSource(good)).toBeDefined();
    for (const bad of [null, 'x', {}, { ...good, intervals: null }, { ...good, intervals: [{ from: '2026-3-1', to: '2026-03-02' }] },
      { ...good, series: { ...good.series, likes: [1, 2] } }, { ...good, series: { ...good.series, days: [] , likes: [], downloads: [] } },
      { ...good, series: { ...good.series, downloads: ['2'] } }, { ...good, series: { ...good.series, days: [0.5] } }]) {
      expect(chartSource(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  /** The chart fields of the model file written from `t` (the fields a tombstone puts in data-series). */
  const fieldsOf = (t: typeof track): SeriesFields => {
    const { intervals, series } = JSON.parse(serialiseModelDocument(modelDocument('a/b', t, [], { current: undefined, lastDay }))) as SeriesFields;
    return { intervals, series };
  };
  /** `fields` thinned as a tombstone thins its figures before encoding them (lib/tombstone-view.ts). */
  const thinSeries = (fields: SeriesFields, exact: readonly number[]): SeriesFields => ({ intervals: fields.intervals, series: encodeSeries(thinFigures(decodeSeries(fields.series), exact)) });

  it('writes a model file’s chart fields as attribute text that reads back to the same chart', () => {
    const long = { gateway: [], genImages: [], upstreamId: null, presence: [lastDay - 500, lastDay - 400, lastDay - 20, lastDay - 2], likes: [lastDay - 500, 1, lastDay - 3, 2], downloads: [lastDay - 500, 9, lastDay - 10, 7] };
    for (const t of [track, long]) {
      const fields = fieldsOf(t);
      const text = seriesAttribute(fields);
      // No quotes (each would cost six bytes in an attribute), nothing but dates, numbers and separators.
      expect(text).toMatch(/^[0-9 ,;-]+$/);
      expect(parseSeriesAttribute(text)).toEqual(fields);
      const source = chartSource(parseSeriesAttribute(text));
      expect(source).toBeDefined();
      expect(source).toEqual(chartSource(fields));
    }
    // The format: stays as `from to` joined by commas; the series' first day; then days, likes and downloads.
    const fields = fieldsOf(track);
    expect(seriesAttribute(fields)).toBe(
      `2026-03-01 2026-03-04,2026-03-07 2026-03-10;2026-03-01;${fields.series.days.join(',')};${fields.series.likes.join(',')};${fields.series.downloads.join(',')}`,
    );
    expect(fields.series).toEqual({ from: '2026-03-01', days: [0, 2, 5, 1], likes: [5, 2, -3, 0], downloads: [100, 0, 0, 150] });
    // Negative differences (a figure that fell) survive the trip.
    expect(seriesAttribute(fields)).toContain(';5,2,-3,0;');
    // A model seen on one day only.
    const one: SeriesFields = { intervals: [{ from: '2026-03-10', to: '2026-03-10' }], series: { from: '2026-03-10', days: [0], likes: [0], downloads: [3] } };
    expect(seriesAttribute(one)).toBe('2026-03-10 2026-03-10;2026-03-10;0;0;3');
    expect(chartSource(parseSeriesAttribute(seriesAttribute(one)))).toEqual(chartSource(one));
  });

  it('gives no chart for attribute text of another shape', () => {
    const good = '2026-03-01 2026-03-02;2026-03-01;0,1;1,1;2,3';
    expect(chartSource(parseSeriesAttribute(good))).toBeDefined();
    for (const bad of [
      '', 'x', '2026-03-01 2026-03-02;2026-03-01;0,1;1,1', // too few parts
      `${good};4`, // too many
      '2026-03-01 2026-03-02;2026-03-01;0,1.5;1,1;2,3', '2026-03-01 2026-03-02;2026-03-01;0,1;1,1e3;2,3', '2026-03-01 2026-03-02;2026-03-01;0,1;1,1;2,0x3',
      '2026-03-01 2026-03-02;2026-03-01;0,1;1,;2,3', '2026-03-01 2026-03-02;2026-03-01;0, 1;1,1;2,3', '2026-03-01 2026-03-02;2026-03-01;0,1;1,1;2,+3', // not integers
      '2026-03-01 2026-03-02;2026-03-01;0,1;1;2,3', // lists of different lengths
      '2026-03-01 2026-03-02;2026-03-01;;;', // no figures
      '2026-03-01 2026-03-02;2026-3-1;0,1;1,1;2,3', '2026-03-01 2026-03-02;;0,1;1,1;2,3', // bad series date
      '2026-03-01;2026-03-01;0,1;1,1;2,3', '2026-03-01 x;2026-03-01;0,1;1,1;2,3', '2026-03-01  2026-03-02;2026-03-01;0,1;1,1;2,3', // bad stays
      '"2026-03-01 2026-03-02";2026-03-01;0,1;1,1;2,3',
    ]) {
      expect(chartSource(parseSeriesAttribute(bad)), JSON.stringify(bad)).toBeUndefined();
    }
    // A model file of a model with no stays reads as one with no presence, and so does its attribute text.
    expect(chartSource(parseSeriesAttribute(';2026-03-01;0;1;2'))?.track.presence).toEqual([]);
    // Dates of the right shape that are no calendar dates give no chart (and throw nothing).
    expect(chartSource(parseSeriesAttribute('2026-02-30 2026-03-02;2026-03-01;0;1;2'))).toBeUndefined();
    expect(chartSource(parseSeriesAttribute('2026-03-01 2026-03-02;2026-13-45;0;1;2'))).toBeUndefined();
    // A stay that ends before it starts is no stay.
    expect(chartSource(parseSeriesAttribute('2026-03-05 2026-03-02;2026-03-01;0;1;2'))).toBeUndefined();
  });

  it('thins a long series for a tombstone, keeping the first and last points and the given days exact', () => {
    // 300 days of figures that change every day.
    const start = lastDay - 299;
    const days = Array.from({ length: 300 }, (_, i) => start + i);
    const long = { gateway: [], genImages: [], upstreamId: null, presence: [start, lastDay], likes: days.flatMap((day, i) => [day, ((i * 7) % 13) + i]), downloads: days.flatMap((day, i) => [day, 1000 + ((i * 5) % 11)]) };
    const fields = fieldsOf(long);
    expect(fields.series.days).toHaveLength(300);
    const exact = [start + 7, start + 123, lastDay - 1];
    const thin = thinSeries(fields, exact);
    expect(thin.series.days.length).toBeGreaterThan(40);
    expect(thin.series.days.length).toBeLessThanOrEqual(60 + 1 + exact.length);
    expect(thin.intervals).toEqual(fields.intervals);
    expect(thin.series.from).toBe(fields.series.from);
    const full = chartSource(fields)?.track;
    const small = chartSource(thin)?.track;
    if (full === undefined || small === undefined) throw new Error('no chart');
    expect(small.presence).toEqual(full.presence);
    for (const day of [start, lastDay, ...exact]) {
      expect(valueOn(small.likes, day), `likes ${day}`).toBe(valueOn(full.likes, day));
      expect(valueOn(small.downloads, day), `downloads ${day}`).toBe(valueOn(full.downloads, day));
    }
    // Every point it keeps is a real one: the figures of that day.
    for (let i = 0; i < small.likes.length; i += 2) {
      expect(small.likes[i + 1], `likes ${small.likes[i]}`).toBe(valueOn(full.likes, small.likes[i] as number));
      expect(small.downloads[i + 1], `downloads ${small.downloads[i]}`).toBe(valueOn(full.downloads, small.downloads[i] as number));
    }
    expect(parseSeriesAttribute(seriesAttribute(thin))).toEqual(thin);
    // A short series is carried whole.
    expect(thinSeries(fieldsOf(track), [])).toEqual(fieldsOf(track));
  });

  const record: ModelRecord = model('studio/ink-lora', {
    chineseName: '水墨', tasks: ['text-to-image-synthesis'], tags: ['lora'], inferenceType: 'txt2img', aigcType: 'LoRA', visionFoundation: 'FLUX_1',
    baseModels: [{ id: 'black-forest-labs/FLUX.1-dev', revision: null }, { id: 'x/y', revision: 'v1' }],
  });

  it('reads the snippet’s fields from a model file’s current record', () => {
    const doc = modelDocument(record.id, track, [], { current: record, lastDay });
    const parsed: unknown = JSON.parse(serialiseModelDocument(doc));
    const { id, openaiApi, aigcType, inferenceType, baseModels, tasks, companion, triggerWords } = record;
    expect(snippetModel(parsed)).toEqual({ id, openaiApi, aigcType, inferenceType, baseModels, tasks, companion, triggerWords });
    // Only those fields: the page's script never carries the rest along.
    expect(Object.keys(snippetModel(parsed) ?? {}).sort()).toEqual(['aigcType', 'baseModels', 'companion', 'id', 'inferenceType', 'openaiApi', 'tasks', 'triggerWords']);
    expect(snippetModel({ current: { ...record, baseModels: [], tasks: [] } })).toMatchObject({ baseModels: [], tasks: [] });
    // A LoRA's companion and trigger words come along; a file written before they existed reads as none.
    expect(snippetModel({ current: { ...record, companion: { id: 'MusePublic/Qwen-image', revision: 'v1' }, triggerWords: ['ink'] } })).toMatchObject({ companion: { id: 'MusePublic/Qwen-image', revision: 'v1' }, triggerWords: ['ink'] });
    const { companion: _c, triggerWords: _t, ...older } = record;
    expect(snippetModel({ current: older })).toMatchObject({ companion: null, triggerWords: [] });
  });

  it('gives no snippet for a file without a well-formed current record', () => {
    const current = record as unknown as Record<string, unknown>;
    const without = (key: string): Record<string, unknown> => Object.fromEntries(Object.entries(current).filter(([k]) => k !== key));
    const bad: unknown[] = [
      null, undefined, 'x', 1, {}, { current: null }, { current: 'x' }, { current: [] },
      // What a tombstone's data-series reads as: chart fields, no record.
      parseSeriesAttribute('2026-03-01 2026-03-02;2026-03-01;0;1;2'),
      ...['id', 'openaiApi', 'aigcType', 'inferenceType', 'baseModels', 'tasks'].map((key) => ({ current: without(key) })),
      { current: { ...current, id: 1 } }, { current: { ...current, openaiApi: 'true' } }, { current: { ...current, openaiApi: 1 } },
      { current: { ...current, aigcType: null } }, { current: { ...current, inferenceType: 2 } },
      { current: { ...current, tasks: 'text-generation' } }, { current: { ...current, tasks: [1] } }, { current: { ...current, tasks: null } },
      { current: { ...current, baseModels: null } }, { current: { ...current, baseModels: {} } }, { current: { ...current, baseModels: ['x/y'] } },
      { current: { ...current, baseModels: [null] } }, { current: { ...current, baseModels: [{ revision: null }] } },
      { current: { ...current, baseModels: [{ id: 'x/y' }] } }, { current: { ...current, baseModels: [{ id: 'x/y', revision: 1 }] } },
    ];
    for (const doc of bad) expect(snippetModel(doc), JSON.stringify(doc)).toBeUndefined();
    // The file of a model that is off the list (`current: null`) gives none either.
    const off = JSON.parse(serialiseModelDocument(modelDocument(record.id, track, [], { current: undefined, lastDay })));
    expect(off).toMatchObject({ current: null, onList: false });
    expect(snippetModel(off)).toBeUndefined();
  });
});
