// The browser tests' site, made: a realistic data directory written with the change-test factories (the
// nights and named models of test/site-browser-fixture.ts), built with the real site build, and a static
// server that serves it under a sub-path the way GitHub Pages does. Kept apart from the fixture's facts so
// the test files, which only read those, do not load the build.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { updateChanges } from '../changes/update.ts';
import { buildSite } from '../publish/site.ts';
import { serveSite } from '../publish/static-server.ts';
import type { ModelRecord } from '../store/record.ts';
import { model, writeDay } from './changes-factory.ts';
import { seededRandom } from '../simulator/hash.ts';
import { DATES, DEPARTED_ID, HOSTILE_ID, TOMBSTONE_DAYS, type FixtureModel } from './site-browser-fixture.ts';

const OWNERS = ['MusePublic', 'AI-ModelScope', 'LiblibAI', 'Qwen', 'iic', 'damo', 'ZhipuAI', 'deepseek-ai', 'PaddlePaddle', 'Shakker'];
const WORDS_A = ['amber', 'lumen', 'cedar', 'drift', 'ember', 'frost', 'glint', 'haven', 'ivory', 'jade', 'koi', 'lotus', 'mist', 'nova', 'onyx', 'pearl'];
const WORDS_B = ['portrait', 'ink', 'anime', 'sketch', 'pixel', 'film', 'neon', 'clay', 'paper', 'chrome', 'vapor', 'glass'];
const TASKS = [['text-to-image-synthesis'], ['text-to-image-synthesis'], ['image-to-image'], ['text-to-image-synthesis', 'image-to-image'], ['text-to-video-synthesis']];
const FAMILIES = ['FLUX_1', 'FLUX_1', 'SDXL', 'QWEN_IMAGE_20_B', 'SD_1_5'];
const LICENSES = ['apache-2.0', 'apache-2.0', 'mit', 'other', 'cc-by-nc-4.0', 'openrail'];
const AIGC = ['LoRA', 'LoRA', 'LoRA', 'Checkpoint'];

/** The OpenAI-compatible chat models (served by the gateway). */
const CHAT = ['Qwen/Qwen3-8B', 'Qwen/Qwen3-32B', 'Qwen/QwQ-32B', 'deepseek-ai/DeepSeek-V3.2', 'deepseek-ai/DeepSeek-R1-0528', 'ZhipuAI/GLM-4.6', 'moonshotai/Kimi-K2-Instruct', 'MiniMax/MiniMax-M2'];

function chatModel(id: string, i: number): ModelRecord {
  return {
    ...model(id, 900 + i * 37, 2_000_000 - i * 150_000),
    tasks: ['text-generation'], tags: ['chat'], inferenceType: 'chat', aigcType: '', visionFoundation: '', baseModels: [],
    license: i % 2 === 0 ? 'apache-2.0' : 'mit', openaiApi: true, openaiApiSince: '2025-12-01',
    chineseName: i === 0 ? '通义千问3-8B' : '',
  };
}

function aigcModel(id: string, rand: () => number, i: number): ModelRecord {
  const family = FAMILIES[i % FAMILIES.length] ?? 'FLUX_1';
  return {
    ...model(id, Math.floor(rand() * 400), Math.floor(rand() ** 3 * 900_000)),
    tasks: [...(TASKS[i % TASKS.length] ?? [])],
    license: LICENSES[(i * 7) % LICENSES.length] ?? '',
    aigcType: AIGC[(i * 3) % AIGC.length] ?? '',
    visionFoundation: family,
    baseModels: [{ id: family === 'SDXL' ? 'AI-ModelScope/stable-diffusion-xl-base-1.0' : 'AI-ModelScope/FLUX.1-dev', revision: null }],
    chineseName: i % 97 === 0 ? `水墨风格${i}` : '',
  };
}

/**
 * The fixture's models and when each is on the list: `days[k]` is true when on night k. Figures grow a
 * little every night, so the 7-day growth has values to sort by.
 */
function population(): { record: ModelRecord; days: boolean[] }[] {
  const rand = seededRandom(20260309);
  const always = DATES.map(() => true);
  const out: { record: ModelRecord; days: boolean[] }[] = [];
  CHAT.forEach((id, i) => out.push({ record: chatModel(id, i), days: always }));
  for (let i = 0; i < 6300; i++) {
    const owner = OWNERS[i % OWNERS.length] ?? 'owner';
    const name = `${WORDS_A[(i * 5) % WORDS_A.length]}-${WORDS_B[(i * 7) % WORDS_B.length]}-${String(i).padStart(4, '0')}`;
    out.push({ record: aigcModel(`${owner}/${name}`, rand, i), days: always });
  }
  // Newcomers: entered on one of the last nights (so "new in the last 7 days").
  for (let i = 0; i < 12; i++) {
    const first = 6 + (i % 3);
    out.push({ record: { ...aigcModel(`newcomer/fresh-lora-${i}`, rand, i + 1), downloads: 50 + i }, days: DATES.map((_, k) => k >= first) });
  }
  // Departures: on the list for the first five nights, gone since.
  const gone = DATES.map((_, k) => k < 5);
  out.push({ record: { ...aigcModel(DEPARTED_ID, rand, 2), downloads: 123_456 }, days: gone });
  for (let i = 0; i < 6; i++) out.push({ record: aigcModel(`farewell/vanished-${i}`, rand, i), days: DATES.map((_, k) => k < 3 + (i % 3)) });
  // One that left for two nights and came back.
  out.push({ record: aigcModel('boomerang/returning-lora', rand, 4), days: DATES.map((_, k) => k < 3 || k >= 5) });
  // The hostile name, popular enough to be on the static first page.
  out.push({ record: { ...aigcModel(HOSTILE_ID, rand, 1), downloads: 1_500_000 }, days: always });
  return out;
}

/** Writes the fixture's nine snapshots into `dataDir`, updating the change log after each, and returns what it says. */
export async function writeFixtureData(dataDir: string): Promise<FixtureModel[]> {
  const models = population();
  for (const [k, date] of DATES.entries()) {
    const today = models
      .filter((m) => m.days[k] === true)
      .map(({ record }) => ({ ...record, downloads: record.downloads + k * (record.downloads % 13), likes: record.likes + (k % 2) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await writeDay(dataDir, date, today);
    await updateChanges(dataDir, date);
  }
  const last = DATES.length - 1;
  const downloadsOn = (record: ModelRecord, k: number): number => record.downloads + k * (record.downloads % 13);
  return models.map(({ record, days }) => {
    const lastOn = days.lastIndexOf(true);
    let start = lastOn;
    while (start > 0 && days[start - 1] === true) start--;
    // The week's growth counts from the night 7 before the newest (the figure known then).
    const weekAgo = last - 7;
    const before = days.slice(0, weekAgo + 1).lastIndexOf(true);
    const onList = days[last] === true;
    return {
      record: { ...record, downloads: downloadsOn(record, lastOn), likes: record.likes + (lastOn % 2) },
      onList,
      entered: DATES[start] ?? '',
      leftOn: onList ? null : (DATES[lastOn + 1] ?? null),
      growth: onList && days.indexOf(true) <= weekAgo && before >= 0 ? downloadsOn(record, last) - downloadsOn(record, before) : null,
    };
  });
}

/** Builds the site for `siteUrl` from the fixture data into `root/site`; returns the output dir and the fixture facts. */
export async function buildFixtureSite(root: string, siteUrl: string): Promise<{ outDir: string; models: FixtureModel[] }> {
  const dataDir = join(root, 'data');
  await mkdir(dataDir, { recursive: true });
  const models = await writeFixtureData(dataDir);
  const outDir = join(root, 'site');
  await buildSite({ dataDir, outDir, siteUrl, snapshotDays: 'all', tombstoneDays: TOMBSTONE_DAYS });
  return { outDir, models };
}

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every path requested, in order (for "what did the page fetch" checks). */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dir` at `http://127.0.0.1:<port>/<base>` the way GitHub Pages does (publish/static-server.ts), recording every request. */
export async function serveStatic(dir: string, base: string, port = 0): Promise<StaticServer> {
  const requests: string[] = [];
  const { origin, close } = await serveSite(dir, { base, port, onRequest: (path) => requests.push(path) });
  return { origin, requests, close };
}
