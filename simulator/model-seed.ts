// What one model looks like: static fields are a pure function of (seed, space, index); the day's metrics are laid
// over them by render() (render.ts). Awkward cases (hostile HTML, odd Unicode, wrong types, missing keys) are part
// of the data (awkward.ts); the words names are made of are in vocabulary.ts, the owners in organizations.ts.
import { AWKWARD, AWKWARD_RATE, HTML_PAYLOADS, ODD_NAMES, UNICODE_PAYLOADS, type Awkward } from './awkward.ts';
import { hash, pick, unit } from './hash.ts';
import { ORGS, organization } from './organizations.ts';
import type { UpstreamModel, UpstreamTask } from './types.ts';
import {
  BASE_REPOS, DESCRIPTIONS, familyFor, FOUNDATIONS, HUB_FAMILIES, LICENSES_LORA, LICENSES_OTHER, LIST_FAMILIES, LLM_LIBRARIES, LLM_STEMS, LORA_BASES,
  LORA_LIBRARIES, NICKNAMES, OTHER_STEMS, STYLE_CN, STYLES, TASK, USER_FIRST, USER_SECOND, USER_SEP, VLM_STEMS,
} from './vocabulary.ts';

/** Id spaces: catalog models churn on the list, hub models never support inference, inserted ones appear mid-crawl. */
export type Space = 'catalog' | 'hub' | 'inserted';
const SPACE_SALT: Readonly<Record<Space, number>> = { catalog: 0x1000, hub: 0x2000, inserted: 0x3000 };
/** First letter of the name's last segment; makes names unique per space and lets the detail route find models. */
const TOKEN_PREFIX: Readonly<Record<Space, string>> = { catalog: 'm', hub: 'h', inserted: 'n' };

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

function imageId(seed: number, index: number, salt: number): string {
  // Decimal, not hex: number-to-hex-string was the single hottest line of catalog generation.
  return String(hash(seed, index, salt, 1));
}

/** The catalog model that always has `IsTop` in the real world, so every list of 15+ models shows one. */
export const FORCED_TOP_INDEX = 14;

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
