// The site build's worker process: reads the data once, lets Astro render every page, and writes the
// feeds, the JSON API and the snapshot copies, all into the staging directory it is given. The parent
// (site.ts) holds the lock and swaps the result in. A fresh process per build, because Astro keeps its
// prerender bundle at a path derived from the working directory and Node caches modules by path: two
// builds in one process would share stale pages. One process holds the data, not two: a year of
// history is over a gigabyte in memory, and the build must stay under 2 GB.
import { readdir, lstat, rename, rmdir, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CatalogError } from '../core/errors.ts';
import { copySnapshotFile } from '../store/snapshots.ts';
import { apiFiles, modelFiles, snapshotFiles } from './api.ts';
import { BuildError } from './errors.ts';
import { feedFiles } from './feeds.ts';
import { provideSiteInputs, readSiteInputs, type InputOptions, type SiteInputs } from './inputs.ts';
import { copyFiles, insideRoot, writeFiles } from './output.ts';
import { modelPageMoves, pageIds } from './pages.ts';

/** What the parent passes as the one argument (JSON). */
export interface WorkerRequest extends InputOptions {
  /** The Astro project (`site/`). */
  root: string;
  /** The empty staging directory to build into. */
  outDir: string;
  /** Files written at once. */
  concurrency: number;
}

/** What the worker prints as its last line of output (JSON): the build's summary (site.ts). */
export interface WorkerResult {
  /** Newest snapshot date, `null` before the first crawl. */
  latest: string | null;
  /** Models on the newest snapshot. */
  models: number;
  /** Model page files: models on the list (each also has an API file) and those that left within the tombstone window. */
  modelPages: number;
  /** Models that left before the window: no page file, a record in `api/departed/` that 404.html shows as their tombstone. */
  departedArchived: number;
  /** Items in the main feed pair. */
  feedItems: number;
  snapshotsPublished: number;
  snapshotsAvailable: number;
}

/** Model pages Astro rendered at a stand-in path (names a router would decode) go to their real path. */
async function movePages(pagesDir: string, inputs: SiteInputs): Promise<void> {
  for (const { from, to } of modelPageMoves(inputs)) {
    const target = insideRoot(pagesDir, to);
    await mkdir(dirname(target), { recursive: true });
    await rename(insideRoot(pagesDir, from), target);
  }
}

/**
 * Move each entry of `from` into `to`. Pages and data have their own folders, except `api/`, where Astro
 * writes the archive of long-gone models beside the model files: a folder both have is merged the same
 * way, and a file both have fails the build.
 */
async function mergeInto(from: string, to: string): Promise<void> {
  for (const name of await readdir(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const existing = await lstat(target).catch(() => undefined);
    if (existing === undefined) await rename(source, target);
    else if (existing.isDirectory() && (await lstat(source)).isDirectory()) await mergeInto(source, target);
    else throw new BuildError(`pages and data both produced ${JSON.stringify(name)}`, target);
  }
  await rmdir(from);
}

/** Astro renders every page into `.pages/` of the staging directory, then its entries move up. */
async function renderPages(request: WorkerRequest, inputs: SiteInputs): Promise<void> {
  const url = new URL(request.siteUrl);
  const pagesDir = join(request.outDir, '.pages');
  const { build } = await import('astro');
  await build({
    root: request.root,
    outDir: pagesDir,
    site: url.origin,
    base: url.pathname,
    logLevel: 'error',
    // Pages in flight at once: writing 137,000 small files one after another leaves the CPU idle half the time.
    build: { concurrency: 16 },
    // Bundle every package into the prerender code, so it runs wherever the staging directory is.
    vite: { logLevel: 'error', environments: { prerender: { resolve: { noExternal: true } } } },
  });
  await movePages(pagesDir, inputs);
  await mergeInto(pagesDir, request.outDir);
}

/** The model files and the snapshot copies: many files, little text held at once. */
async function writeModelData(request: WorkerRequest, inputs: SiteInputs): Promise<void> {
  await writeFiles(request.outDir, modelFiles(inputs), request.concurrency);
  const copies = snapshotFiles(inputs.published).map(({ date, path }) => ({ path, copy: (target: string) => copySnapshotFile(request.dataDir, date, target) }));
  await copyFiles(request.outDir, copies, request.concurrency);
}

/** The feeds and the fixed API files (latest.json, changes.json: tens of MB of text); returns the feed's item count. */
async function writeFeedsAndIndexes(request: WorkerRequest, inputs: SiteInputs): Promise<number> {
  const feeds = feedFiles(inputs);
  await writeFiles(request.outDir, [...feeds.files, ...apiFiles(inputs)], request.concurrency);
  return feeds.items;
}

/**
 * A full collection between phases (site.ts starts the worker with --expose-gc): reading the data parses
 * a 300 MB snapshot and the feeds build tens of MB of text, and V8 would otherwise carry that garbage
 * into the Astro build, whose own garbage then piles on top of it.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The worker's whole run: the result, as the parent reads it. */
async function run(request: WorkerRequest): Promise<WorkerResult> {
  const inputs = await readSiteInputs(request);
  provideSiteInputs(inputs);
  collectGarbage();
  // The big one-off files first, so their text is gone before Astro bundles: the two at once took the
  // worker past 2 GB. Then Astro renders while the model files are written: both mostly wait on the
  // disk, and neither touches the other's folders. Both finish before anything is judged.
  const feedItems = await writeFeedsAndIndexes(request, inputs);
  collectGarbage();
  const [pages, data] = await Promise.allSettled([renderPages(request, inputs), writeModelData(request, inputs)]);
  if (pages.status === 'rejected') throw pages.reason;
  if (data.status === 'rejected') throw data.reason;
  const paged = pageIds(inputs).length;
  return {
    latest: inputs.latest?.date ?? null,
    models: inputs.latest?.models.length ?? 0,
    modelPages: paged,
    departedArchived: inputs.tracks.size - paged,
    feedItems,
    snapshotsPublished: inputs.published.length,
    snapshotsAvailable: inputs.dates.length,
  };
}

/** A failure as the last line of output: the parent raises the same class again (site.ts). */
export interface WorkerFailure {
  error: { name: string; what: string; where: string | undefined; message: string };
}

try {
  const result = await run(JSON.parse(process.argv[2] ?? '{}') as WorkerRequest);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  const failure: WorkerFailure = {
    error: error instanceof CatalogError
      ? { name: error.name, what: error.what, where: error.where, message: error.message }
      : { name: error instanceof Error ? error.name : 'Error', what: error instanceof Error ? error.message : String(error), where: undefined, message: String(error) },
  };
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.stdout.write(`${JSON.stringify(failure)}\n`);
  process.exitCode = 1;
}
