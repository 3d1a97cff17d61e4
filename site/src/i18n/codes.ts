// Human labels of the codes upstream records carry: model families (`visionFoundation`, e.g.
// `QWEN_IMAGE_20_B`), AIGC types, inference types, tasks and licence ids, in both languages. One table
// for every page that shows a code: the model page's facts and the catalog's facets. A code the table
// does not know gets a readable form of itself (`SOME_FAMILY_2_1` → `Some Family 2.1`), the same
// in both languages; `codeLabel(…).known` says which.
import type { Lang } from './lang.ts';

/** The kinds of code with labels. */
export type CodeKind = 'family' | 'aigc' | 'inference' | 'task' | 'licence';

type Table = Readonly<Record<string, readonly [en: string, zh: string]>>;

/** Model families (upstream `VisionFoundation`), keyed by the code as ModelScope writes it. */
const FAMILY: Table = {
  FLUX_1: ['FLUX.1', 'FLUX.1'],
  FLUX_1_KONTEXT: ['FLUX.1 Kontext', 'FLUX.1 Kontext'],
  FLUX_1_KREA: ['FLUX.1 Krea', 'FLUX.1 Krea'],
  FLUX_2: ['FLUX.2', 'FLUX.2'],
  QWEN_IMAGE_20_B: ['Qwen-Image (20B)', '通义千问 Qwen-Image（200 亿参数）'],
  QWEN_IMAGE_EDIT: ['Qwen-Image-Edit', '通义千问 Qwen-Image-Edit'],
  SD_XL: ['Stable Diffusion XL', 'Stable Diffusion XL'],
  SDXL: ['Stable Diffusion XL', 'Stable Diffusion XL'],
  SD_1_5: ['Stable Diffusion 1.5', 'Stable Diffusion 1.5'],
  SD_2_1: ['Stable Diffusion 2.1', 'Stable Diffusion 2.1'],
  SD_3: ['Stable Diffusion 3', 'Stable Diffusion 3'],
  SD_3_5: ['Stable Diffusion 3.5', 'Stable Diffusion 3.5'],
  SD_3_5_L: ['Stable Diffusion 3.5 Large', 'Stable Diffusion 3.5 Large'],
  SD_3_5_M: ['Stable Diffusion 3.5 Medium', 'Stable Diffusion 3.5 Medium'],
  PONY: ['Pony Diffusion', 'Pony Diffusion'],
  ILLUSTRIOUS: ['Illustrious', 'Illustrious'],
  NOOB_AI: ['NoobAI', 'NoobAI'],
  KOLORS: ['Kolors', '可图 Kolors'],
  HUNYUAN_DIT: ['Hunyuan-DiT', '混元 Hunyuan-DiT'],
  HUNYUAN_VIDEO: ['HunyuanVideo', '混元视频 HunyuanVideo'],
  WAN_2_1: ['Wan 2.1', '通义万相 Wan 2.1'],
  WAN_2_2: ['Wan 2.2', '通义万相 Wan 2.2'],
  Z_IMAGE: ['Z-Image', 'Z-Image'],
  Z_IMAGE_TURBO: ['Z-Image Turbo', 'Z-Image Turbo'],
};

/** AIGC types (upstream `AigcType`). */
const AIGC: Table = {
  LoRA: ['LoRA', 'LoRA'],
  Checkpoint: ['Checkpoint (full model)', 'Checkpoint（完整模型）'],
};

/** Inference types (upstream `SupportInference`). */
const INFERENCE: Table = {
  txt2img: ['Text to image', '文生图'],
  img2img: ['Image to image', '图生图'],
  txt2txt: ['Text generation', '文本生成'],
  img2txt: ['Image to text', '图生文'],
  chat: ['Chat', '对话'],
  txt2audio: ['Text to audio', '文本生成音频'],
  txt2video: ['Text to video', '文生视频'],
  img2video: ['Image to video', '图生视频'],
};

/** Tasks (upstream task names). */
const TASK: Table = {
  'text-to-image-synthesis': ['Text to image', '文生图'],
  'text-to-image': ['Text to image', '文生图'],
  'image-to-image': ['Image to image', '图生图'],
  'image-editing': ['Image editing', '图像编辑'],
  'text-generation': ['Text generation', '文本生成'],
  chat: ['Chat', '对话'],
  'text-to-video-synthesis': ['Text to video', '文生视频'],
  'image-to-video': ['Image to video', '图生视频'],
  'image-text-to-text': ['Image and text to text', '图文生文'],
  'visual-question-answering': ['Visual question answering', '视觉问答'],
  'sentence-embedding': ['Sentence embedding', '句子向量'],
  'text-to-speech': ['Text to speech', '语音合成'],
  'auto-speech-recognition': ['Speech recognition', '语音识别'],
  translation: ['Translation', '翻译'],
};

/** Licence ids: SPDX ids read the same in both languages; only the words among them get labels. */
const LICENCE: Table = {
  other: ['Other', '其他'],
  unknown: ['Unknown', '未知'],
};

/** Every table, by kind: what the catalog's facets and the model page look codes up in. */
export const CODE_TABLES: Readonly<Record<CodeKind, Table>> = { family: FAMILY, aigc: AIGC, inference: INFERENCE, task: TASK, licence: LICENCE };

/** A readable form of an unknown code: `_`/`-` to spaces, digits joined by dots, words capitalised (`SD_4_1` → `SD 4.1`). */
export function readableCode(code: string): string {
  const words = code.split(/[_\s]+/).filter((w) => w !== '');
  const out: string[] = [];
  for (const word of words) {
    const previous = out.at(-1);
    if (/^\d+$/.test(word) && previous !== undefined && /\d$/.test(previous)) out[out.length - 1] = `${previous}.${word}`;
    else if (/^[A-Z0-9]+$/.test(word) && word.length > 3) out.push(`${word[0]}${word.slice(1).toLowerCase()}`);
    else out.push(word);
  }
  return out.join(' ');
}

/** A code's label in `lang`; `known` is false when the table has none and the label is `readableCode` of it (the same in both languages). */
export function codeLabel(kind: CodeKind, code: string, lang: Lang): { label: string; known: boolean } {
  const table = CODE_TABLES[kind];
  const entry = Object.hasOwn(table, code) ? table[code] : undefined;
  if (entry !== undefined) return { label: lang === 'zh' ? entry[1] : entry[0], known: true };
  if (kind === 'licence' || kind === 'task') return { label: code, known: false };
  return { label: readableCode(code), known: false };
}

/** Every known label by kind and code, in one language: the Chinese view swaps the English texts for these (lib/page-lang.ts labelSwaps). */
export function codeLabels(lang: Lang): Record<CodeKind, Record<string, string>> {
  const pick = (table: Table) => Object.fromEntries(Object.entries(table).map(([code, [en, zh]]) => [code, lang === 'zh' ? zh : en]));
  return { family: pick(FAMILY), aigc: pick(AIGC), inference: pick(INFERENCE), task: pick(TASK), licence: pick(LICENCE) };
}
