// `npm run bench:dataset`: the dataset (publish/dataset/) of a simulated year at 60,000 models, written
// by the real command in its own process: size of each file, write time, peak RSS. Budgets (issue 25):
// each file ≤ 150 MB, the whole dataset written in ≤ 60 s. The data dir is generated once (World, as
// bench/site.ts does: events, history and the newest snapshot) and kept for the next run.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scriptOptions, type Command } from '../core/command.ts';
import { integer, text, type Options } from '../core/options.ts';
import { DATASET_FILES } from '../publish/dataset/files.ts';
import type { DatasetManifest } from '../publish/dataset/build.ts';
import { generateSimulatedYear } from './simulated-year.ts';

const BENCH_DATASET = {
  name: 'bench:dataset',
  usage: 'npm run bench:dataset',
  about: `Generates (once, cached in DIR) N nights of a simulated list of --models models and times
npm run dataset on it. Budgets: each file <= 150 MB, written in <= 60 s.`,
  options: {
    days: integer({ value: 'N', min: 1, max: 3650, default: 365, doc: 'simulated nights' }),
    models: integer({ value: 'N', min: 1, max: 100_000, default: 60_000, doc: 'models on the simulated list' }),
    'data-dir': text({ value: 'DIR', shown: 'bench-dataset-<models>x<days> in the temp dir', doc: 'where the generated data is kept for the next run' }),
    out: text({ value: 'DIR', shown: 'a temporary directory, removed after', doc: 'where the dataset is written' }),
  },
  exit: '0 every budget held, 1 one failed, 2 usage error',
} as const satisfies Command<Options>;

const { values: flags } = scriptOptions(BENCH_DATASET);
const { days: DAYS, models: MODELS } = flags;
const BUDGET = { fileMb: 150, seconds: 60 };
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const mb = (bytes: number): number => bytes / 1024 / 1024;

const dataDir = resolve(flags['data-dir'] ?? join(tmpdir(), `bench-dataset-${MODELS}x${DAYS}`));
const outDir = resolve(flags.out ?? join(tmpdir(), `bench-dataset-out-${process.pid}`));
await generateSimulatedYear(dataDir, { days: DAYS, models: MODELS, snapshotDays: 1, recordMissed: true, log });
await rm(outDir, { recursive: true, force: true });

const [load] = loadavg();
const peakFile = join(tmpdir(), `bench-dataset-peak-${process.pid}`);
let output = '';
const started = performance.now();
const code = await new Promise<number>((done, fail) => {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', pathToFileURL(resolve('bench/peak-rss.ts')).href, 'publish/dataset/cli.ts', '--data-dir', dataDir, '--out', outDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PEAK_RSS_FILE: peakFile },
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    output += text;
    process.stderr.write(text);
  });
  child.on('error', fail);
  child.on('exit', (exit) => done(exit ?? 1));
});
const seconds = (performance.now() - started) / 1000;
if (code !== 0) {
  log(`bench:dataset: the dataset command exited ${code}`);
  process.exit(1);
}
const peak = Number(await readFile(peakFile, 'utf8'));
await rm(peakFile, { force: true });
const manifest = JSON.parse(await readFile(join(outDir, DATASET_FILES.manifest), 'utf8')) as DatasetManifest;

const failures: string[] = [];
const lines = [
  `dataset of ${manifest.models.toLocaleString('en')} models over ${manifest.nights.observed} nights (${manifest.first} to ${manifest.through}), load average ${load?.toFixed(2)} on ${availableParallelism()} CPU(s)`,
];
for (const file of manifest.files) {
  const rows = typeof file.rows === 'number' ? `${file.rows.toLocaleString('en')} rows` : Object.entries(file.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ');
  lines.push(`  ${file.name.padEnd(40)} ${mb(file.bytes).toFixed(1).padStart(7)} MB  (budget ${BUDGET.fileMb})  ${rows}`);
  if (mb(file.bytes) > BUDGET.fileMb) failures.push(`${file.name} is ${mb(file.bytes).toFixed(1)} MB, over ${BUDGET.fileMb} MB`);
}
const cpu = /\(cpu ([\d.]+) s/.exec(output)?.[1];
lines.push(`  written in ${seconds.toFixed(1)} s (budget ${BUDGET.seconds}), cpu ${cpu ?? '?'} s over all threads, peak RSS ${mb(peak).toFixed(0)} MB`);
const [loadAfter] = loadavg();
if (Math.max(load ?? 0, loadAfter ?? 0) > availableParallelism() * 0.5) lines.push(`  note: load average ${Math.max(load ?? 0, loadAfter ?? 0).toFixed(1)} on ${availableParallelism()} CPU(s): other work was running, so the time is not this command's alone`);
if (seconds > BUDGET.seconds) failures.push(`written in ${seconds.toFixed(1)} s, over ${BUDGET.seconds} s`);
process.stdout.write(`${lines.join('\n')}\n`);
if (flags.out === undefined) await rm(outDir, { recursive: true, force: true });
if (failures.length > 0) {
  for (const failure of failures) log(`bench:dataset: ${failure}`);
  process.exit(1);
}
