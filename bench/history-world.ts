// A synthetic API-Inference list for the history benchmark: 60,000 models with realistic records,
// ~1% membership change per day (leavers, newcomers, returns), a third of the models' downloads and
// a few percent of their likes moving each day. Writes real snapshot files, fast: each model's JSON
// line is cached around its two numbers, so a day costs string joins, not 60,000 JSON.stringify calls.
import { writeFile, mkdir } from 'node:fs/promises';
import { snapshotPath, snapshotsDir } from '../store/snapshots.ts';
import type { Observation } from '../changes/events.ts';
import { seededRandom } from '../simulator/hash.ts';

/** World size and churn; defaults are the benchmark's scenario. */
export interface WorldOptions {
  /** Models on the list on day one (default 60,000). */
  models?: number;
  /** Share of the list leaving per day, matched by as many joining (default 0.005, so ~1% change). */
  leaveRate?: number;
  /** Share of joiners that are returns of earlier leavers (default 0.3). */
  returnShare?: number;
  /** Share of present models whose downloads move per day (default 1/3). */
  downloadsRate?: number;
  /** Share of present models whose likes move per day (default 0.05). */
  likesRate?: number;
  /** PRNG seed (default 1). */
  seed?: number;
}

interface Model {
  id: string;
  likes: number;
  downloads: number;
  /** JSON of the record up to and including `"likes":`. */
  head: string;
  /** JSON of the record after the downloads number. */
  tail: string;
  present: boolean;
  upstreamId: number;
  genImageCount: number | null;
  /** Served by the gateway too (about 50 of 60,000, as on the real service). */
  served: boolean;
}

/** Ids the gateway serves that the catalog does not list (text-to-video and the like). */
const GATEWAY_ONLY = ['Wan-AI/Wan2.1-T2V-1.3B', 'Wan-AI/Wan2.1-T2V-14B', 'deepseek-ai/DeepSeek-V4-Flash-0731', 'moonshotai/Kimi-K2.5', 'ZhipuAI/GLM-4.6V'];

const WORDS = ['Flux', 'Anime', 'Qwen', 'Realistic', 'Portrait', 'Chinese_Ink', 'Cyber', 'Pixel', 'Dream', 'Studio',
  'Ghibli', 'Watercolor', 'Sketch', 'Photo', 'Vision', 'Coder', 'Instruct', 'Chat', 'Lightning', 'Turbo', 'XL', 'Mix'];
const OWNERS_PREFIX = ['studio', 'ai', 'lab', 'MusePublic', 'Qwen', 'lora', 'art', 'dev', 'team', 'cv'];
const TASKS = ['text-to-image-synthesis', 'text-generation', 'image-to-image', 'chat', 'visual-question-answering'];
const TAGS = ['lora', 'anime', 'style', 'portrait', 'flux', 'sdxl', 'landscape', 'character', '写实', '国风', 'qwen'];
const LICENSES = ['apache-2.0', 'mit', 'openrail', 'other', '', 'cc-by-nc-4.0'];
const CHINESE = ['国风水墨画', '写实人像摄影', '赛博朋克城市', '二次元少女', '电影质感', '吉卜力风格', '像素艺术'];

function compare(a: Model, b: Model): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The simulated list; call `advance()` for each new day (whether or not it is written). */
export class World {
  private readonly random: () => number;
  private readonly options: Required<WorldOptions>;
  private readonly ids = new Set<string>();
  private present: Model[] = [];
  private readonly absent: Model[] = [];
  private serial = 0;

  constructor(options: WorldOptions = {}) {
    this.options = { models: 60_000, leaveRate: 0.005, returnShare: 0.3, downloadsRate: 1 / 3, likesRate: 0.05, seed: 1, ...options };
    this.random = seededRandom(this.options.seed);
    for (let i = 0; i < this.options.models; i++) this.present.push(this.newModel());
    this.present.sort(compare);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private newModel(): Model {
    let id = '';
    let owner = '';
    let name = '';
    while (id === '' || this.ids.has(id)) {
      const n = this.serial++;
      owner = `${this.pick(OWNERS_PREFIX)}${n % 4000}`;
      name = `${this.pick(WORDS)}_${this.pick(WORDS)}-v${n % 7}.${n % 10}`;
      id = `${owner}/${name}`;
    }
    this.ids.add(id);
    const r = this.random;
    // Values are drawn in the order earlier runs drew them, so the world stays the one they measured; the
    // AIGC fields added later come from the serial number, not the generator.
    const chineseName = r() < 0.3 ? this.pick(CHINESE) : '';
    const tasks = [this.pick(TASKS)];
    const tags = Array.from({ length: Math.floor(r() * 5) }, () => this.pick(TAGS));
    const license = this.pick(LICENSES);
    const inferenceType = r() < 0.8 ? 'txt2img' : 'chat';
    const aigcType = r() < 0.7 ? 'LoRA' : r() < 0.5 ? 'Checkpoint' : '';
    const createdAt = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 700) * 86_400_000).toISOString();
    const updatedAt = r() < 0.1 ? null : new Date(Date.UTC(2024, 6, 1) + Math.floor(r() * 300) * 86_400_000).toISOString();
    const openaiApi = r() < 0.05;
    const n = this.serial;
    const record = {
      id,
      owner,
      name,
      upstreamId: 100_000 + n,
      ownerType: n % 3 === 0 ? 1 : 0,
      ownerFullName: n % 3 === 0 ? owner : '',
      chineseName,
      tasks,
      tags,
      officialTags: aigcType === 'LoRA' && n % 5 === 0 ? [{ name: 'Photography', chineseName: '写实摄影', tag: 'photography' }] : [],
      license,
      licenseUpstream: n % 4 === 0 && license === 'apache-2.0' ? 'Apache License 2.0' : null,
      inferenceType,
      aigcType,
      visionFoundation: aigcType === '' ? '' : (['FLUX_1', 'QWEN_IMAGE_20_B', 'SD_XL'][n % 3] as string),
      baseModels: aigcType === 'LoRA' ? [{ id: n % 2 === 0 ? 'MusePublic/Qwen-image' : 'AI-ModelScope/FLUX.1-dev', revision: n % 2 === 0 ? 'v1' : null }] : [],
      companion: aigcType === 'LoRA' && n % 2 === 0 ? { id: 'MusePublic/Qwen-image', revision: 'v1' } : null,
      triggerWords: aigcType === 'LoRA' && n % 4 === 0 ? ['摄影'] : [],
      parameters: aigcType === 'LoRA' ? 117_964_800 + (n % 97) * 4096 : null,
      createdAt,
      openaiApi,
      openaiApiSince: openaiApi ? '2025-06-01' : null,
      updatedAt,
      likes: 0,
      downloads: 0,
      genImageCount: aigcType === 'LoRA' ? n % 1000 : null,
    };
    const text = JSON.stringify(record);
    const likesAt = text.indexOf('"likes":0,"downloads":0');
    return {
      id,
      likes: Math.floor(r() ** 3 * 2000),
      downloads: Math.floor(r() ** 4 * 2_000_000),
      head: text.slice(0, likesAt + '"likes":'.length),
      tail: text.slice(likesAt + '"likes":0,"downloads":0'.length),
      present: true,
      upstreamId: record.upstreamId,
      genImageCount: record.genImageCount,
      served: openaiApi && n % 60 === 0,
    };
  }

  /** Move to the next day: churn membership, then move metrics. */
  advance(): void {
    const { leaveRate, returnShare, downloadsRate, likesRate } = this.options;
    const r = this.random;
    const leaving = Math.round(this.present.length * leaveRate * (0.5 + r()));
    for (let i = 0; i < leaving; i++) {
      const model = this.pick(this.present);
      model.present = false;
    }
    const stayed = this.present.filter((m) => m.present);
    const left = this.present.filter((m) => !m.present);
    const joining = Math.round(this.options.models * leaveRate * (0.5 + r()));
    for (let i = 0; i < joining; i++) {
      const returner = this.absent.length > 0 && r() < returnShare ? this.absent.splice(Math.floor(r() * this.absent.length), 1)[0] : undefined;
      const model = returner ?? this.newModel();
      model.present = true;
      stayed.push(model);
    }
    this.absent.push(...left);
    this.present = stayed.sort(compare);
    for (const model of this.present) {
      if (r() < downloadsRate) model.downloads += 1 + Math.floor(r() ** 3 * 5000);
      if (r() < likesRate) model.likes = Math.max(0, model.likes + (r() < 0.85 ? 1 + Math.floor(r() * 3) : -1));
    }
  }

  /** Today's list as the change tracker sees it (sorted by id). */
  observations(): Observation[] {
    return this.present.map(({ id, likes, downloads, upstreamId, genImageCount }) => ({ id, likes, downloads, upstreamId, genImageCount }));
  }

  /** Today's gateway list: the listed models it serves and a few ids only it serves, sorted by id. */
  gateway(): string[] {
    return [...this.present.filter((m) => m.served).map((m) => m.id), ...GATEWAY_ONLY].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Today's list as a snapshot file's text, byte for byte what crawler/snapshot.ts would write. */
  snapshotText(date: string): string {
    const count = this.present.length;
    const source = { origin: 'https://modelscope.cn', inferenceOrigin: 'https://api-inference.modelscope.cn', totalCount: count, unfilteredTotalCount: 250_000, openaiApiModelCount: 120, shortfall: 0, unknownInference: 0 };
    const head = JSON.stringify({ date, source }, null, 2).slice(2, -2);
    const lines = this.present.map((m) => `    ${m.head}${m.likes},"downloads":${m.downloads}${m.tail}`);
    const gateway = this.gateway().map((id) => `    {"id":${JSON.stringify(id)},"since":"2025-06-01"}`);
    return `{\n${head},\n  "models": [\n${lines.join(',\n')}\n  ],\n  "gateway": [\n${gateway.join(',\n')}\n  ]\n}\n`;
  }

  /** Write today's snapshot for `date` into `dataDir`. */
  async writeSnapshot(dataDir: string, date: string): Promise<number> {
    await mkdir(snapshotsDir(dataDir), { recursive: true });
    const text = this.snapshotText(date);
    await writeFile(snapshotPath(dataDir, date), text);
    return Buffer.byteLength(text);
  }
}
