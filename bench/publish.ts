// Benchmark: build the whole site for a synthetic catalogue of ModelScope's size and print figures.
// `npm run bench:publish -- [--models 60000] [--days 365] [--snapshots 3] [--concurrency 64]`
// Writes only under os.tmpdir() and removes it afterwards.
import { mkdtemp, rm, stat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import type { ModelRecord, Snapshot } from '../store/record.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import type { ChangeEvent, EventLog, ModelHistory, ObservedDay, SeriesPoint } from '../store/types.ts';
import { buildSite } from '../publish/site.ts';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '60000' },
    days: { type: 'string', default: '365' },
    snapshots: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '64' },
  },
});
const MODELS = Number(values.models);
const DAYS = Number(values.days);
const SNAPSHOTS = Number(values.snapshots);
const CONCURRENCY = Number(values.concurrency);

const dateAt = (day: number): string => dateOfDay(dayNumber('2026-01-01') + day);
const lastDate = dateAt(DAYS - 1);

function record(i: number): ModelRecord {
  return {
    id: `owner${i % 5000}/model-${i}`,
    owner: `owner${i % 5000}`,
    name: `model-${i}`,
    chineseName: i % 3 === 0 ? `模型${i}` : '',
    likes: i % 97,
    downloads: i * 13,
    tasks: ['text-to-image-synthesis'],
    tags: ['lora', 'style'],
    license: 'apache-2.0',
    licenseUpstream: null,
    inferenceType: 'txt2img',
    aigcType: 'LoRA',
    visionFoundation: 'QWEN_IMAGE_20_B',
    baseModels: [{ id: 'MusePublic/Qwen-image', revision: 'v1' }],
    parameters: 117_964_800,
    createdAt: '2025-06-01T08:00:00.000Z',
    updatedAt: '2025-07-01T08:00:00.000Z',
    openaiApi: false,
    openaiApiSince: null,
  };
}

// Roughly ModelScope-like: everyone present all year, downloads change every day for a third of models
// and weekly for the rest, likes monthly; ~20 models enter and ~10 leave each day.
function synthesise(): { models: ModelRecord[]; histories: Map<string, ModelHistory>; log: EventLog } {
  const models = Array.from({ length: MODELS }, (_, i) => record(i));
  const histories = new Map<string, ModelHistory>();
  for (const [i, m] of models.entries()) {
    const downloads: SeriesPoint[] = [];
    const likes: SeriesPoint[] = [];
    for (let day = 0; day < DAYS; day += i % 3 === 0 ? 1 : 7) downloads.push([dateAt(day), m.downloads + day]);
    for (let day = 0; day < DAYS; day += 30) likes.push([dateAt(day), m.likes + day]);
    histories.set(m.id, { id: m.id, firstSeen: dateAt(0), lastSeen: lastDate, intervals: [{ from: dateAt(0), to: lastDate }], likes, downloads });
  }
  const days: ObservedDay[] = [];
  const events: ChangeEvent[] = [];
  for (let day = 0; day < DAYS; day++) {
    const date = dateAt(day);
    const today: ChangeEvent[] = [];
    if (day > 0) {
      for (let k = 0; k < 20; k++) today.push({ date, id: `owner${k}/model-${(day * 20 + k) % MODELS}`, kind: 'entered', likes: 1, downloads: 5 });
      for (let k = 0; k < 10; k++) today.push({ date, id: `owner${k}/gone-${day}-${k}`, kind: 'left', likes: 2, downloads: 7 });
    }
    events.push(...today);
    days.push({ date, previous: day === 0 ? null : dateAt(day - 1), missing: [], models: MODELS, entered: day > 0 ? 20 : 0, left: day > 0 ? 10 : 0, returned: 0 });
  }
  return { models, histories, log: { days, events } };
}

async function treeSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

const root = await mkdtemp(join(tmpdir(), 'publish-bench-'));
try {
  let started = performance.now();
  const { models, histories, log } = synthesise();
  const dataDir = join(root, 'data');
  for (let k = SNAPSHOTS - 1; k >= 0; k--) {
    const snap: Snapshot = {
      date: dateAt(DAYS - 1 - k),
      source: { origin: 'https://modelscope.cn', inferenceOrigin: 'https://api-inference.modelscope.cn', totalCount: MODELS, unfilteredTotalCount: MODELS * 4, openaiApiModelCount: 0 },
      models,
    };
    await writeSnapshot(dataDir, snap);
  }
  console.log(`synthesised ${MODELS} models × ${DAYS} days (${log.events.length} events) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const outDir = join(root, 'site', 'dist');
  const rssBefore = process.memoryUsage().rss;
  started = performance.now();
  const summary = await buildSite(
    { dataDir, outDir, siteUrl: 'https://user.github.io/repo/', snapshotDays: 'all', concurrency: CONCURRENCY },
    { readEventLog: async () => log, readHistories: async () => histories },
  );
  const seconds = (performance.now() - started) / 1000;
  const size = await treeSize(outDir);
  const models_ = await treeSize(join(outDir, 'api', 'models'));
  const snaps = await treeSize(join(outDir, 'api', 'snapshots'));
  console.log(`build: ${seconds.toFixed(1)} s, ${Math.round(summary.modelFiles / seconds)} model files/s, concurrency ${CONCURRENCY}`);
  console.log(`output: ${size.files} files, ${mb(size.bytes)} (model files ${mb(models_.bytes)}, avg ${(models_.bytes / models_.files / 1000).toFixed(1)} kB; snapshots ${mb(snaps.bytes)} for ${SNAPSHOTS})`);
  console.log(`feed.json ${mb((await stat(join(outDir, 'feed.json'))).size)}, changes.json ${mb((await stat(join(outDir, 'api', 'changes.json'))).size)}`);
  console.log(`memory: rss ${mb(process.memoryUsage().rss)} after build (${mb(rssBefore)} before)`);
} finally {
  await rm(root, { recursive: true, force: true });
}
