// Child-process plumbing shared by the benchmarks: start the simulator CLI, run a command measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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
}

/** Run `node [nodeArgs] [--import peak-rss] script args…`, timing it and reading its peak RSS. */
export async function runMeasured(script: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<Measured> {
  const rssFile = join(tmpdir(), `peak-rss-${process.pid}-${Date.now()}`);
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, '--import', './bench/peak-rss.ts', script, ...args], {
    env: { ...process.env, ...env, PEAK_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const wallMs = performance.now() - started;
  const peakRssBytes = Number(await readFile(rssFile, 'utf8').catch(() => '0'));
  await rm(rssFile, { force: true });
  return { code, stdout, stderr, wallMs, peakRssBytes };
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
