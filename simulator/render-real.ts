// The real world's record of a model on one day: the shapes of the real list items in the capture, down to
// MuseInfo's full key set and its versions (the heavy part, built once per model and shared by every day).
import { unit } from './hash.ts';
import type { Metrics, ModelSeed } from './model-seed.ts';
import { realOrganization } from './organizations.ts';
import type { UpstreamModel } from './types.ts';
import { OFFICIAL_TAG } from './vocabulary.ts';

/** How the real world (not tidy) renders a record today. */
export interface RealRender {
  /** Today's namespace (differs from `base.Path` after a rename). */
  readonly path: string;
  /** Serve `SupportInference: ""` although the model is listed (the `emptyInferenceShare` quirk). */
  readonly blankInference: boolean;
}

/**
 * The real world's record, shaped as the real list items of shared/data-samples/modelscope-dolphin-lora-page-raw.json:
 * `Organization` always an object, no `StorageSize`, `IsTop`, `CoverImages: []` with the covers in
 * `MuseInfo.versions[].coverImages`, and MuseInfo with the capture's full key set.
 */
export function renderReal(model: ModelSeed, metrics: Metrics, listed: boolean, real: RealRender): UpstreamModel {
  const b = model.base;
  const stars = model.awkward.includes('stars-string') ? String(metrics.stars) : metrics.stars;
  const updated = model.awkward.includes('time-string') ? String(metrics.updated) : metrics.updated;
  const inference = listed && !real.blankInference ? model.inference : '';
  const path = real.path;
  const head = b.ChineseName === undefined
    ? { Id: b.Id, Path: path, Name: b.Name }
    : { Id: b.Id, Path: path, Name: b.Name, ChineseName: b.ChineseName };
  const triggerWords = b.AigcType === 'LoRA' && b.Id % 3 === 0 ? TRIGGER_WORDS : NO_WORDS;
  return {
    ...head,
    NickName: b.NickName,
    CreatedBy: b.CreatedBy,
    Description: b.Description,
    Downloads: metrics.downloads,
    Stars: stars,
    License: b.License,
    Libraries: b.Libraries,
    Frameworks: b.Frameworks,
    ModelType: b.ModelType,
    Architectures: b.Architectures,
    Tasks: b.Tasks,
    Tags: b.Tags,
    CreatedTime: b.CreatedTime,
    LastUpdatedTime: updated,
    Visibility: b.Visibility,
    ModelSource: b.ModelSource,
    Organization: realOrganization(path),
    IsTop: model.top,
    SupportInference: inference,
    SupportApiInference: b.SupportApiInference,
    SupportExperience: b.SupportExperience,
    SupportDashInference: b.SupportDashInference,
    AigcType: b.AigcType,
    AigcAttributes: b.AigcAttributes,
    BaseModel: b.BaseModel,
    VisionFoundation: b.VisionFoundation,
    ModelInfos: b.ModelInfos,
    BackendSupport: b.BackendSupport,
    Avatar: b.Avatar,
    CoverImages: NO_WORDS,
    widgets: b.widgets,
    TriggerWords: triggerWords,
    OfficialTags: b.AigcType === 'LoRA' && b.Id % 4 === 0 ? [OFFICIAL_TAG] : [],
    MuseInfo: b.AigcType === '' ? null : realMuseInfo(model, metrics, path, triggerWords),
    ReadMeContent: '',
  };
}

const NO_WORDS: readonly string[] = [];
const TRIGGER_WORDS: readonly string[] = ['摄影'];
const MS = 1000;

/** The static part of a real MuseInfo (its versions), built once per model: the heavy part, shared by every day. */
const museVersions = new WeakMap<ModelSeed, { path: string; versions: readonly Readonly<Record<string, unknown>>[] }>();

/** Versions per AIGC model as on the captured page: mostly 1, some 2, 4 or 10. */
function versionCount(u: number): number {
  return u < 0.7 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 4 : 10;
}

function versionsOf(model: ModelSeed, path: string, triggerWords: readonly string[]): readonly Readonly<Record<string, unknown>>[] {
  const cached = museVersions.get(model);
  if (cached !== undefined && cached.path === path) return cached.versions;
  const b = model.base;
  const u = (n: number): number => unit(model.id, model.index, 0x4000, n);
  const museId = 10_000 + (model.id % 90_000);
  const created = Number(b.CreatedTime) * MS;
  // Qwen-Image LoRAs are called through a companion base model (the capture's point at MusePublic/Qwen-image v1).
  const qwen = b.VisionFoundation === 'QWEN_IMAGE_20_B' && u(3) < 0.6;
  const n = versionCount(u(1));
  const repo = `${path}/${b.Name}`;
  const size = Math.floor(1e8 + u(2) * 4e8);
  const versions: Readonly<Record<string, unknown>>[] = [];
  for (let v = 0; v < n; v++) {
    const versionId = 300_000 + ((model.id * 16 + v) % 600_000);
    const versionName = v === 0 && n === 1 ? 'v1' : `v${n - v}`;
    const file = n === 1 ? 'model.safetensors' : `${n - v}.safetensors`;
    const stats = { fileList: [file], fileSizes: [size], totalSize: size };
    const url = `modelscope://${repo}?revision=${versionName}`;
    const covers = 1 + Math.floor(u(10 + v) * (v === 0 ? 3 : 1.5));
    const coverImages = [];
    for (let c = 0; c < covers; c++) {
      coverImages.push({
        csiJobStatus: null,
        id: 17_000_000 + ((model.id * 64 + v * 8 + c) % 1_000_000),
        // The tidy world's single cover, moved here: the first version's first cover is the same URL.
        url: v === 0 && c === 0 ? b.CoverImages[0] ?? `https://resouces.modelscope.cn/cover-images/${model.id}.png` : `https://resouces.modelscope.cn/cover-images/${model.id}-${v}-${c}.png`,
      });
    }
    versions.push({
      coverImages,
      id: versionId,
      inferenceCompanionVersionInfo: qwen ? { modelUrl: 'modelscope://MusePublic/Qwen-image?revision=v1', versionId: 275_167 } : null,
      modelId: museId,
      modelName: null,
      modelShowName: null,
      modelType: null,
      modelVersion: {
        cleaned: 0,
        deleted: 0,
        description: JSON.stringify(['root', {}, ['p', {}, ['span', { 'data-type': 'text' }, ['span', { 'data-type': 'leaf' }, '']]]]),
        downloadCount: 0,
        format: 'safetensors',
        genImageCount: 0,
        gmtCreate: created + v * 3_600_000,
        gmtModified: created + v * 3_600_000 + 86_400_000,
        id: versionId,
        imageId: null,
        inferenceCompanionModelVersionId: qwen ? 275_167 : null,
        modelId: museId,
        modelUrl: url,
        openlmUrl: url,
        operatorEmpId: String(900_000 + (model.id % 99_999)),
        operatorName: path,
        ossUrl: '',
        panguUrl: '',
        showName: versionName,
        sourceUrl: url,
        stableDiffusionSubVersion: null,
        stableDiffusionVersion: b.VisionFoundation,
        stats: u(30 + v) < 0.1 ? null : JSON.stringify(stats),
        syncStatus: 'MUSE_FINISHED',
        syncTaskId: null,
        trainRecordId: null,
        triggerWords: u(40 + v) < 0.1 ? null : JSON.stringify(triggerWords),
        validateMessage: null,
        validateStatus: 'PENDING',
        versionName,
        versionOrder: 1,
      },
      stableDiffusionSubVersion: null,
      stableDiffusionVersion: b.VisionFoundation,
      stats: u(50 + v) < 0.1 ? null : stats,
    });
  }
  museVersions.set(model, { path, versions });
  return versions;
}

/** A real `MuseInfo`: the capture's keys and types; `genImageCount` grows with use (here with downloads). */
function realMuseInfo(model: ModelSeed, metrics: Metrics, path: string, triggerWords: readonly string[]): Readonly<Record<string, unknown>> {
  const b = model.base;
  const versions = versionsOf(model, path, triggerWords);
  const genImageCount = Math.floor(metrics.downloads / 3);
  const created = Number(b.CreatedTime) * MS;
  return {
    genImageCount,
    groupType: 'ROOT',
    isStar: null,
    model: {
      cleaned: 0,
      commentCount: 0,
      deleted: 0,
      description: b.Description === '' && model.index % 5 === 0 ? null : b.Description,
      downloadedCount: Math.floor(metrics.downloads / 6),
      favoriteCount: 0,
      gmtCreate: created,
      gmtModified: Number(metrics.updated) * MS,
      id: 10_000 + (model.id % 90_000),
      imageGenerateCount: genImageCount,
      imageId: null,
      modelName: `${path}/${b.Name}`,
      modelType: b.AigcType,
      operatorEmpId: String(900_000 + (model.id % 99_999)),
      operatorName: path,
      showName: b.ChineseName === undefined || b.ChineseName === '' ? (model.index % 7 === 0 ? null : b.Name) : b.ChineseName,
      stableDiffusionVersion: b.VisionFoundation,
      tags: null,
      versionCount: versions.length,
    },
    tags: null,
    uploaderName: 'Muse官方团队',
    versions,
  };
}
