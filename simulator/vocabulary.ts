// The words generated models are made of: task families and their shares of the list, LoRA bases, styles,
// model stems, user names, descriptions and licences, each spelled as upstream spells it. Plain data, so
// model-seed.ts reads as the recipe and this file as the ingredients.
import type { UpstreamTask } from './types.ts';

/** A kind of model: its task, the `SupportInference` it is listed with, and how it is named. */
export interface Family {
  readonly task: UpstreamTask;
  readonly inference: string;
  readonly kind: 'lora' | 'llm' | 'vlm' | 'speech' | 'vision' | 'nlp';
}

/** The tasks families are listed under, as upstream names them in `Tasks`. */
export const TASK = {
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
export const LIST_FAMILIES: readonly (readonly [number, Family])[] = [
  [0.78, { task: TASK.t2i, inference: 'txt2img', kind: 'lora' }],
  [0.86, { task: TASK.i2i, inference: 'img2img', kind: 'lora' }],
  [0.96, { task: TASK.textgen, inference: 'txt2txt', kind: 'llm' }],
  [1, { task: TASK.vlm, inference: 'img2txt', kind: 'vlm' }],
];
/** [cumulative share, family] of hub-only models, which never support inference. */
export const HUB_FAMILIES: readonly (readonly [number, Family])[] = [
  [0.45, { task: TASK.t2i, inference: '', kind: 'lora' }],
  [0.65, { task: TASK.textgen, inference: '', kind: 'llm' }],
  [0.72, { task: TASK.vlm, inference: '', kind: 'vlm' }],
  [0.8, { task: TASK.asr, inference: '', kind: 'speech' }],
  [0.85, { task: TASK.tts, inference: '', kind: 'speech' }],
  [0.92, { task: TASK.det, inference: '', kind: 'vision' }],
  [1, { task: TASK.emb, inference: '', kind: 'nlp' }],
];

/** Base models a LoRA is trained on. */
export const LORA_BASES = ['FLUX.1-dev', 'flux', 'SDXL', 'SD1.5', 'Qwen-Image', 'Z-Image-Turbo', 'Illustrious', 'Pony', 'Kolors'];
/** `VisionFoundation` of each base, spelled as upstream does. */
export const FOUNDATIONS: Readonly<Record<string, string>> = {
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
/** Repository of each base, as `BaseModel` names it. */
export const BASE_REPOS: Readonly<Record<string, string>> = {
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
/** Style words of LoRA names, and their Chinese names (same order) for `ChineseName`. */
export const STYLES = ['anime', 'ink-wash', 'cyberpunk', 'ghibli', 'watercolor', 'pixel-art', 'hanfu', 'guofeng', 'portrait',
  'product-photo', '3d-render', 'line-art', 'chibi', 'oil-painting', 'realistic', 'retro-poster', 'cinematic', 'clay'];
export const STYLE_CN = ['二次元', '水墨', '赛博朋克', '吉卜力', '水彩', '像素', '汉服', '国风', '人像', '产品摄影', '三维渲染', '线稿',
  'Q版', '油画', '写实', '复古海报', '电影感', '黏土'];
/** Stems of language-model, vision-language-model and other model names. */
export const LLM_STEMS = ['Qwen3-8B', 'Qwen2.5-7B-Instruct', 'DeepSeek-V3.2', 'GLM-4.6', 'MiniMax-M2.5', 'Kimi-K2-Instruct',
  'internlm3-8b-instruct', 'QwQ-32B', 'Qwen3-Coder-30B-A3B-Instruct', 'gemma-3-27b-it', 'Llama-3.3-70B-Instruct'];
export const VLM_STEMS = ['Qwen2.5-VL-7B-Instruct', 'InternVL3-8B', 'GLM-4.5V', 'MiniCPM-V-4_5', 'Qwen3-VL-30B-A3B-Instruct'];
export const OTHER_STEMS: Readonly<Record<'speech' | 'vision' | 'nlp', readonly string[]>> = {
  speech: ['SenseVoiceSmall', 'paraformer-zh', 'whisper-large-v3', 'CosyVoice2-0.5B', 'F5-TTS'],
  vision: ['damoyolo_s', 'cv_resnet50_face-detection', 'yolov8n', 'cv_vit_object-detection_coco'],
  nlp: ['bge-m3', 'nlp_structbert_sentiment-classification_chinese-base', 'gte-Qwen2-1.5B-instruct'],
};

/** Parts of individual users' namespaces: first, separator, second (and sometimes digits). */
export const USER_FIRST = ['xiao', 'lin', 'chen', 'pixel', 'dream', 'moon', 'yun', 'feng', 'lora', 'mo', 'ink', 'neo', 'AIGC',
  'Kai', 'sora', 'Art'];
export const USER_SEP = ['', '_', '-', '.', ''];
export const USER_SECOND = ['maker', 'studio', 'art', 'lab', 'zhang', 'wang', 'li', 'Tan', 'works', 'craft'];
/** `NickName`s of organisation-owned models. */
export const NICKNAMES = ['小橙鱼', 'kelseye', '墨染', 'Pixel Dreamer', '阿杰', 'LoRA练丹师', 'yunfeng', 'Chen Xi', '夜雨'];
/** `Description`s, when a model has one. */
export const DESCRIPTIONS = [
  'A LoRA trained on 120 curated images.',
  '基于 FLUX.1-dev 训练的风格模型，触发词见说明。',
  'Trigger word: ink_style\nRecommended weight 0.8',
  'Fine-tuned for instruction following.',
  '适用于电商产品图生成',
];
// Real pages spell one licence several ways (`Apache License 2.0` and `apache-2.0` on one page).
export const LICENSES_LORA = ['creativeml-openrail-m', 'apache-2.0', 'other', 'cc-by-nc-4.0', '', 'Apache License 2.0'];
export const LICENSES_OTHER = ['apache-2.0', 'mit', 'other', 'llama3.3', 'apache-2.0'];

/** The family a uniform draw `u` lands in, by cumulative share. */
export function familyFor(families: readonly (readonly [number, Family])[], u: number): Family {
  for (const [share, family] of families) if (u < share) return family;
  const last = families[families.length - 1];
  if (last === undefined) throw new RangeError('no families');
  return last[1];
}

/** `Libraries` of LoRAs and of the other models. */
export const LORA_LIBRARIES: readonly string[] = ['safetensors'];
export const LLM_LIBRARIES: readonly string[] = ['transformers', 'safetensors', 'pytorch'];

/** One real official tag (from the captured page). */
export const OFFICIAL_TAG = { ChineseName: '写实摄影', Name: 'Photography', SvgContent: 'xieshisheying', Tag: 'photography', TagType: 'designStyle' } as const;
