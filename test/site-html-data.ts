// The site/html tests' small site (test/site-html-*.test.ts): a few nights with hostile names, case twins,
// models that left and one of each kind of snippet, built under a sub-path. The global setup builds it
// once per run (test/global-setup.ts) and every file reads the same output (test/site-html-fixture.ts).
import { planModelPaths, type ModelPaths } from '../publish/urls.ts';
import type { ModelRecord } from '../store/record.ts';
import { model as baseRecord } from './changes-factory.ts';

/** The site's address: a sub-path on another origin, as on GitHub Pages (never served; the pages are read). */
export const SITE_URL = 'https://example.github.io/repo/';
/** The origin of SITE_URL. */
export const ORIGIN = 'https://example.github.io';
/** The path of SITE_URL. */
export const BASE = '/repo/';

// Hostile and awkward names upstream could send.
const XSS = '<img src=x onerror=alert(1)>';
/** A name that is markup. */
export const XSS_ID = `evil/${XSS}`;
/** A name with every quote, an ampersand, a backtick and a right-to-left override. */
export const QUOTED_ID = 'q"u\'o&te`/na"me\'&`\u202Egnp.exe';
const QUOTED_ZH = '引"号\'&`\u202E';
/** A name in Chinese, with a space. */
export const CJK_ID = '作者/模型 名';
/** A name too long for one file name. */
export const LONG_ID = `long/${'x'.repeat(300)}`;
/** Two ids that differ only in case: one file system path each. */
export const TWINS = ['Twin/Model', 'twin/model'] as const;
// One of each kind of snippet, and an OpenAI-compatible model that leaves.
/** An OpenAI-compatible chat model, on the list throughout. */
export const CHAT_ID = 'Qwen/Qwen3-32B';
/** A LoRA on LORA_BASE. */
export const LORA_ID = 'studio/ink-lora';
/** The base model of LORA_ID. */
export const LORA_BASE = 'black-forest-labs/FLUX.1-dev';
/** A Checkpoint image model. */
export const CHECKPOINT_ID = 'studio/painter';
/** An OpenAI-compatible chat model that left on 03-01 (last seen 02-28). */
export const GONE_ID = 'gone/chat-model';
/** A LoRA that left on 02-28 (seen on 02-27 only). */
export const LEFT_LORA_ID = 'gone/old-lora';

function record(id: string, overrides: Partial<ModelRecord> = {}, likes = 1, downloads = 10): ModelRecord {
  return { ...baseRecord(id, likes, downloads), ...overrides };
}
const chat = (id: string, overrides: Partial<ModelRecord> = {}, downloads = 10): ModelRecord =>
  record(id, { openaiApi: true, openaiApiSince: '2025-04-29', aigcType: '', inferenceType: 'chat', tasks: ['text-generation'], tags: [], baseModels: [], visionFoundation: '', ...overrides }, 1, downloads);
const plain = (id: string): ModelRecord => record(id, { aigcType: '', inferenceType: 'txt2txt', tasks: ['text-generation'], baseModels: [], visionFoundation: '' });
/** A model of a kind the site has no call for (a speech model): its snippet is the "other" kind. */
const speech = (id: string): ModelRecord => record(id, { aigcType: '', inferenceType: 'txt2audio', tasks: ['text-to-speech'], baseModels: [], visionFoundation: '' });

/** Every model of the nights, by role. */
export const MODELS = {
  chat: chat(CHAT_ID, {}, 5000),
  lora: record(LORA_ID, { aigcType: 'LoRA', inferenceType: 'txt2img', baseModels: [{ id: LORA_BASE, revision: null }] }),
  checkpoint: record(CHECKPOINT_ID, { aigcType: 'Checkpoint', inferenceType: 'txt2img', baseModels: [], visionFoundation: 'FLUX_1' }),
  gone: chat(GONE_ID, { chineseName: XSS }),
  leftLora: record(LEFT_LORA_ID),
  twinFirst: plain(TWINS[0]),
  twinLater: plain(TWINS[1]),
  xss: chat(XSS_ID, { chineseName: XSS }, 900),
  quoted: chat(QUOTED_ID, { chineseName: QUOTED_ZH }, 800),
  cjk: speech(CJK_ID),
  long: speech(LONG_ID),
};

/** The nights: a gap on 03-02, two months, and the OpenAI-compatible GONE_ID leaving on 03-01 after two nights. */
export const NIGHTS: [date: string, models: ModelRecord[]][] = [
  ['2026-02-27', [MODELS.chat, MODELS.lora, MODELS.checkpoint, MODELS.gone, MODELS.leftLora, MODELS.twinFirst]],
  ['2026-02-28', [MODELS.chat, MODELS.lora, MODELS.checkpoint, MODELS.gone, MODELS.twinFirst, MODELS.twinLater, MODELS.xss, MODELS.quoted, MODELS.cjk, MODELS.long]],
  ['2026-03-01', [MODELS.chat, MODELS.lora, MODELS.checkpoint, MODELS.twinFirst, MODELS.twinLater, MODELS.xss, MODELS.quoted, MODELS.cjk, MODELS.long]],
  ['2026-03-03', [MODELS.chat, MODELS.lora, { ...MODELS.checkpoint, likes: 4 }, MODELS.twinFirst, MODELS.twinLater, MODELS.xss, MODELS.quoted, MODELS.cjk, MODELS.long]],
  ['2026-03-04', [MODELS.chat, MODELS.lora, { ...MODELS.checkpoint, likes: 4 }, MODELS.twinFirst, MODELS.twinLater, MODELS.xss, MODELS.quoted, MODELS.cjk, MODELS.long]],
];
/** Every model ever seen: one page each. */
export const ALL_IDS = [...new Set(NIGHTS.flatMap(([, models]) => models.map((m) => m.id)))];
/** The models on the newest night's list. */
export const ON_LIST = NIGHTS.at(-1)![1].map((m) => m.id);
/** Models that left: a tombstone page each, and an API file while within the tombstone window. */
export const LEFT_IDS = ALL_IDS.filter((id) => !ON_LIST.includes(id));
/** The models the gateway ever served. */
export const OPENAI_IDS = [CHAT_ID, GONE_ID, XSS_ID, QUOTED_ID];

/** The paths publish/urls.ts plans for every model ever seen (first night seen decides case twins). */
export const PATHS: ModelPaths = planModelPaths(ALL_IDS.map((id) => ({ id, firstSeen: NIGHTS.find(([, models]) => models.some((m) => m.id === id))![0] })));

/** The tombstone window of the second build (`html-archive`): newest night 03-04, so GONE_ID (last seen 02-28) keeps its page and LEFT_LORA_ID (02-27) does not. */
export const ARCHIVE_TOMBSTONE_DAYS = 4;
