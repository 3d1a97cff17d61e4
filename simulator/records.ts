// What one model looks like: static fields are a pure function of (seed, space, index); the day's metrics are laid
// over them by render(). Awkward cases (hostile HTML, odd Unicode, wrong types, missing keys) are part of the data.
import { hash, pick, unit } from './hash.ts';
import type { RealOrganization, UpstreamModel, UpstreamOrganization, UpstreamTask } from './types.ts';

/** Id spaces: catalog models churn on the list, hub models never support inference, inserted ones appear mid-crawl. */
export type Space = 'catalog' | 'hub' | 'inserted';
const SPACE_SALT: Readonly<Record<Space, number>> = { catalog: 0x1000, hub: 0x2000, inserted: 0x3000 };
/** First letter of the name's last segment; makes names unique per space and lets the detail route find models. */
const TOKEN_PREFIX: Readonly<Record<Space, string>> = { catalog: 'm', hub: 'h', inserted: 'n' };

/** Awkward features; each is on about AWKWARD_RATE of models (and forced on a few, see `forcedAwkward`). */
export const AWKWARD = [
  'chinese-html',
  'description-html',
  'tag-html',
  'chinese-unicode',
  'description-unicode',
  'tasks-empty',
  'tasks-blank',
  'time-string',
  'stars-string',
  'chinese-missing',
  'license-empty',
  'odd-name',
  'tasks-null',
] as const;
export type Awkward = (typeof AWKWARD)[number];
const AWKWARD_RATE = 0.03;

/** Everything about a model that does not change from day to day. */
/** A model's fixed fields; the ones rendered from others (and metrics) are added by render(). */
export type BaseFields = Omit<UpstreamModel, 'TriggerWords' | 'OfficialTags' | 'MuseInfo' | 'ReadMeContent' | 'StorageSize' | 'IsTop'> & {
  readonly StorageSize: number;
};

export interface ModelSeed {
  readonly space: Space;
  readonly index: number;
  /** Upstream `Id`. */
  readonly id: number;
  /** `Path/Name`. */
  readonly key: string;
  /** `SupportInference` while listed; `""` for hub models. */
  readonly inference: string;
  /** Unix seconds. */
  readonly created: number;
  /** Popularity before day 0 (catalog/hub models). */
  readonly downloads0: number;
  readonly stars0: number;
  readonly awkward: readonly Awkward[];
  /** Real world: `IsTop` (> 0 on about 0.4 % of catalog models and on catalog model 14; 0 elsewhere). */
  readonly top: number;
  /** An image family (txt2img/img2img LoRA): where the real world's empty `SupportInference` concentrates. */
  readonly image: boolean;
  /** The record with placeholder metrics; render() fills them in. */
  readonly base: BaseFields;
}

/** The day-dependent part of a record. */
export interface Metrics {
  readonly downloads: number;
  readonly stars: number;
  /** Unix seconds. */
  readonly updated: number;
}

export const HTML_PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'Tom &amp; Jerry &lt;3',
  '"><svg onload=alert(document.domain)>',
  '</title><b>bold</b> & <i>friends</i>',
  'a <a href="javascript:alert(1)">link</a> \'quoted\'',
];

export const UNICODE_PAYLOADS: readonly string[] = [
  'LoRA \u202Egpj.exe',
  'family \u{1F468}\u200D\u{1F469}\u200D\u{1F467} portrait',
  'Z\u0351\u0334a\u0336\u0358l\u0337g\u0335o\u0338 style',
  'ink\u200Bwash\uFEFF',
  '\u{1F3A8}\u{1F525}\u2728 水墨 LoRA',
  'Ｆｕｌｌｗｉｄｔｈ　ＬｏＲＡ',
  'مرحبا LoRA \u200F',
  'e\u0301 vs \u00E9',
];

interface Family {
  readonly task: UpstreamTask;
  readonly inference: string;
  readonly kind: 'lora' | 'llm' | 'vlm' | 'speech' | 'vision' | 'nlp';
}

const TASK = {
  t2i: { Name: 'text-to-image-synthesis', ChineseName: '文本生成图片' },
  i2i: { Name: 'image-to-image', ChineseName: '图像到图像' },
  textgen: { Name: 'text-generation', ChineseName: '文本生成' },
  vlm: { Name: 'image-text-to-text', ChineseName: '图文生成文本' },
  asr: { Name: 'auto-speech-recognition', ChineseName: '语音识别' },
  tts: { Name: 'text-to-speech', ChineseName: '语音合成' },
  det: { Name: 'domain-specific-object-detection', ChineseName: '目标检测' },
  emb: { Name: 'sentence-embedding', ChineseName: '句子向量' },
} as const satisfies Record<string, UpstreamTask>;

/** [cumulative share, family]: mostly text-to-image LoRAs, like the real list. */
const LIST_FAMILIES: readonly (readonly [number, Family])[] = [
  [0.78, { task: TASK.t2i, inference: 'txt2img', kind: 'lora' }],
  [0.86, { task: TASK.i2i, inference: 'img2img', kind: 'lora' }],
  [0.96, { task: TASK.textgen, inference: 'txt2txt', kind: 'llm' }],
  [1, { task: TASK.vlm, inference: 'img2txt', kind: 'vlm' }],
];
const HUB_FAMILIES: readonly (readonly [number, Family])[] = [
  [0.45, { task: TASK.t2i, inference: '', kind: 'lora' }],
  [0.65, { task: TASK.textgen, inference: '', kind: 'llm' }],
  [0.72, { task: TASK.vlm, inference: '', kind: 'vlm' }],
  [0.8, { task: TASK.asr, inference: '', kind: 'speech' }],
  [0.85, { task: TASK.tts, inference: '', kind: 'speech' }],
  [0.92, { task: TASK.det, inference: '', kind: 'vision' }],
  [1, { task: TASK.emb, inference: '', kind: 'nlp' }],
];

const LORA_BASES = ['FLUX.1-dev', 'flux', 'SDXL', 'SD1.5', 'Qwen-Image', 'Z-Image-Turbo', 'Illustrious', 'Pony', 'Kolors'];
/** `VisionFoundation` of each base, spelled as upstream does. */
const FOUNDATIONS: Readonly<Record<string, string>> = {
  'FLUX.1-dev': 'FLUX_1',
  flux: 'FLUX_1',
  SDXL: 'SD_XL',
  'SD1.5': 'SD_1_5',
  'Qwen-Image': 'QWEN_IMAGE_20_B',
  'Z-Image-Turbo': 'Z_IMAGE_TURBO',
  Illustrious: 'SD_XL',
  Pony: 'SD_XL',
  Kolors: 'KOLORS',
};
const BASE_REPOS: Readonly<Record<string, string>> = {
  'FLUX.1-dev': 'black-forest-labs/FLUX.1-dev',
  flux: 'black-forest-labs/FLUX.1-dev',
  SDXL: 'AI-ModelScope/stable-diffusion-xl-base-1.0',
  'SD1.5': 'AI-ModelScope/stable-diffusion-v1-5',
  'Qwen-Image': 'Qwen/Qwen-Image',
  'Z-Image-Turbo': 'Tongyi-MAI/Z-Image-Turbo',
  Illustrious: 'MusePublic/Illustrious-XL',
  Pony: 'MusePublic/Pony-Diffusion-V6-XL',
  Kolors: 'Kwai-Kolors/Kolors',
};
const STYLES = ['anime', 'ink-wash', 'cyberpunk', 'ghibli', 'watercolor', 'pixel-art', 'hanfu', 'guofeng', 'portrait',
  'product-photo', '3d-render', 'line-art', 'chibi', 'oil-painting', 'realistic', 'retro-poster', 'cinematic', 'clay'];
const STYLE_CN = ['二次元', '水墨', '赛博朋克', '吉卜力', '水彩', '像素', '汉服', '国风', '人像', '产品摄影', '三维渲染', '线稿',
  'Q版', '油画', '写实', '复古海报', '电影感', '黏土'];
const LLM_STEMS = ['Qwen3-8B', 'Qwen2.5-7B-Instruct', 'DeepSeek-V3.2', 'GLM-4.6', 'MiniMax-M2.5', 'Kimi-K2-Instruct',
  'internlm3-8b-instruct', 'QwQ-32B', 'Qwen3-Coder-30B-A3B-Instruct', 'gemma-3-27b-it', 'Llama-3.3-70B-Instruct'];
const VLM_STEMS = ['Qwen2.5-VL-7B-Instruct', 'InternVL3-8B', 'GLM-4.5V', 'MiniCPM-V-4_5', 'Qwen3-VL-30B-A3B-Instruct'];
const OTHER_STEMS: Readonly<Record<'speech' | 'vision' | 'nlp', readonly string[]>> = {
  speech: ['SenseVoiceSmall', 'paraformer-zh', 'whisper-large-v3', 'CosyVoice2-0.5B', 'F5-TTS'],
  vision: ['damoyolo_s', 'cv_resnet50_face-detection', 'yolov8n', 'cv_vit_object-detection_coco'],
  nlp: ['bge-m3', 'nlp_structbert_sentiment-classification_chinese-base', 'gte-Qwen2-1.5B-instruct'],
};
const ODD_NAMES = ['flux_lora.v2', 'Qwen2.5-7B-Instruct', 'MiXeD_CaSe.LoRA', 'sd_xl.base__final..v1', 'A.B-C_D'];

/** [Path, FullName, GitHub] */
const ORGS: readonly (readonly [string, string, string])[] = [
  ['Qwen', '通义千问', 'https://github.com/QwenLM'],
  ['deepseek-ai', 'DeepSeek', 'https://github.com/deepseek-ai'],
  ['ZhipuAI', '智谱AI', 'https://github.com/zai-org'],
  ['MiniMax', 'MiniMax', 'https://github.com/MiniMax-AI'],
  ['moonshotai', 'Moonshot AI', ''],
  ['Shanghai_AI_Laboratory', '上海人工智能实验室', 'https://github.com/InternLM'],
  ['LLM-Research', 'LLM-Research', ''],
  ['OpenBMB', 'OpenBMB', 'https://github.com/OpenBMB'],
  ['AI-ModelScope', 'AI-ModelScope', ''],
  ['MusePublic', 'MusePublic', ''],
  ['black-forest-labs', 'Black Forest Labs', 'https://github.com/black-forest-labs'],
  ['stepfun-ai', '阶跃星辰', ''],
];
const USER_FIRST = ['xiao', 'lin', 'chen', 'pixel', 'dream', 'moon', 'yun', 'feng', 'lora', 'mo', 'ink', 'neo', 'AIGC',
  'Kai', 'sora', 'Art'];
const USER_SEP = ['', '_', '-', '.', ''];
const USER_SECOND = ['maker', 'studio', 'art', 'lab', 'zhang', 'wang', 'li', 'Tan', 'works', 'craft'];
const NICKNAMES = ['小橙鱼', 'kelseye', '墨染', 'Pixel Dreamer', '阿杰', 'LoRA练丹师', 'yunfeng', 'Chen Xi', '夜雨'];
const DESCRIPTIONS = [
  'A LoRA trained on 120 curated images.',
  '基于 FLUX.1-dev 训练的风格模型，触发词见说明。',
  'Trigger word: ink_style\nRecommended weight 0.8',
  'Fine-tuned for instruction following.',
  '适用于电商产品图生成',
];
// Real pages spell one licence several ways (`Apache License 2.0` and `apache-2.0` on one page).
const LICENSES_LORA = ['creativeml-openrail-m', 'apache-2.0', 'other', 'cc-by-nc-4.0', '', 'Apache License 2.0'];
const LICENSES_OTHER = ['apache-2.0', 'mit', 'other', 'llama3.3', 'apache-2.0'];

function familyFor(families: readonly (readonly [number, Family])[], u: number): Family {
  for (const [share, family] of families) if (u < share) return family;
  const last = families[families.length - 1];
  if (last === undefined) throw new RangeError('no families');
  return last[1];
}

function imageId(seed: number, index: number, salt: number): string {
  // Decimal, not hex: number-to-hex-string was the single hottest line of catalog generation.
  return String(hash(seed, index, salt, 1));
}

const LORA_LIBRARIES: readonly string[] = ['safetensors'];
const LLM_LIBRARIES: readonly string[] = ['transformers', 'safetensors', 'pytorch'];

const organizations = new Map<number, UpstreamOrganization>();

/** Shared per organisation: many records point at one object, as many records share one org upstream. */
function organization(index: number): UpstreamOrganization {
  const cached = organizations.get(index);
  if (cached !== undefined) return cached;
  const [name, fullName, github] = ORGS[index] ?? ['AI-ModelScope', 'AI-ModelScope', ''];
  const result: UpstreamOrganization = {
    Id: 1000 + index * 37,
    Name: name,
    FullName: fullName,
    Avatar: `https://resouces.modelscope.cn/avatar/org-${name.toLowerCase()}.png`,
    GithubAddress: github,
    Type: 2,
    GmtCreated: '2023-03-10T11:24:21Z',
    GmtModified: '2025-03-18T03:05:34Z',
    Description: JSON.stringify(['root', {}, ['p', {}, ['span', { 'data-type': 'text' }, `${fullName} 的开源组织`]]]),
  };
  organizations.set(index, result);
  return result;
}

/** Namespaces a renamed model moves to (ModelScope moved `damo/` to `iic/`); all organisations. */
export const RENAME_TARGETS: readonly (readonly [string, string, string])[] = [
  ['iic', '通义实验室', 'https://github.com/modelscope'],
  ['Tongyi-MAI', 'Tongyi-MAI', ''],
  ['modelscope', 'ModelScope', 'https://github.com/modelscope'],
  ['Qwen-Image', 'Qwen-Image', ''],
];

/** The namespace a model in `from` is renamed to (never `from` itself), from a uniform draw `u`. */
export function pickRenameTarget(from: string, u: number): string {
  const targets = RENAME_TARGETS.map((t) => t[0]).filter((t) => t !== from);
  return pick(targets, u);
}

/** The real `Organization` of an individual user: Type 0, empty strings, null dates (the capture's exact key set). */
export const PERSON_ORGANIZATION: RealOrganization = ({
  ApplyFailureReason: '',
  ApplyReason: '',
  Avatar: '',
  CreateCompetition: false,
  CreatedBy: '',
  Description: '',
  DisplayUrl: '',
  Email: '',
  FromSite: '',
  FullName: '',
  GithubAddress: '',
  GmtCreated: null,
  GmtModified: null,
  Id: 0,
  InitAdminMembers: '',
  IsApply: false,
  IsCertification: '',
  Mobile: '',
  Name: '',
  Path: '',
  Roles: null,
  Status: 0,
  SubscribeVo: null,
  Type: 0,
});

/** Organisations of Type 1 in the real world (the capture has both 1, e.g. AI-ModelScope, and 2). */
const TYPE_1 = new Set(['AI-ModelScope', 'LLM-Research', 'MusePublic', 'stepfun-ai', 'Tongyi-MAI', 'Qwen-Image']);
const realOrganizations = new Map<string, RealOrganization>();
for (const [i, [name, fullName, github]] of [...ORGS, ...RENAME_TARGETS].entries()) {
  realOrganizations.set(name, ({
    ApplyFailureReason: '',
    ApplyReason: '',
    Avatar: i % 3 === 2 ? '' : `https://resouces.modelscope.cn/avatar/org-${name.toLowerCase()}.png`,
    CreateCompetition: false,
    CreatedBy: pick(['JadeCai', 'kelseye', 'wangxingjun778', 'yingda'], (i * 0.37) % 1),
    Description: JSON.stringify(['root', {}, ['p', {}, ['span', { 'data-type': 'text' }, ['span', { 'data-type': 'leaf' }, `${fullName} 的开源组织`]]]]),
    DisplayUrl: '',
    Email: '',
    FromSite: '',
    FullName: fullName,
    GithubAddress: github,
    GmtCreated: '2023-03-10T11:24:21Z',
    GmtModified: '2025-03-18T03:05:34Z',
    Id: 1000 + i * 37,
    InitAdminMembers: '',
    IsApply: false,
    IsCertification: '',
    Mobile: '',
    Name: name,
    Path: '',
    Roles: null,
    Status: 0,
    SubscribeVo: null,
    Type: TYPE_1.has(name) ? 1 : 2,
  }));
}

/** The real world's `Organization` for a namespace: the organisation's object, or the Type 0 one of a person. */
export function realOrganization(path: string): RealOrganization {
  return realOrganizations.get(path) ?? PERSON_ORGANIZATION;
}

/** The catalog model that always has `IsTop` in the real world, so every list of 15+ models shows one. */
export const FORCED_TOP_INDEX = 14;

/** The awkward feature forced onto catalog model `index`, so even small lists show every kind. */
export function forcedAwkward(index: number): Awkward | undefined {
  return AWKWARD[index - 1];
}

/** Split `Name` into the space and index it was generated for; `undefined` when it is not one of ours. */
export function parseToken(name: string): { space: Space; index: number } | undefined {
  const cut = Math.max(name.lastIndexOf('-'), name.lastIndexOf('_'), name.lastIndexOf('.'));
  const token = name.slice(cut + 1);
  const space = (Object.keys(TOKEN_PREFIX) as Space[]).find((s) => TOKEN_PREFIX[s] === token[0]);
  const digits = token.slice(1);
  if (cut < 1 || space === undefined || !/^[0-9a-z]+$/.test(digits)) return undefined;
  const index = Number.parseInt(digits, 36);
  return index.toString(36) === digits ? { space, index } : undefined;
}

/** Build the static part of a model. `created` is Unix seconds; `forced` adds one awkward feature. */
export function modelSeed(seed: number, space: Space, index: number, id: number, created: number, forced?: Awkward): ModelSeed {
  const salt = SPACE_SALT[space];
  const u = (n: number): number => unit(seed, index, salt, n);
  const awkward: Awkward[] = [];
  for (let i = 0; i < AWKWARD.length; i++) {
    const feature = AWKWARD[i];
    if (feature !== undefined && (feature === forced || u(100 + i) < AWKWARD_RATE)) awkward.push(feature);
  }
  const has = (feature: Awkward): boolean => awkward.includes(feature);
  const family = familyFor(space === 'hub' ? HUB_FAMILIES : LIST_FAMILIES, u(1));
  const lora = family.kind === 'lora';

  const orgOwned = lora ? u(2) < 0.15 : u(2) < 0.85;
  const orgIndex = Math.floor(u(3) * ORGS.length);
  const org = ORGS[orgIndex];
  const userDigits = u(6) < 0.4 ? String(Math.floor(u(7) * 9999)) : '';
  const user = `${pick(USER_FIRST, u(4))}${pick(USER_SEP, u(5))}${pick(USER_SECOND, u(8))}${userDigits}`;
  const path = orgOwned && org !== undefined ? org[0] : user;

  const styleIndex = Math.floor(u(10) * STYLES.length);
  const style = STYLES[styleIndex] ?? 'anime';
  const loraBase = pick(LORA_BASES, u(11));
  let stem: string;
  let sep = '-';
  if (has('odd-name')) {
    stem = pick(ODD_NAMES, u(12));
    sep = pick(['_', '.', '-'], u(13));
  } else if (lora) {
    const template = Math.floor(u(12) * 4);
    if (template === 0) stem = `${loraBase}-${style}-LoRA`;
    else if (template === 1) [stem, sep] = [`${style.replace('-', '_')}_${loraBase}_lora`, '_'];
    else if (template === 2) stem = `${loraBase}-${style}`;
    else stem = `${style[0]?.toUpperCase() ?? ''}${style.slice(1)}${loraBase.replace(/[.-]/g, '')}-v${1 + Math.floor(u(13) * 5)}`;
  } else if (family.kind === 'llm') stem = pick(LLM_STEMS, u(12));
  else if (family.kind === 'vlm') stem = pick(VLM_STEMS, u(12));
  else stem = pick(OTHER_STEMS[family.kind], u(12));
  const name = `${stem}${sep}${TOKEN_PREFIX[space]}${index.toString(36)}`;

  let chineseName: string | undefined = '';
  if (has('chinese-missing')) chineseName = undefined;
  else if (has('chinese-html')) chineseName = pick(HTML_PAYLOADS, u(20));
  else if (has('chinese-unicode')) chineseName = pick(UNICODE_PAYLOADS, u(20));
  else if (u(21) < 0.25) chineseName = lora ? `${STYLE_CN[styleIndex] ?? '风格'}风格LoRA` : `${family.task.ChineseName}模型`;

  let description = u(22) < 0.4 ? pick(DESCRIPTIONS, u(23)) : '';
  if (has('description-html')) description = `${pick(HTML_PAYLOADS, u(24))} ${description}`;
  else if (has('description-unicode')) description = pick(UNICODE_PAYLOADS, u(24));

  const tags: string[] = [];
  if (lora) {
    if (u(25) < 0.6) tags.push('LoRA');
    if (u(26) < 0.4) tags.push(style);
    if (u(27) < 0.2) tags.push('风格');
  } else if (family.kind === 'llm' && u(25) < 0.5) tags.push('vllm');
  if (has('tag-html')) tags.push(pick(HTML_PAYLOADS, u(28)), 'R&amp;D');

  let tasks: readonly UpstreamTask[] | null = [family.task];
  if (has('tasks-null')) tasks = null;
  else if (has('tasks-empty')) tasks = [];
  else if (has('tasks-blank')) tasks = [{ Name: '', ChineseName: '' }];
  else if (family.kind === 'vlm' && u(29) < 0.3) tasks = [family.task, TASK.textgen];

  const license = has('license-empty') ? '' : pick(lora ? LICENSES_LORA : LICENSES_OTHER, u(30));
  const downloads0 = Math.floor(10 ** (u(31) * 5.2)) - 1 + (lora ? 0 : Math.floor(u(32) * 5000));
  const stars0 = Math.floor(Math.sqrt(downloads0) * u(33) * 0.5);
  const storage = u(34) < 0.02 ? 0 : Math.floor((lora ? 1e7 : 1e9) * (1 + u(35) * 60));
  const aigcType = lora ? (u(36) < 0.85 ? 'LoRA' : u(36) < 0.95 ? 'Checkpoint' : '') : '';
  const vision = loraBase.replace(/[.-]/g, '_').toUpperCase();
  const timesAsString = has('time-string');

  const base: BaseFields = {
    Id: id,
    Path: path,
    Name: name,
    ...(chineseName === undefined ? {} : { ChineseName: chineseName }),
    NickName: has('description-unicode') ? pick(UNICODE_PAYLOADS, u(40)) : orgOwned ? pick(NICKNAMES, u(41)) : user,
    CreatedBy: orgOwned ? pick(['JadeCai', 'kelseye', 'wangxingjun778'], u(42)) : user,
    Description: description,
    Downloads: 0,
    Stars: 0,
    StorageSize: storage,
    License: license,
    Libraries: lora ? LORA_LIBRARIES : LLM_LIBRARIES,
    Frameworks: u(43) < 0.2 ? ['Pytorch'] : ['pytorch'],
    ModelType: lora ? [loraBase.toLowerCase()] : [stem.split('-')[0]?.toLowerCase() ?? 'model'],
    Architectures: family.kind === 'llm' ? ['Qwen3ForCausalLM'] : lora ? null : [],
    Tasks: tasks,
    Tags: tags,
    CreatedTime: timesAsString ? String(created) : created,
    LastUpdatedTime: 0,
    Visibility: 5,
    ModelSource: u(44) < 0.95 ? 'USER_UPLOAD' : '',
    Organization: orgOwned && org !== undefined ? organization(orgIndex) : null,
    SupportInference: '',
    SupportApiInference: u(45) < 0.04,
    SupportExperience: u(46) < 0.2 ? 1 : 0,
    SupportDashInference: family.kind === 'llm' && u(47) < 0.3 ? 1 : 0,
    AigcType: aigcType,
    AigcAttributes: !lora ? (u(53) < 0.5 ? '' : '{}') : u(48) < 0.5 ? JSON.stringify({ SubVisionFoundation: vision }) : { SubVisionFoundation: vision },
    BaseModel: lora ? [`${BASE_REPOS[loraBase] ?? 'black-forest-labs/FLUX.1-dev'}${u(54) < 0.4 ? '@v1' : ''}`] : [],
    VisionFoundation: lora ? (FOUNDATIONS[loraBase] ?? 'FLUX_1') : '',
    ModelInfos: lora
      ? { safetensor: { model_size: u(55) < 0.1 ? 0 : Math.floor(1e7 + u(56) * 3e8), tensor_type: ['BF16'] } }
      : family.kind === 'llm'
        ? { safetensor: { model_size: Math.floor(5e8 + u(56) * 7e10), tensor_type: ['BF16'] } }
        : {},
    BackendSupport: family.kind === 'llm' && u(49) < 0.5 ? JSON.stringify({ model_id: `${path}/${name}` }) : u(52) < 0.3 ? '{}' : {},
    Avatar: `https://resouces.modelscope.cn/avatar/${imageId(seed, index, salt)}.png`,
    CoverImages: lora ? [`https://resouces.modelscope.cn/aigc/cover/${imageId(seed, index, salt + 1)}.jpg`] : [],
    widgets: family.kind === 'llm' && u(50) < 0.3 ? [{ task: family.task.Name, enable: true }] : [],
  };
  return {
    space,
    index,
    id,
    key: `${path}/${name}`,
    inference: family.inference,
    created,
    downloads0,
    stars0,
    awkward,
    top: space !== 'catalog' ? 0 : index === FORCED_TOP_INDEX ? 13 : u(60) < 0.004 ? 1 + Math.floor(u(61) * 20) : 0,
    image: family.inference === 'txt2img' || family.inference === 'img2img' || (space === 'hub' && lora),
    base,
  };
}

/** How the real world (not tidy) renders a record today. */
export interface RealRender {
  /** Today's namespace (differs from `base.Path` after a rename). */
  readonly path: string;
  /** Serve `SupportInference: ""` although the model is listed (the `emptyInferenceShare` quirk). */
  readonly blankInference: boolean;
}

/**
 * The record for one day: static fields plus metrics; `listed` decides `SupportInference`. Without `real` the
 * tidy world's record (the shapes before issue 19); with it the real world's (see renderReal).
 */
export function render(model: ModelSeed, metrics: Metrics, listed: boolean, real?: RealRender): UpstreamModel {
  if (real !== undefined) return renderReal(model, metrics, listed, real);
  const b = model.base;
  const stars = model.awkward.includes('stars-string') ? String(metrics.stars) : metrics.stars;
  const updated = model.awkward.includes('time-string') ? String(metrics.updated) : metrics.updated;
  const inference = listed ? model.inference : '';
  // Spelled out rather than spread: a literal keeps one hidden class for 60k records and is ~20x faster.
  const head = b.ChineseName === undefined
    ? { Id: b.Id, Path: b.Path, Name: b.Name }
    : { Id: b.Id, Path: b.Path, Name: b.Name, ChineseName: b.ChineseName };
  return {
    ...head,
    NickName: b.NickName,
    CreatedBy: b.CreatedBy,
    Description: b.Description,
    Downloads: metrics.downloads,
    Stars: stars,
    StorageSize: b.StorageSize,
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
    Organization: b.Organization,
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
    CoverImages: b.CoverImages,
    widgets: b.widgets,
    TriggerWords: b.AigcType === 'LoRA' && b.Id % 3 === 0 ? ['摄影'] : [],
    OfficialTags: b.AigcType === 'LoRA' && b.Id % 4 === 0 ? [OFFICIAL_TAG] : [],
    MuseInfo: b.AigcType === '' ? null : museInfo(b, metrics),
    ReadMeContent: '',
  };
}

/** One real official tag (from the captured page). */
const OFFICIAL_TAG = { ChineseName: '写实摄影', Name: 'Photography', SvgContent: 'xieshisheying', Tag: 'photography', TagType: 'designStyle' } as const;

/**
 * The part of a real `MuseInfo` the crawler reads: `genImageCount` (grows with use, here with downloads) and
 * `versions[].inferenceCompanionVersionInfo.modelUrl`, the base model a Qwen-Image LoRA is called through.
 */
function museInfo(b: BaseFields, metrics: Metrics): Readonly<Record<string, unknown>> {
  const qwen = b.BaseModel.some((id) => id.startsWith('MusePublic/Qwen-image'));
  return {
    genImageCount: Math.floor(metrics.downloads / 3),
    groupType: 'ROOT',
    versions: [{ coverImages: [], id: b.Id, inferenceCompanionVersionInfo: qwen ? { modelUrl: 'modelscope://MusePublic/Qwen-image?revision=v1' } : null }],
  };
}

/**
 * The real world's record, shaped as the real list items of shared/data-samples/modelscope-dolphin-lora-page-raw.json:
 * `Organization` always an object, no `StorageSize`, `IsTop`, `CoverImages: []` with the covers in
 * `MuseInfo.versions[].coverImages`, and MuseInfo with the capture's full key set.
 */
function renderReal(model: ModelSeed, metrics: Metrics, listed: boolean, real: RealRender): UpstreamModel {
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
