// Child-process plumbing shared by the benchmarks: start the simulator CLI, run a command measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';

/** A simulator running in its own process, so its memory is not counted as the crawler's. */
export interface SimulatorProcess {
  origin: string;
  inferenceOrigin: string;
  stop(): Promise<void>;
}

/** Start `simulator/cli.ts` with `args` and wait for its "listening" line. */
export async function startSimulatorProcess(args: string[]): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['simulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code} before listening`)));
    lines.once('line', resolve);
  });
  const { origin, inferenceOrigin } = JSON.parse(first) as { origin: string; inferenceOrigin: string };
  return { origin, inferenceOrigin, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What a measured command did. */
export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssBytes: number;
  /** User + system CPU time of the process, ms (0 when it could not be read). */
  cpuMs: number;
}

// Preloaded beside peak-rss.ts: writes the process's CPU time (user + system, µs) to CPU_TIME_FILE at exit.
const CPU_TIME_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import{writeFileSync}from'node:fs';import{isMainThread}from'node:worker_threads';const f=process.env.CPU_TIME_FILE;" +
    "if(f&&isMainThread)process.on('exit',()=>{const r=process.resourceUsage();writeFileSync(f,String(r.userCPUTime+r.systemCPUTime))});",
)}`;

/** Run `node [nodeArgs] [--import peak-rss] script args…`, timing it and reading its peak RSS. */
export async function runMeasured(script: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<Measured> {
  const rssFile = join(tmpdir(), `peak-rss-${process.pid}-${Date.now()}`);
  const cpuFile = `${rssFile}.cpu`;
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, '--import', './bench/peak-rss.ts', '--import', CPU_TIME_PRELOAD, script, ...args], {
    env: { ...process.env, ...env, PEAK_RSS_FILE: rssFile, CPU_TIME_FILE: cpuFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const wallMs = performance.now() - started;
  const peakRssBytes = Number(await readFile(rssFile, 'utf8').catch(() => '0'));
  const cpuMs = Number(await readFile(cpuFile, 'utf8').catch(() => '0')) / 1000;
  await rm(rssFile, { force: true });
  await rm(cpuFile, { force: true });
  return { code, stdout, stderr, wallMs, peakRssBytes, cpuMs };
}

/** What the bare client did: its wall time, its CPU time and the bytes it read. */
export interface BareRead {
  wallMs: number;
  cpuMs: number;
  requests: number;
  bytes: number;
}

/**
 * The floor a crawl is measured against: plain undici requests for the same pages the crawl reads (the
 * unfiltered hub check, the gateway list, every filtered catalog page), `concurrency` in flight, each body
 * read to its last byte and nothing else done with it: no rate cap, no parsing, no validation, no file.
 */
export async function bareRead(origin: string, inferenceOrigin: string, pages: number, concurrency: number): Promise<BareRead> {
  const dispatcher = new Agent({ connections: concurrency });
  const filter = [{ category: 'inference_type', DateType: 'int', predicate: 'equal', IntValue: 1 }];
  const page = (number: number, size: number, filtered: boolean) => ({
    method: 'PUT' as const,
    url: `${origin}/api/v1/dolphin/models`,
    body: JSON.stringify({ PageNumber: number, PageSize: size, SortBy: 'GmtModified', Name: '', Target: '', Criterion: [], SingleCriterion: filtered ? filter : [] }),
  });
  const jobs = [page(1, 1, false), { method: 'GET' as const, url: `${inferenceOrigin}/v1/models`, body: undefined }, ...Array.from({ length: pages }, (_, i) => page(i + 1, 100, true))];
  let next = 0;
  let bytes = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const response = await request(job.url, { dispatcher, method: job.method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: job.body ?? null });
      if (response.statusCode !== 200) throw new Error(`bare client: ${job.method} ${job.url} answered ${response.statusCode}`);
      for await (const chunk of response.body as AsyncIterable<Buffer>) bytes += chunk.length;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  } finally {
    await dispatcher.close();
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, requests: jobs.length, bytes };
}

/** One budget line: figure, limit, verdict. */
export interface Check {
  name: string;
  value: string;
  budget: string;
  pass: boolean;
}

/** Print the checks as a table; returns whether all passed. */
export function printChecks(title: string, checks: Check[]): boolean {
  console.log(`\n${title}`);
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const check of checks) {
    console.log(`  ${check.name.padEnd(width)}  ${check.value.padStart(12)}   budget ${check.budget.padEnd(14)} ${check.pass ? 'PASS' : 'FAIL'}`);
  }
  return checks.every((c) => c.pass);
}

export { npmScriptCommand } from '../core/npm-script.ts';
