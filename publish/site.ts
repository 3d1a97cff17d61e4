// The site build: a worker process (build-worker.ts) reads the data directory once, lets Astro render
// every page and writes the feeds, the JSON API and the snapshot copies into a staging directory; this
// side holds the data dir's lock and swaps the result in. One owner of the output: a failure anywhere
// leaves the previous site exactly as it was.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDataDirLock } from '../store/lock.ts';
import type { CatalogError } from '../core/errors.ts';
import { DataFileError, MissingDataError } from '../store/errors.ts';
import type { WorkerFailure, WorkerRequest, WorkerResult } from './build-worker.ts';
import { BuildError, ConfigError, UnsafePathError } from './errors.ts';
import { checkReplaceable, DEFAULT_CONCURRENCY, makeStagingDir, markAsBuild, swapInto } from './output.ts';

/** What to build from where. */
export interface BuildOptions {
  /** Data directory holding `snapshots/` and the change log (default `data`, env `CATALOG_DATA_DIR`). */
  dataDir: string;
  /** Output directory, replaced as a whole (default `site/dist`). */
  outDir: string;
  /** Normalised site base URL (default `http://localhost:4321/`, env `SITE_URL`). */
  siteUrl: string;
  /** Publish only the newest N dated snapshots (default `all`, env `SITE_SNAPSHOT_DAYS`). */
  snapshotDays: number | 'all';
  /** Departed models keep a page file while last seen within the newest N days, or `all` (default 120, env `SITE_TOMBSTONE_DAYS`). */
  tombstoneDays?: number | 'all' | undefined;
  /** Files written at once (default 64). */
  concurrency?: number;
}

/** What a build produced: the worker's counts, and where. */
export interface BuildSummary extends WorkerResult {
  outDir: string;
}

/** The Astro project: `site/` beside this folder. */
export const SITE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'site');

/**
 * Build the whole site into `options.outDir`; on any failure the previous output is left untouched. The
 * data dir must exist, and is locked while the build runs, so a crawl cannot change it halfway through.
 */
export async function buildSite(options: BuildOptions, signal?: AbortSignal): Promise<BuildSummary> {
  return withDataDirLock(options.dataDir, 'build', () => build(options, signal), { create: false });
}

/** Build everything into `outDir`, a fresh staging directory, in a worker process (see build-worker.ts). */
async function runWorker(options: BuildOptions, outDir: string, signal: AbortSignal | undefined): Promise<WorkerResult> {
  const request: WorkerRequest = {
    root: SITE_ROOT,
    outDir,
    dataDir: resolve(options.dataDir),
    siteUrl: options.siteUrl,
    snapshotDays: options.snapshotDays,
    tombstoneDays: options.tombstoneDays,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
  };
  // Astro keeps its prerender bundle inside the output when the working directory holds it.
  const child = spawn(process.execPath, ['--expose-gc', join(import.meta.dirname, 'build-worker.ts'), JSON.stringify(request)], { cwd: outDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout = (stdout + text).slice(-8192)));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-8192)));
  // Told to stop: stop the worker too, or it goes on writing a whole site into the staging directory.
  const stop = (): void => void child.kill('SIGTERM');
  if (signal?.aborted === true) stop();
  signal?.addEventListener('abort', stop, { once: true });
  const [code] = (await once(child, 'exit')) as [number | null];
  signal?.removeEventListener('abort', stop);
  if (signal?.aborted === true) throw signal.reason instanceof Error ? signal.reason : new BuildError('stopped', SITE_ROOT);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  const parsed = last.startsWith('{') ? (JSON.parse(last) as WorkerResult | WorkerFailure) : undefined;
  if (parsed !== undefined && 'error' in parsed) throw raisedAgain(parsed.error);
  if (code !== 0 || parsed === undefined) {
    const reason = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('at ') && !line.startsWith('Node.js v')).at(-1) ?? `exit ${code}`;
    throw new BuildError(`the site could not be built: ${reason}`, SITE_ROOT);
  }
  return parsed;
}

/** Errors the worker may end with that callers tell apart by class; anything else is a BuildError. */
const KNOWN_ERRORS = { DataFileError, MissingDataError, UnsafePathError, ConfigError, BuildError } as const;

/** The worker's error as the same class in this process (its stack stays in the worker's stderr). */
function raisedAgain(error: WorkerFailure['error']): CatalogError {
  const Known = KNOWN_ERRORS[error.name as keyof typeof KNOWN_ERRORS];
  if (Known !== undefined) return new Known(error.what, error.where ?? SITE_ROOT);
  return new BuildError(`the site could not be built: ${error.message}`, SITE_ROOT);
}

async function build(options: BuildOptions, signal: AbortSignal | undefined): Promise<BuildSummary> {
  await checkReplaceable(options.outDir, options.dataDir);
  const staged = await makeStagingDir(options.outDir);
  try {
    const result = await runWorker(options, staged, signal);
    await markAsBuild(staged);
    await swapInto(staged, options.outDir, options.dataDir);
    return { outDir: options.outDir, ...result };
  } catch (error) {
    await rm(staged, { recursive: true, force: true });
    throw error;
  }
}
