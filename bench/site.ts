// `npm run bench:site`: the whole `npm run build` over 60,000 models and a year (or more) of simulated
// history, measured as a user would meet it: build time and peak RSS, the size of site/dist, the catalog's
// first load, the lazily fetched search data, and in headless Chromium the search's response times
// (bench/site-browser.ts: desktop and a phone viewport, each at 1× and 4× CPU throttle).
// Peak RSS is the whole process tree's: the build and every process it starts (Astro runs in a child),
// their RSS summed, sampled from /proc every 100 ms (Linux only).
// Its options: BENCH_SITE below, or `npm run bench:site -- --help`.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { scriptOptions, type Command } from '../core/command.ts';
import { flag, integer, text, type Options } from '../core/options.ts';
import { BUILD } from '../publish/config.ts';
import { serveSite } from '../publish/static-server.ts';
import { browserRows, type Row } from './site-browser.ts';
import { generateSimulatedYear } from './simulated-year.ts';

const BENCH_SITE = {
  name: 'bench:site',
  usage: 'npm run bench:site',
  about: `The whole npm run build over a simulated history, measured as a user meets it: build time and
the peak RSS of all its processes, the size of site/dist, the catalog's first load, the search data,
and in Chromium the search's response times. Generated data is cached in
.bench/site-<models>-<years>y/.`,
  options: {
    years: integer({ value: 'N', min: 1, max: 10, default: 1, doc: 'simulated years of history; 3 shows growth' }),
    models: integer({ value: 'N', min: 1, max: 100_000, default: 60_000, doc: 'models on the simulated list' }),
    'snapshot-days': integer({ value: 'N', min: 0, max: 100_000, default: 0, doc: 'dated snapshots published, as the nightly workflow publishes' }),
    // The build's own option (its default, its values), without the build's variable.
    'tombstone-days': { ...BUILD.options['tombstone-days'], env: undefined },
    'no-browser': flag('skip the browser measurements'),
    dist: text({ value: 'DIR', doc: 'no data, no build: measure an existing site/dist built with base /repo/' }),
  },
  exit: '0 every budget held, 1 one failed, 2 usage error',
} as const satisfies Command<Options>;

const { values: flags } = scriptOptions(BENCH_SITE);
const { years: YEARS, models: MODELS, 'snapshot-days': SNAPSHOT_DAYS } = flags;
const TOMBSTONE_DAYS = String(flags['tombstone-days']);
const BUDGET = { buildS: 120, rssMb: 2048, distMb: 500, firstLoadKb: 50, searchKb: 700 };
const log = (text: string): void => void process.stderr.write(`${text}\n`);
/** Timings mean little on a busy machine: says so when the load is already high. */
const warnIfBusy = (): void => {
  const [load] = loadavg();
  if (load !== undefined && load > availableParallelism() * 0.5) log(`  note: load average ${load.toFixed(1)} on ${availableParallelism()} CPU(s): other work is running, timings will be noisy`);
};
const mb = (bytes: number): number => bytes / 1024 / 1024;

async function filesUnder(dir: string): Promise<{ path: string; size: number }[]> {
  const out: { path: string; size: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, size: (await stat(path)).size });
  }
  return out;
}

/** One process of the build's tree: what it runs and the most RSS it had (bytes). */
interface TreeProcess {
  pid: number;
  name: string;
  peak: number;
}

/** What sampling the build's process tree saw. */
interface TreeUsage {
  /** Peak of the summed RSS of all processes alive at one sample, the processes alive then, and when (s). */
  peak: number;
  processesAtPeak: number;
  peakAtS: number;
  samples: number;
  /** Every process seen, with its own peak (VmHWM, or its last sampled RSS). */
  processes: TreeProcess[];
}

const CAN_SAMPLE = process.platform === 'linux' && (() => {
  try {
    return /VmRSS:/.test(readFileSync('/proc/self/status', 'utf8'));
  } catch {
    return false;
  }
})();

/** `key: N kB` from a /proc status file, in bytes. */
const statusBytes = (status: string, key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;

/** The name a process is known by: the script for node (`publish/build-worker.ts`), else the program. */
function processName(pid: number): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
    const program = basename(argv[0] ?? '?');
    if (!/^node(js)?$/.test(program)) return program;
    return basename(argv.slice(1).find((arg) => !arg.startsWith('-')) ?? program);
  } catch {
    return '?';
  }
}

/**
 * Samples, every `everyMs` from this process, the RSS of `root` and all its descendants (found through the
 * parent pid in /proc/<pid>/stat) and keeps the peak of their sum. Short spikes between samples are missed;
 * shared pages (the node binary, libraries) count once per process, so the sum errs high.
 */
function sampleTree(root: number, everyMs = 100): { now(): { bytes: number; processes: number; peak: number }; stop(): TreeUsage } {
  const started = performance.now();
  const seen = new Map<number, TreeProcess>();
  const usage: TreeUsage = { peak: 0, processesAtPeak: 0, peakAtS: 0, samples: 0, processes: [] };
  let last = { bytes: 0, processes: 0 };
  const sample = (): void => {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const siblings = children.get(ppid);
        if (siblings === undefined) children.set(ppid, [Number(entry)]);
        else siblings.push(Number(entry));
      } catch {
        // Gone since the listing.
      }
    }
    let bytes = 0;
    let processes = 0;
    for (const queue = [root]; queue.length > 0; ) {
      const pid = queue.pop() as number;
      queue.push(...(children.get(pid) ?? []));
      let status: string;
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        continue;
      }
      const rss = statusBytes(status, 'VmRSS');
      if (rss === 0) continue; // a zombie, or a kernel thread
      bytes += rss;
      processes++;
      const known = seen.get(pid) ?? { pid, name: processName(pid), peak: 0 };
      known.peak = Math.max(known.peak, rss, statusBytes(status, 'VmHWM'));
      seen.set(pid, known);
    }
    usage.samples++;
    last = { bytes, processes };
    if (bytes > usage.peak) Object.assign(usage, { peak: bytes, processesAtPeak: processes, peakAtS: (performance.now() - started) / 1000 });
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    now: () => ({ ...last, peak: usage.peak }),
    stop: () => {
      clearInterval(timer);
      return { ...usage, processes: [...seen.values()] };
    },
  };
}

/** What the build cost: wall time, the tree's sampled peak RSS (Linux), each process's own peak. */
interface BuildRun {
  seconds: number;
  tree: TreeUsage | undefined;
  /** Each process's peak: its own maxRSS where it preloaded peak-rss.ts, else the sampled VmHWM. */
  processes: TreeProcess[];
}

/** `npm run build`'s command, every Node process in it preloading peak-rss.ts, its tree sampled meanwhile. */
async function runBuild(dataDir: string, outDir: string): Promise<BuildRun> {
  const rssLog = join(tmpdir(), `bench-site-rss-${process.pid}`);
  await rm(rssLog, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // NODE_OPTIONS reaches the children (build-worker.ts is started without the parent's flags).
    NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import=${pathToFileURL(resolve('bench/peak-rss.ts')).href}`.trim(),
    PEAK_RSS_LOG: rssLog,
  };
  delete env['PEAK_RSS_FILE'];
  // The nightly job builds into a fresh checkout: no earlier site to move aside and delete (which alone
  // takes ~25 s for a year's 200,000 files here), so none is timed.
  await rm(outDir, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['publish/build.ts', '--data-dir', dataDir, '--out', outDir, '--site-url', 'https://example.github.io/repo/', '--snapshot-days', String(SNAPSHOT_DAYS), '--tombstone-days', TOMBSTONE_DAYS], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => void (output = (output + chunk.toString('utf8')).slice(-8192));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((ok, fail) => {
    child.once('error', fail);
    child.once('exit', ok);
  });
  const sampler = CAN_SAMPLE && child.pid !== undefined ? sampleTree(child.pid) : undefined;
  const progress = setInterval(() => {
    const s = ((performance.now() - started) / 1000).toFixed(0);
    const now = sampler?.now();
    log(now === undefined ? `  building… ${s} s` : `  building… ${s} s: ${now.processes} process(es), ${mb(now.bytes).toFixed(0)} MB now, peak ${mb(now.peak).toFixed(0)} MB`);
  }, 15_000);
  let code: number | null;
  let tree: TreeUsage | undefined;
  try {
    code = await exited;
  } finally {
    clearInterval(progress);
    tree = sampler?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`the build failed (exit ${code}):\n${output}`);
  const processes = new Map<number, TreeProcess>((tree?.processes ?? []).map((p) => [p.pid, { ...p }]));
  const lines = await readFile(rssLog, 'utf8').catch(() => '');
  await rm(rssLog, { force: true });
  for (const line of lines.split('\n')) {
    const [pid, bytes, name] = line.split(' ');
    if (pid === undefined || bytes === undefined || name === undefined) continue;
    const known = processes.get(Number(pid));
    processes.set(Number(pid), { pid: Number(pid), name, peak: Math.max(Number(bytes), known?.peak ?? 0) });
  }
  return { seconds, tree, processes: [...processes.values()].sort((a, b) => b.peak - a.peak) };
}

const rows: Row[] = [];
let outDir: string;
if (flags.dist !== undefined) {
  outDir = resolve(flags.dist);
  log(`measuring the existing site in ${outDir} (no data generated, no build)`);
} else {
  const dataDir = resolve(`.bench/site-${MODELS}-${YEARS}y`);
  outDir = resolve(`.bench/site-${MODELS}-${YEARS}y-dist`);
  log('phase: data');
  await generateSimulatedYear(dataDir, { days: 365 * YEARS, models: MODELS, snapshotDays: SNAPSHOT_DAYS, log });
  log(`phase: build (npm run build into ${outDir})…`);
  warnIfBusy();
  if (!CAN_SAMPLE) log('  peak RSS of the whole build needs Linux /proc: only each Node process\'s own peak is measured here');
  const build = await runBuild(dataDir, outDir);
  const largest = build.processes[0];
  log(`  build done in ${build.seconds.toFixed(1)} s; processes: ${build.processes.map((p) => `${p.name} (pid ${p.pid}) ${mb(p.peak).toFixed(0)} MB`).join(', ')}`);
  rows.push(['build (npm run build)', `${build.seconds.toFixed(1)} s (≤ ${BUDGET.buildS})`, build.seconds <= BUDGET.buildS]);
  if (build.tree === undefined) {
    rows.push(['build peak RSS (all processes)', 'not measured: sampling the process tree needs Linux /proc', undefined]);
  } else {
    const rssMb = mb(build.tree.peak);
    rows.push([
      'build peak RSS (all processes, sampled)',
      `${rssMb.toFixed(0)} MB, ${build.tree.processesAtPeak} process(es) at ${build.tree.peakAtS.toFixed(0)} s (≤ ${BUDGET.rssMb})`,
      rssMb <= BUDGET.rssMb,
    ]);
  }
  rows.push(['  largest single process', largest === undefined ? 'unknown' : `${mb(largest.peak).toFixed(0)} MB (${largest.name}), ${build.processes.length} process(es) in all`, undefined]);
}
log('phase: measuring site/dist…');
const files = await filesUnder(outDir);
const total = files.reduce((sum, file) => sum + file.size, 0);
const sizeOf = (prefix: string) => files.filter((f) => f.path.startsWith(join(outDir, prefix))).reduce((sum, f) => sum + f.size, 0);
const home = await readFile(join(outDir, 'index.html'), 'utf8');
const referenced = [...home.matchAll(/(?:src|href)="\/repo\/(_assets\/[^"]+)"/g)].map((m) => m[1] as string);
let firstLoad = gzipSync(home).length;
for (const asset of referenced) firstLoad += gzipSync(await readFile(join(outDir, asset))).length;
const shards = files.filter((f) => f.path.startsWith(join(outDir, 'search') + sep)).sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
const shardGz = await Promise.all(shards.map(async (f) => gzipSync(await readFile(f.path)).length));
// The shards the catalog fetches as you type; the last ones, from `departedFrom` on, hold the models that
// left and are fetched only when "include models that left" is ticked.
const header = JSON.parse(await readFile(shards[0]?.path ?? '', 'utf8').catch(() => '{}')) as { departedFrom?: number };
const listedShards = Math.min(shards.length, header.departedFrom ?? shards.length);
const searchKb = shardGz.slice(0, listedShards).reduce((a, b) => a + b, 0) / 1024;
const departedKb = shardGz.slice(listedShards).reduce((a, b) => a + b, 0) / 1024;
const pages = files.filter((f) => f.path.includes(`${sep}models${sep}`) && f.path.endsWith('index.html'));

rows.push(
  ['site/dist', `${mb(total).toFixed(1)} MB in ${files.length} files (≤ ${BUDGET.distMb} MB)`, mb(total) <= BUDGET.distMb],
  ['  model pages', `${mb(pages.reduce((a, f) => a + f.size, 0)).toFixed(1)} MB, ${pages.length} pages, ${(pages.reduce((a, f) => a + f.size, 0) / Math.max(1, pages.length) / 1024).toFixed(2)} KB each`, undefined],
  ['  api/models', `${mb(sizeOf(join('api', 'models'))).toFixed(1)} MB`, undefined],
  ['  api/departed (older departures)', `${mb(sizeOf(join('api', 'departed'))).toFixed(1)} MB in ${files.filter((f) => f.path.startsWith(join(outDir, 'api', 'departed') + sep)).length} buckets (tombstone window ${TOMBSTONE_DAYS} days)`, undefined],
  ['  api/snapshots + latest.json', `${mb(sizeOf(join('api', 'snapshots')) + sizeOf(join('api', 'latest.json'))).toFixed(1)} MB (${SNAPSHOT_DAYS} dated)`, undefined],
  ['catalog first load (gzip)', `${(firstLoad / 1024).toFixed(1)} KB (≤ ${BUDGET.firstLoadKb})`, firstLoad / 1024 <= BUDGET.firstLoadKb],
  ['search data (gzip)', `${searchKb.toFixed(0)} KB in ${listedShards} shards, first ${((shardGz[0] ?? 0) / 1024).toFixed(0)} KB (≤ ${BUDGET.searchKb})`, searchKb <= BUDGET.searchKb],
  ['  + models that left, on request', `${departedKb.toFixed(0)} KB in ${shards.length - listedShards} shard(s)`, undefined],
);
if (!flags['no-browser']) {
  log('phase: browser');
  warnIfBusy();
  const { origin, close } = await serveSite(outDir, { base: '/repo/' });
  try {
    rows.push(...(await browserRows(origin, log).catch((error: unknown): Row[] => [['search in Chromium', `not measured: ${error instanceof Error ? error.message : String(error)}`, false]])));
  } finally {
    await close();
  }
}
console.log(flags.dist === undefined ? `bench:site — ${MODELS} models, ${YEARS} simulated year(s)` : `bench:site — ${outDir}`);
const width = Math.max(...rows.map(([name]) => name.length));
for (const [name, figure, ok] of rows) console.log(`${name.padEnd(width)}  ${figure}${ok === undefined ? '' : ok ? '  PASS' : '  FAIL'}`);
process.exitCode = rows.some(([, , ok]) => ok === false) ? 1 : 0;
