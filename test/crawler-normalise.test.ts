import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_ITEMS, MAX_TEXT } from '../crawler/bounds.ts';
import { parseCatalogPage, parseGatewayList } from '../crawler/modelscope.ts';
import { coerceTimestamp, isRejected, normaliseModel, type Rejected } from '../crawler/normalise.ts';
import { companion, officialTags, ownParameters, triggerWords } from '../crawler/upstream-fields.ts';

/** What the gateway serves: these ids, with no `created`. */
const gatewayOf = (...ids: string[]): Map<string, string | null> => new Map(ids.map((id) => [id, null]));
import { ModelRecord } from '../store/record.ts';
import { EnvelopeError, SchemaError } from '../crawler/errors.ts';

const sample = JSON.parse(readFileSync(new URL('./fixtures/modelscope-dolphin-slim-MiniMax.json', import.meta.url), 'utf8')) as {
  models: Record<string, unknown>[];
  stats: { total_counts: { TotalCount: number }[] };
};

const upstream = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  Id: 1,
  Path: 'owner',
  Name: 'model',
  ChineseName: '模型',
  Stars: 3,
  Downloads: 40,
  Tasks: [{ Name: 'text-to-image-synthesis', ChineseName: '文生图' }],
  Tags: ['lora'],
  License: 'apache-2.0',
  SupportInference: 'txt2img',
  SupportApiInference: false,
  AigcType: 'LoRA',
  CreatedTime: 1771213910,
  LastUpdatedTime: '1771213999',
  SomethingNew: { nested: true },
  ...overrides,
});

const envelope = (models: unknown[], totalCount = models.length) => ({
  Code: 200,
  Success: true,
  Message: '',
  RequestId: 'r-1',
  Data: { Model: { Models: models, TotalCount: totalCount }, FiledAgg: {} },
});

describe('crawler/normalise', () => {
  it('maps an upstream record onto our strict record', () => {
    const record = normaliseModel(upstream(), gatewayOf('owner/model'));
    expect(isRejected(record)).toBe(false);
    expect(ModelRecord.parse(record)).toEqual({
      id: 'owner/model',
      owner: 'owner',
      name: 'model',
      chineseName: '模型',
      likes: 3,
      downloads: 40,
      tasks: ['text-to-image-synthesis'],
      tags: ['lora'],
      license: 'apache-2.0',
      licenseUpstream: null,
      inferenceType: 'txt2img',
      aigcType: 'LoRA',
      visionFoundation: '',
      baseModels: [],
      parameters: null,
      createdAt: '2026-02-16T03:51:50.000Z',
      updatedAt: '2026-02-16T03:53:19.000Z',
      openaiApi: true,
      openaiApiSince: null,
      upstreamId: 1,
      ownerType: null,
      ownerFullName: '',
      officialTags: [],
      companion: null,
      triggerWords: [],
      genImageCount: null,
    });
  });

  it('keeps a record with an empty SupportInference, type unknown', () => {
    expect(normaliseModel(upstream({ SupportInference: '' }), gatewayOf())).toMatchObject({ id: 'owner/model', inferenceType: '' });
    expect(normaliseModel(upstream({ SupportInference: null }), gatewayOf())).toMatchObject({ inferenceType: '' });
  });

  it('reads owner, official tags, companion, trigger words and image count; tolerates a null Organization', () => {
    const record = normaliseModel(upstream({
      Organization: { Type: 0, FullName: '某人' },
      OfficialTags: [{ Tag: 'woman', Name: 'Woman', ChineseName: '女生' }, { Tag: 'woman', Name: 'dup' }, { Name: 'no tag' }, 'x'],
      TriggerWords: ['realistic', '', 'realistic', 7, 'x'.repeat(500)],
      MuseInfo: {
        genImageCount: 12,
        versions: [
          { inferenceCompanionVersionInfo: null },
          { inferenceCompanionVersionInfo: { modelUrl: 'modelscope://MusePublic/Qwen-image?revision=v1' } },
        ],
      },
    }), gatewayOf());
    expect(record).toMatchObject({
      ownerType: 0,
      ownerFullName: '某人',
      officialTags: [{ name: 'Woman', chineseName: '女生', tag: 'woman' }],
      companion: { id: 'MusePublic/Qwen-image', revision: 'v1' },
      triggerWords: ['realistic', `${'x'.repeat(MAX_TEXT - 1)}…`],
      genImageCount: 12,
    });
    expect(normaliseModel(upstream({ Organization: null, Id: 'x' }), gatewayOf())).toMatchObject({ ownerType: null, ownerFullName: '', upstreamId: null });
    const many = Array.from({ length: 80 }, (_, i) => `w${i}`);
    expect(triggerWords(many, undefined)).toHaveLength(MAX_ITEMS);
    expect(officialTags(many.map((tag) => ({ Tag: tag })))).toHaveLength(MAX_ITEMS);
  });

  it('falls back to the JSON-encoded version trigger words only when TriggerWords is not a list', () => {
    const muse = { versions: [{ modelVersion: { triggerWords: '["a","b"]' } }] };
    expect(triggerWords(null, muse)).toEqual(['a', 'b']);
    expect(triggerWords(['top'], muse)).toEqual(['top']);
    expect(triggerWords(undefined, { versions: [{ modelVersion: { triggerWords: 'not json' } }] })).toEqual([]);
    expect(triggerWords(undefined, { versions: [{ modelVersion: { triggerWords: '{"constructor":1}' } }] })).toEqual([]);
  });

  it.each([
    ['modelscope://MusePublic/Qwen-image', { id: 'MusePublic/Qwen-image', revision: null }],
    ['https://modelscope.cn/models/a/b', null],
    ['modelscope://a/b/c?revision=v1', null],
    ['modelscope://a?revision=v1', null],
  ])('reads the companion URL %s', (modelUrl, expected) => {
    expect(companion({ versions: [{ inferenceCompanionVersionInfo: { modelUrl } }] })).toEqual(expected);
  });

  it('counts parameters once: single files and shards keep model_size, several separate weight files give null', () => {
    const infos = (model_size: number, ...names: string[]) => ({ safetensor: { model_size, files: names.map((name) => ({ name, size: 1 })) } });
    expect(ownParameters(infos(117964800, 'lora.safetensors'))).toBe(117964800);
    expect(ownParameters(infos(7_000_000_000, 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'README.md'))).toBe(7_000_000_000);
    expect(ownParameters(infos(235929600, 'a.safetensors', 'b.safetensors'))).toBeNull();
    expect(ownParameters(infos(9, 'model-00001-of-00002.safetensors', 'other-00001-of-00002.safetensors'))).toBeNull();
    expect(ownParameters(infos(0, 'a.safetensors'))).toBeNull();
    expect(ownParameters({})).toBeNull();
  });

  it('tolerates loose types: numeric strings, nulls, empty tasks, missing text', () => {
    const record = normaliseModel(
      upstream({ Stars: '12', Downloads: null, Tasks: [{ Name: '', ChineseName: '' }], Tags: ['a', 3, null], ChineseName: undefined, License: null, AigcType: undefined }),
      gatewayOf(),
    );
    expect(record).toMatchObject({ likes: 12, downloads: 0, tasks: [], tags: ['a'], chineseName: '', license: '', aigcType: '', openaiApi: false });
  });

  it('keeps hostile text verbatim (escaping is the renderer’s job)', () => {
    const name = '<script>alert(1)</script>\u202Eevil\u200D🙂';
    const record = normaliseModel(upstream({ ChineseName: name }), gatewayOf());
    expect(record).toMatchObject({ chineseName: name });
  });

  it.each([
    [{ Path: undefined }, /Path/],
    [{ Name: 42 }, /Name/],
    [{ Name: '..' }, /unusable owner or name/],
    [{ Path: 'a/b' }, /unusable owner or name/],
    [{ Stars: -1 }, /Stars not a count/],
    [{ Downloads: 'lots' }, /Downloads not a count/],
  ])('rejects %j with a reason', (overrides, reason) => {
    const result = normaliseModel(upstream(overrides), gatewayOf());
    expect(isRejected(result)).toBe(true);
    expect((result as Rejected).reason).toMatch(reason);
  });
});

describe('crawler/parse-real-sample', () => {
  const page = parseCatalogPage(envelope(sample.models, sample.stats.total_counts[0]?.TotalCount));

  it('reads the real scraped page and its TotalCount', () => {
    expect(page.items).toHaveLength(18);
    expect(page.totalCount).toBe(320);
  });

  // Was "rejects the real records for lacking SupportInference": issue 19 keeps them with the type unknown.
  it('keeps the real records lacking SupportInference with inferenceType ""', () => {
    for (const item of page.items) expect(normaliseModel(item, gatewayOf())).toMatchObject({ inferenceType: '' });
  });

  it('normalises every real record once the inference flag is present', () => {
    const records = page.items.map((item) => normaliseModel({ ...(item as object), SupportInference: 'txt2txt' }, gatewayOf('MiniMax/MiniMax-M2.5')));
    for (const [index, record] of records.entries()) {
      const raw = sample.models[index]!;
      expect(isRejected(record)).toBe(false);
      const parsed = ModelRecord.parse(record);
      expect(parsed.id).toBe(`${String(raw['Path'])}/${String(raw['Name'])}`);
      expect(parsed.likes).toBe(raw['Stars']);
      expect(parsed.downloads).toBe(raw['Downloads']);
      expect(parsed.createdAt).toBe(new Date((raw['CreatedTime'] as number) * 1000).toISOString());
    }
    const m1 = records.find((r) => !isRejected(r) && r.id === 'MiniMax/MiniMax-M1-80k');
    expect(m1).toMatchObject({ likes: 61, downloads: 476440, license: 'apache-2.0', tasks: ['text-generation'], tags: ['vllm'], openaiApi: false });
    expect(records.find((r) => r.id === 'MiniMax/MiniMax-M2.5')).toMatchObject({ openaiApi: true, license: 'other' });
    // The real sample has an empty task and an empty licence: both edge cases survive.
    expect(records.find((r) => r.id === 'MiniMax/VTP-Base-f16d64')).toMatchObject({ tasks: [] });
    expect(records.find((r) => r.id === 'MiniMax/MiniMax-VL-01')).toMatchObject({ license: '' });
  });
});

describe('crawler/envelope', () => {
  it('accepts the older Data.Models shape', () => {
    expect(parseCatalogPage({ Code: 200, Success: true, Data: { Models: [upstream()], TotalCount: 1 } }).items).toHaveLength(1);
  });

  it('turns Code ≠ 200 or Success:false into an EnvelopeError carrying the message', () => {
    expect(() => parseCatalogPage({ ...envelope([]), Code: 10010205, Success: false, Message: '系统繁忙' })).toThrow(EnvelopeError);
    expect(() => parseCatalogPage({ ...envelope([]), Success: false, Message: 'nope' })).toThrow(/nope/);
  });

  it('turns a wrong shape into a SchemaError naming the path', () => {
    expect(() => parseCatalogPage({ ...envelope([]), Data: { Model: { Models: null, TotalCount: 1 } } })).toThrow(SchemaError);
    expect(() => parseCatalogPage('<html>')).toThrow(SchemaError);
  });

  it('reads the gateway list ids and rejects a non-list', () => {
    expect([...parseGatewayList({ object: 'list', data: [{ id: 'Qwen/Qwen3-32B', object: 'model' }] }).keys()]).toEqual(['Qwen/Qwen3-32B']);
    expect(() => parseGatewayList({ data: 'x' })).toThrow(SchemaError);
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
