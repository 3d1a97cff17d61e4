// Synthetic search rows shaped like ModelScope's API-Inference list, for bench/search-size.ts: ~90% image
// LoRAs with the naming habits seen upstream (`KookYan/Kook_Qwen_JIZHIZHENSHI`,
// `yiwanji/FLUX_xiao_hong_shu_ji_zhi_zhen_shi_V2`, `merjic/majicbeauty-qwen1`), owners drawn from a long
// tail with a few owning thousands, half the LoRAs with a Chinese name built from common words, ~40 models
// on the OpenAI-compatible gateway, downloads with a long tail. Deterministic: one seed, same rows.
import type { SearchRow } from '../site/src/lib/search/search-index.ts';
import { seededRandom } from '../simulator/hash.ts';

/** Day number the synthetic catalogue is "today" at. */
export const NEWEST_DAY = 20_650;

const PINYIN = ['ai', 'an', 'bai', 'bei', 'chen', 'chun', 'da', 'dong', 'fang', 'fei', 'feng', 'gu', 'guo', 'hai', 'hong', 'hua', 'jia', 'jin', 'jing',
  'kai', 'lan', 'li', 'lin', 'long', 'mei', 'ming', 'mo', 'ning', 'qing', 'ren', 'shan', 'shi', 'shu', 'tian', 'wang', 'wei', 'xiao', 'xie', 'xin',
  'yan', 'yang', 'yi', 'yu', 'yun', 'zhang', 'zhen', 'zhi', 'zhou', 'zi'];
const ENGLISH = ['anime', 'ink', 'watercolor', 'cyberpunk', 'portrait', 'hanfu', 'chibi', 'pixel', 'realistic', 'product', 'poster', 'logo',
  'sketch', 'oil', '3d', 'cinematic', 'xianxia', 'fashion', 'interior', 'beauty', 'photo', 'film', 'girl', 'cat', 'city', 'landscape', 'dragon',
  'flower', 'robot', 'food', 'architecture', 'character', 'icon', 'illustration', 'style', 'detail', 'light', 'skin', 'lineart', 'ghibli'];
const BASE_WORDS = ['FLUX', 'flux', 'F1', 'Qwen', 'qwen-image', 'QwenImage', 'SDXL', 'sdxl', 'SD15', 'Wan2.2', 'ZImage', 'Kontext', 'majic', 'Illustrious'];
const CHINESE = ['国风', '水墨', '少女', '写实', '真实', '极致', '动漫', '古风', '山水', '赛博朋克', '插画', '人像', '海报', '汉服', '仙侠', '风格',
  '美女', '小红书', '摄影', '电影感', '光影', '质感', '油画', '水彩', '线稿', '像素', '产品', '电商', '建筑', '室内', '写真', '古装', '治愈',
  '可爱', '高清', '细节', '增强', '修复', '老照片', '模型', '人物', '场景', '概念', '漫画', '手绘', '唯美', '梦幻', '复古', '胶片', '日系'];
const FAMILY_OF: Readonly<Record<string, string>> = { FLUX: 'FLUX_1', QWEN: 'QWEN_IMAGE_20_B', SDXL: 'SD_XL', SD15: 'SD_1_5', WAN: 'WAN_VIDEO_2_2', ZIMAGE: 'Z_IMAGE_TURBO' };
const BASE_OF: Readonly<Record<string, string>> = {
  FLUX: 'black-forest-labs/FLUX.1-dev', QWEN: 'Qwen/Qwen-Image', SDXL: 'AI-ModelScope/stable-diffusion-xl-base-1.0',
  SD15: 'AI-ModelScope/stable-diffusion-v1-5', WAN: 'Wan-AI/Wan2.2-T2V-A14B', ZIMAGE: 'Tongyi-MAI/Z-Image-Turbo',
};
const LLMS = ['Qwen3-8B', 'Qwen3-32B', 'Qwen2.5-72B-Instruct', 'DeepSeek-V3.2', 'DeepSeek-R1-0528', 'GLM-4.6', 'Kimi-K2-Instruct', 'MiniMax-M2',
  'QwQ-32B', 'Qwen3-Coder-30B-A3B-Instruct', 'Qwen3-VL-30B-A3B-Instruct', 'InternVL3-8B', 'gemma-3-27b-it', 'Llama-3.3-70B-Instruct'];
const LLM_TASKS = ['text-generation', 'image-text-to-text', 'text-to-video-synthesis', 'sentence-embedding'];
const BIG_OWNERS = ['MusePublic', 'AI-ModelScope', 'DiffSynth-Studio', 'KookYan', 'lightx2v', 'merjic', 'Qwen', 'LiblibAI', 'iic', 'damo'];

/** `count` rows; `seed` picks another catalogue of the same shape. */
export function syntheticRows(count: number, seed = 0x5eed): SearchRow[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const int = (below: number): number => Math.floor(random() * below);
  const pinyin = (n: number): string => Array.from({ length: n }, () => pick(PINYIN)).join('');
  // A long tail of owners: owner k is drawn about as often as 1/k, the first few own thousands.
  const owners = Array.from({ length: Math.max(50, Math.floor(count / 4)) }, (_, k) =>
    BIG_OWNERS[k] ?? (random() < 0.5 ? `${pinyin(2 + int(2))}${random() < 0.5 ? int(10_000) : ''}` : `${pick(ENGLISH)}${pick(['', '_', '-'])}${pinyin(1)}${int(1000)}`));
  const owner = (): string => owners[Math.min(owners.length - 1, Math.floor(Math.exp(random() * Math.log(owners.length + 1))) - 1)] ?? 'owner';

  const loraName = (base: string, i: number): string => {
    const sep = pick(['_', '-', '_']);
    switch (int(6)) {
      case 0: return [base, pick(ENGLISH), pick(ENGLISH), random() < 0.5 ? `v${1 + int(5)}` : ''].filter((p) => p !== '').join(sep);
      case 1: return `${base}${sep}${Array.from({ length: 2 + int(5) }, () => pick(PINYIN)).join(sep)}${random() < 0.4 ? `${sep}V${1 + int(3)}` : ''}`;
      case 2: return `${pick(ENGLISH)}${sep}${pick(ENGLISH)}${sep}lora${random() < 0.5 ? `${sep}${i % 1000}` : ''}`;
      case 3: return `${pick(ENGLISH)}${pinyin(1)}${sep}${base.toLowerCase()}${1 + int(9)}`;
      case 4: return `${pinyin(1 + int(2))}${String(int(1000)).padStart(3, '0')}`;
      default: return `${base}${sep}${pinyin(2 + int(3)).toUpperCase()}`;
    }
  };

  const seen = new Set<string>();
  return Array.from({ length: count }, (_, i): SearchRow => {
    const lora = random() < 0.9;
    const who = owner();
    const baseWord = pick(BASE_WORDS);
    const key = baseWord.toUpperCase().startsWith('QWEN') ? 'QWEN' : baseWord.toUpperCase().startsWith('F') || baseWord === 'Kontext' ? 'FLUX'
      : baseWord.toUpperCase().startsWith('SDXL') || baseWord === 'Illustrious' ? 'SDXL' : baseWord === 'SD15' ? 'SD15' : baseWord.startsWith('Wan') ? 'WAN' : 'ZIMAGE';
    const drawn = lora ? loraName(baseWord, i) : `${pick(LLMS)}${random() < 0.7 ? `-${pick(['GGUF', 'AWQ', 'FP8', 'abliterated', 'finetune'])}${i % 97}` : ''}`;
    // Ids are unique upstream: a repeat gets a version suffix, as people do.
    const name = seen.has(`${who}/${drawn}`) ? `${drawn}-v${i.toString(36)}` : drawn;
    seen.add(`${who}/${name}`);
    const chinese = lora && random() < 0.5
      ? `${random() < 0.3 ? `${baseWord}_` : ''}${Array.from({ length: 2 + int(4) }, () => pick(CHINESE)).join('')}${random() < 0.3 ? `V${1 + int(3)}` : ''}`
      : !lora && random() < 0.2 ? `${pick(CHINESE)}${pick(CHINESE)}模型` : '';
    const onList = random() > 0.05;
    const entered = NEWEST_DAY - Math.floor(random() ** 1.5 * 420);
    const downloads = Math.floor(10 ** (random() ** 2.2 * 6.5) - 1);
    return {
      id: `${who}/${name}`, owner: who, name, chineseName: chinese,
      tasks: lora ? [random() < 0.85 ? 'text-to-image-synthesis' : 'image-to-image'] : [pick(LLM_TASKS)],
      baseModel: lora ? (BASE_OF[key] ?? '') : '', aigcType: lora ? 'LoRA' : random() < 0.3 ? 'Checkpoint' : '',
      family: lora ? (FAMILY_OF[key] ?? '') : '',
      license: lora ? pick(['', 'apache-2.0', 'creativeml-openrail-m', 'other']) : pick(['apache-2.0', 'mit', 'other', 'llama3.3']),
      openaiApi: !lora && i % 150 === 0,
      onList, entered, left: onList ? null : Math.min(NEWEST_DAY, entered + 1 + int(60)),
      likes: Math.floor(downloads / (20 + random() * 200)), downloads,
      growth7: random() < 0.03 ? null : Math.floor(downloads * random() * 0.05),
      href: random() < 0.005 ? `models/${who}/${name.toLowerCase()}~${i.toString(36)}/` : null,
      // Tags as upstream writes them: a LoRA's style word (a Chinese one now and then), 'vllm' on half the LLMs.
      tags: lora ? [random() < 0.4 ? pick(ENGLISH) : '', random() < 0.2 ? '风格' : ''].filter((t) => t !== '') : random() < 0.5 ? ['vllm'] : [],
    };
  });
}
