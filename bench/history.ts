// `npm run bench:history`: change tracking at full scale. 60,000 models over 365 snapshot days with
// ~1% membership change and a third of the downloads moving per day. Measures one night's
// incremental update and a full rebuild (time, peak RSS, each in its own process) and the bytes a
// night adds to the git pack (see GIT_HISTORY for the method). Its options: BENCH_HISTORY, or --help.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scriptOptions, type Command } from '../core/command.ts';
import { flag, integer, type Options } from '../core/options.ts';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import { applyDay, emptyState } from '../changes/history.ts';
import type { ChangeState } from '../store/types.ts';
import { writeState } from '../store/change-files.ts';
import { parseSnapshot, serialiseSnapshot } from '../store/snapshots.ts';
import { commit, gcAndMeasure, git, initRepo, type PackSize } from './history-git.ts';
import type { PhaseResult } from './history-phase.ts';
import { World } from './history-world.ts';

const BENCH_HISTORY = {
  name: 'bench:history',
  usage: 'npm run bench:history',
  about: `Change tracking at full scale: one night's incremental update and a full rebuild (time, peak RSS,
each in its own process) and the bytes a night adds to the git pack, over a generated history.`,
  options: {
    models: integer({ value: 'N', default: 60_000, doc: 'models on the simulated list, at least 1' }),
    days: integer({ value: 'N', default: 365, doc: 'snapshot days, more than --window' }),
    window: integer({ value: 'N', default: 10, doc: 'nights measured in git (and by child-process updates) at the end, at least 1' }),
    'git-history': integer({ value: 'N', min: 0, max: 100_000, default: 0, doc: 'earlier snapshots in the repository before the measured nights; 0 is all of them' }),
    keep: flag('keep the temporary directory'),
  },
  exit: '0 every budget held, 1 one failed, 2 usage error',
} as const satisfies Command<Options>;

const { values: flags } = scriptOptions(BENCH_HISTORY);
const { models: MODELS, days: DAYS } = flags;
/** Nights measured in git (and by child-process updates) at the end of the year. */
const WINDOW = flags.window;
/**
 * Earlier snapshots in the repository before the measured nights (0, the default: all of them). git
 * looks for a delta base only among the 10 objects next to it in an order set by the last 16
 * characters of the path, so which snapshots a new one is compared with depends on how many dated
 * names there are: with a month of them, the day before is among its neighbours; with a year, only
 * the same day of other months. Only the whole year measures what the real repository will pay.
 */
const GIT_HISTORY = flags['git-history'] || Number.POSITIVE_INFINITY;
// The measured nights follow a generated history; with none before them there is nothing to commit first.
if (!(Number.isSafeInteger(DAYS) && Number.isSafeInteger(WINDOW) && WINDOW >= 1 && DAYS > WINDOW && MODELS >= 1)) {
  process.stderr.write(`bench:history: --days (${flags.days}) must be a whole number above --window (${flags.window}), and --models at least 1\n`);
  process.exit(2);
}
const FIRST_DATE = '2025-01-01';
/** Calendar offsets with no snapshot: failed crawls, so the gap path is exercised at scale. */
const MISSING = new Set([100, 250]);
const BUDGET = { updateMs: 10_000, rebuildMs: 300_000, packBytesPerDay: 1.5 * 1024 * 1024 };

const log = (text: string): void => void process.stderr.write(`${text}\n`);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function phase(name: string, dataDir: string, date = ''): Promise<PhaseResult> {
  const script = join(import.meta.dirname, 'history-phase.ts');
  const { stdout } = await promisify(execFile)(process.execPath, [script, name, dataDir, date], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as PhaseResult;
}

/** Sizes of the change-tracking files, to watch GitHub's 100 MB per-file limit. */
async function dataSizes(dataDir: string): Promise<{ events: number; history: number; shards: number; largestShard: number }> {
  const names = await readdir(join(dataDir, 'history'));
  const shardSizes = await Promise.all(names.map(async (name) => (await stat(join(dataDir, 'history', name))).size));
  const eventFiles = await readdir(join(dataDir, 'events'));
  const eventSizes = await Promise.all(eventFiles.map(async (name) => (await stat(join(dataDir, 'events', name))).size));
  return {
    events: eventSizes.reduce((a, b) => a + b, 0),
    history: shardSizes.reduce((a, b) => a + b, 0),
    shards: names.length,
    largestShard: Math.max(...shardSizes),
  };
}

const root = await mkdtemp(join(tmpdir(), 'bench-history-'));
const dataDir = join(root, 'data');
await mkdir(dataDir, { recursive: true });
log(`bench:history: ${MODELS} models, ${DAYS} snapshot days, git window ${WINDOW} nights, in ${dataDir}`);

try {
  // 1. Days 1..DAYS-WINDOW: snapshots on disk, state built with the pure core from the generator's
  //    own observations (the same code updateChanges runs, minus re-parsing files we just wrote).
  const world = new World({ models: MODELS });
  const dates: string[] = [];
  for (let offset = 0; dates.length < DAYS; offset++) if (!MISSING.has(offset)) dates.push(dateOfDay(dayNumber(FIRST_DATE) + offset));
  const baselineDays = DAYS - WINDOW;
  let state: ChangeState | undefined = emptyState();
  let snapshotBytes = 0;
  let calendar = dayNumber(FIRST_DATE);
  const started = performance.now();
  const advanceTo = (date: string): void => {
    for (; calendar < dayNumber(date); calendar++) world.advance();
  };
  for (const [index, date] of dates.slice(0, baselineDays).entries()) {
    advanceTo(date);
    snapshotBytes = await world.writeSnapshot(dataDir, date);
    if (index === 0) {
      const text = world.snapshotText(date);
      if (serialiseSnapshot(parseSnapshot(text)) !== text) throw new Error('synthetic snapshot differs from crawler/snapshot.ts output');
    }
    applyDay(state, date, world.observations(), { ids: world.gateway(), complete: true });
    if (index % 50 === 0) log(`  generated ${date} (${index + 1}/${DAYS})`);
  }
  const baseline = await writeState(dataDir, state);
  const eventCount = state.log.events.length;
  const modelsEverSeen = state.tracks.size;
  state = undefined;
  log(`  days 1-${baselineDays} generated and tracked in ${seconds(performance.now() - started)}; ${baseline.written.length} files`);

  // 2. Git: commit the data at the last baseline day, then one commit per measured night.
  await initRepo(dataDir);
  const lastBaseline = dates[baselineDays - 1] as string;
  const earlier = dates.slice(Math.max(0, baselineDays - GIT_HISTORY), baselineDays).map((d) => `snapshots/${d}.json`);
  await commit(dataDir, [...earlier, 'events', 'history'], lastBaseline);
  const gcStarted = performance.now();
  const before: PackSize = await gcAndMeasure(dataDir);
  log(`  baseline pack ${mb(before.total)} (${earlier.length} snapshots, git gc ${seconds(performance.now() - gcStarted)})`);
  const updates: PhaseResult[] = [];
  for (const date of dates.slice(baselineDays)) {
    advanceTo(date);
    await world.writeSnapshot(dataDir, date);
    const result = await phase('update', dataDir, date);
    updates.push(result);
    log(`  update ${date}: ${seconds(result.ms)}, peak RSS ${result.maxRssMb.toFixed(0)} MB`);
    await commit(dataDir, [`snapshots/${date}.json`, 'events', 'history'], date);
  }
  const after: PackSize = await gcAndMeasure(dataDir);
  const perDay = (after.total - before.total) / WINDOW;
  const newest = dates.at(-1) as string;

  // 3. Parse cost of one snapshot (the hot path), then the full rebuild from snapshots alone.
  const parse = await phase('parse', dataDir, newest);
  log(`  parse one snapshot: ${seconds(parse.ms)}`);
  const rebuild = await phase('rebuild', dataDir);
  log(`  rebuild: ${seconds(rebuild.ms)}`);
  const dirty = (await git(dataDir, ['status', '--porcelain', '--', 'events', 'history'])).trim();

  // 4. Report.
  const sizes = await dataSizes(dataDir);
  const last = updates.at(-1) as PhaseResult;
  const worstUpdate = Math.max(...updates.map((u) => u.ms));
  const growth = (key: string): number => ((after.byCategory[key] ?? 0) - (before.byCategory[key] ?? 0)) / WINDOW;
  const changesPart = growth('events') + growth('history');
  const rows: [string, string, string, boolean][] = [
    [`one night's update, worst of ${updates.length}`, `${seconds(worstUpdate)} (last ${seconds(last.ms)}), peak RSS ${Math.max(...updates.map((u) => u.maxRssMb)).toFixed(0)} MB`, '≤ 10 s', worstUpdate <= BUDGET.updateMs],
    [`full rebuild, ${DAYS} snapshots`, `${seconds(rebuild.ms)}, peak RSS ${rebuild.maxRssMb.toFixed(0)} MB`, '≤ 5 min', rebuild.ms <= BUDGET.rebuildMs],
    [`git pack growth per night (avg of ${WINDOW})`, mb(perDay), '≤ 1.5 MB', perDay <= BUDGET.packBytesPerDay],
    ['rebuild byte-identical to incremental', dirty === '' ? 'yes' : 'NO', 'yes', dirty === ''],
  ];
  const out: string[] = [
    `History benchmark: ${MODELS.toLocaleString('en')} models, ${DAYS} snapshots ${dates[0]}..${newest} (${MISSING.size} missing nights)`,
    `Snapshot file ${mb(snapshotBytes)}; readSnapshot (JSON.parse + zod) ${seconds(parse.ms)}, peak RSS ${parse.maxRssMb.toFixed(0)} MB`,
    `Models ever seen: ${modelsEverSeen.toLocaleString('en')} by day ${baselineDays}; events: ${eventCount.toLocaleString('en')}`,
    `Year-end files: events/ ${mb(sizes.events)}, history/ ${mb(sizes.history)} in ${sizes.shards} shards (largest ${mb(sizes.largestShard)})`,
    `Update timings (${dates[baselineDays]}..${newest}): ${updates.map((u) => (u.ms / 1000).toFixed(2)).join(', ')} s`,
    `Pack growth per night by part: ${Object.keys(after.byCategory).map((k) => `${k} ${mb(growth(k))}`).join(', ')}`,
    `  of which events/ + history/ (change tracking): ${mb(changesPart)}`,
    `  snapshot objects after gc: ${after.snapshotObjects.whole} stored whole, ${after.snapshotObjects.deltas} as deltas (base a median ${after.snapshotObjects.medianBaseDays} days away)`,
    `Pack ${mb(before.total)} (day ${baselineDays}, ${earlier.length} snapshots) → ${mb(after.total)} (day ${DAYS})`,
    '',
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  for (const [what, value, budget, ok] of rows) out.push(`${what.padEnd(width)}  ${value.padEnd(valueWidth)}  ${budget.padEnd(9)}  ${ok ? 'PASS' : 'FAIL'}`);
  if (dirty !== '') out.push(`files differing after rebuild:\n${dirty}`);
  process.stdout.write(`${out.join('\n')}\n`);
  process.exitCode = rows.every((r) => r[3]) ? 0 : 1;
} finally {
  if (flags.keep) log(`kept ${root}`);
  else await rm(root, { recursive: true, force: true });
}
