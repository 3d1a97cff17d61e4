// One whole, unslimmed response of ModelScope's catalog endpoint (test/fixtures, from
// shared/data-samples): the real shapes the simulator was kinder than. The request behind it was not the
// API-Inference filter, so records without SupportInference are in it too.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalLicense } from '../crawler/license.ts';
import { parseCatalogPage, parseGatewayList } from '../crawler/modelscope.ts';
import { isRejected, normaliseModel, type Rejected } from '../crawler/normalise.ts';
import { baseModels } from '../crawler/upstream-fields.ts';
import { ModelRecord } from '../store/record.ts';

const raw = JSON.parse(readFileSync(new URL('./fixtures/modelscope-dolphin-lora-page-raw.json', import.meta.url), 'utf8')) as unknown;
const page = parseCatalogPage(raw);
const gateway = new Map<string, string | null>([['DiffSynth-Studio/Qwen-Image-Edit-F2P', '2025-10-17']]);
const results = page.items.map((item) => normaliseModel(item, gateway));
const kept = results.filter((r): r is ModelRecord => !isRejected(r));
const refused = results.filter((r): r is Rejected => isRejected(r));
const unknown = kept.filter((r) => r.inferenceType === '');

describe('crawler/real-page', () => {
  it('reads the envelope with Message "success" and Source/Target beside the page', () => {
    expect(page.totalCount).toBe(39692);
    expect(page.items).toHaveLength(30);
  });

  // Was "refuses the 13 without": issue 19 keeps a filtered record with an empty SupportInference, type unknown.
  it('keeps all 30 records, the 13 without a SupportInference with inferenceType ""', () => {
    expect(kept).toHaveLength(30);
    expect(refused).toEqual([]);
    expect(unknown.map((r) => r.id).sort()).toEqual([
      'AI-ModelScope/Qwen-Image-Edit-Remove-Clothes',
      'AI-ModelScope/next-scene-qwen-image-lora-2509',
      'DiffSynth-Studio/Qwen-Image-Distill-LoRA',
      'KookYan/Kook_Qwen_JIZHIZHENSHI',
      'KookYan/Kook_Qwen_ZSHX',
      'KookYan/Kook_xieshi_Kook_Qwen_V2',
      'dx8152/Qwen-Edit-2509-Multiple-angles',
      'flymy-ai/qwen-image-edit-2509-inscene-lora',
      'lightx2v/Qwen-Image-Lightning',
      'lightx2v/Wan2.2-Distill-Loras',
      'lightx2v/Wan2.2-Distill-Models',
      'lightx2v/Wan2.2-I2V-A14B-Moe-Distill-Lightx2v',
      'muse/sd35_clip_l',
    ]);
    for (const record of kept) expect(ModelRecord.safeParse(record).success).toBe(true);
  });

  it('gives exact records: licence, base model with revision, family, parameters, gateway date', () => {
    expect(kept.find((r) => r.id === 'DiffSynth-Studio/Qwen-Image-Edit-F2P')).toEqual({
      id: 'DiffSynth-Studio/Qwen-Image-Edit-F2P',
      owner: 'DiffSynth-Studio',
      name: 'Qwen-Image-Edit-F2P',
      chineseName: 'Qwen-Image-Edit-F2P 人脸生成图像',
      tasks: ['text-to-image-synthesis'],
      tags: ['LoRA'],
      license: 'apache-2.0',
      licenseUpstream: 'Apache License 2.0',
      inferenceType: 'txt2img',
      aigcType: 'LoRA',
      visionFoundation: 'QWEN_IMAGE_20_B',
      baseModels: [{ id: 'Qwen/Qwen-Image-Edit', revision: null }],
      parameters: 235929600,
      createdAt: '2025-10-16T02:50:23.000Z',
      openaiApi: true,
      openaiApiSince: '2025-10-17',
      updatedAt: '2025-10-17T10:14:57.000Z',
      likes: 55,
      downloads: 2038,
      upstreamId: 581440,
      ownerType: 2,
      ownerFullName: 'DiffSynth-Studio',
      officialTags: [
        { name: 'Photography', chineseName: '写实摄影', tag: 'photography' },
        { name: 'Character Enhancement', chineseName: '人物加强', tag: 'character-enhancement' },
        { name: 'Woman', chineseName: '女生', tag: 'woman' },
      ],
      companion: null,
      triggerWords: ['摄影'],
      genImageCount: 3597,
    });
    expect(kept.find((r) => r.id === 'Rainwyu/DouBaoFlux')).toMatchObject({
      chineseName: '豆包Flux',
      baseModels: [{ id: 'MusePublic/489_ckpt_FLUX_1', revision: '2172' }],
      visionFoundation: 'FLUX_1',
      parameters: 38289712,
      openaiApi: false,
      openaiApiSince: null,
      likes: 3,
      downloads: 408,
    });
    // model_size 0 means "not given", not a model of no parameters.
    expect(kept.find((r) => r.id === 'KookYan/Kook_qwen_zshx6')).toMatchObject({
      baseModels: [{ id: 'MusePublic/Qwen-image', revision: 'v1' }],
      parameters: null,
      likes: 1,
      downloads: 26,
    });
  });

  it('never sums parameters over copies: several LoRA files give null, one file keeps model_size', () => {
    expect(kept.find((r) => r.id === 'fireicewolf/DukeG_Qwen_Beauty_P')?.parameters).toBeNull();
    expect(kept.find((r) => r.id === 'KookYan/Kook_Qwen_JIZHIZHENSHI')?.parameters).toBe(117964800);
    expect(kept.find((r) => r.id === 'lightx2v/Wan2.2-Distill-Loras')?.parameters).toBeNull();
  });

  it('reads the companion from the first version that has one, and the trigger words', () => {
    expect(kept.find((r) => r.id === 'merjic/majicbeauty-qwen1')?.companion).toEqual({ id: 'MusePublic/Qwen-image', revision: 'v1' });
    expect(kept.find((r) => r.id === 'jack9648/PSAAA')?.triggerWords).toEqual(['利用AI技术修复老照片 上色 去噪 色彩增强']);
    expect(kept.find((r) => r.id === 'KookYan/Kook_qwen_zshx6')?.triggerWords).toEqual([]);
  });

  it('makes one licence id of every spelling on the page', () => {
    const all = page.items.map((item) => normaliseModel({ ...(item as object), SupportInference: 'txt2img' }, new Map()));
    const records = all.filter((r): r is ModelRecord => !isRejected(r));
    expect(records).toHaveLength(30);
    expect(records.filter((r) => r.license === 'apache-2.0')).toHaveLength(29);
    expect(records.filter((r) => r.license === 'mit')).toHaveLength(1);
    expect(records.filter((r) => r.licenseUpstream === 'Apache License 2.0')).toHaveLength(22);
    expect(records.filter((r) => r.licenseUpstream === null)).toHaveLength(8);
    // Tasks: null and a task with Name "" both come out as no tasks.
    expect(records.find((r) => r.id === 'KookYan/Kook_Qwen_ZSHX')?.tasks).toEqual([]);
    expect(records.find((r) => r.id === 'lightx2v/Wan2.2-Distill-Models')?.tasks).toEqual([]);
  });
});

describe('crawler/licence-ids', () => {
  it.each([
    ['Apache License 2.0', 'apache-2.0'],
    ['apache-2.0', 'apache-2.0'],
    ['Apache-2.0', 'apache-2.0'],
    ['Apache License, Version 2.0', 'apache-2.0'],
    ['apache 2.0', 'apache-2.0'],
    ['MIT License', 'mit'],
    ['MIT', 'mit'],
    ['GPL-3.0', 'gpl-3.0'],
    ['GPLv3', 'gpl-3.0'],
    ['CC BY-NC 4.0', 'cc-by-nc-4.0'],
    ['cc-by-nc-4.0', 'cc-by-nc-4.0'],
    ['Other', 'other'],
    ['', ''],
    ['  ', ''],
  ])('%j → %j', (upstream, id) => {
    expect(canonicalLicense(upstream)).toBe(id);
  });
});

describe('crawler/base-models', () => {
  it('splits revisions off, drops what is not an owner/name id, and takes a lone string', () => {
    expect(baseModels(['MusePublic/Qwen-image@v1', 'Qwen/Qwen-Image', 'a/b@', 'nonsense', 3, null, 'Qwen/Qwen-Image', 'x/y/z'])).toEqual([
      { id: 'MusePublic/Qwen-image', revision: 'v1' },
      { id: 'Qwen/Qwen-Image', revision: null },
      { id: 'a/b', revision: null },
    ]);
    expect(baseModels('AI-ModelScope/FLUX.1-dev')).toEqual([{ id: 'AI-ModelScope/FLUX.1-dev', revision: null }]);
    expect(baseModels(null)).toEqual([]);
  });
});

describe('crawler/gateway-list', () => {
  it('reads real replies ("object": "", "owned_by": "system") and keeps created when it is usable', () => {
    const models = parseGatewayList({
      object: 'list',
      data: [
        { id: 'Qwen/Qwen3-32B', object: '', created: 1745856000, owned_by: 'system' },
        { id: 'Wan-AI/Wan2.1-T2V-1.3B', object: '', created: 'soon', owned_by: 'system' },
      ],
    });
    expect([...models]).toEqual([['Qwen/Qwen3-32B', '2025-04-29'], ['Wan-AI/Wan2.1-T2V-1.3B', null]]);
  });
});
