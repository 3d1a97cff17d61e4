// Small factories shared by the integration tests.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { parseCrawlArgs, type NightOptions } from '../pipeline/options.ts';
import { Progress } from '../pipeline/report.ts';

/** What a command run as a child process did. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `node script args…` as a person would (a child process); never throws, returns the exit code and output. */
export async function runScript(script: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { env: options.env ?? process.env, cwd: options.cwd ?? process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A fresh temp directory. */
export const tempDir = (prefix = 'catalog-'): Promise<string> => mkdtemp(join(tmpdir(), prefix));

/** Every file under `dir` (POSIX relative paths) with its exact bytes, for "nothing changed" assertions. */
export async function treeContents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (at: string): Promise<void> => {
    const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out[relative(dir, path).split(sep).join('/')] = await readFile(path, 'latin1');
    }
  };
  await walk(dir);
  return out;
}

/** Crawl options pointing at a simulator, fast and quiet. */
export function crawlOptions(sim: { origin: string; inferenceOrigin: string }, dataDir: string, date: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): NightOptions {
  return parseCrawlArgs(
    ['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', date, '--concurrency', '4', '--rps', '1000', ...extra],
    env,
  );
}

/** A Progress that collects its output instead of printing it. */
export function quietProgress(): { progress: Progress; text: () => string } {
  const chunks: string[] = [];
  return { progress: new Progress({ stream: { isTTY: false, write: (t: string) => chunks.push(t) } }), text: () => chunks.join('') };
}

/** A sleep that returns at once but remembers what was asked. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { sleep: async (ms: number) => void delays.push(ms), delays };
}

/**
 * Options for tests that run whole site builds (Astro, in this process or as `npm run build`): a build is
 * 5–15 s alone on two CPUs and two or three of them run in one test, so while the suite's other files build
 * too they pass the default 30 s that guards against hangs. Their speed is measured by bench:site.
 */
export const SITE_BUILDS = { timeout: 90_000 } as const;
