// The site build: read the data directory once, let Astro render every page into a staging directory,
// add the feeds, the JSON API and the snapshot copies, then swap the result in. One owner of the output:
// a failure anywhere leaves the previous site exactly as it was.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { lstat, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDataDirLock } from '../store/lock.ts';
import { copySnapshotFile } from '../store/snapshots.ts';
import { apiFiles, modelFiles, snapshotFiles, type OutputFile } from './api.ts';
import { BuildError } from './errors.ts';
import { feedFiles } from './feeds.ts';
import { readSiteInputs, type SiteInputs } from './inputs.ts';
import type { RenderRequest } from './render-pages.ts';
import { checkReplaceable, copyFiles, DEFAULT_CONCURRENCY, insideRoot, makeStagingDir, markAsBuild, swapInto, writeFiles } from './output.ts';
import { modelPageMoves } from './pages.ts';

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
  /** Files written at once (default 64). */
  concurrency?: number;
}

/** What a build produced. */
export interface BuildSummary {
  outDir: string;
  /** Newest snapshot date, `null` before the first crawl. */
  latest: string | null;
  /** Models on the newest snapshot. */
  models: number;
  /** Models with a page and an API file (every model ever seen). */
  modelFiles: number;
  /** Items in the main feed pair. */
  feedItems: number;
  snapshotsPublished: number;
  snapshotsAvailable: number;
}

/** The Astro project: `site/` beside this folder. */
export const SITE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'site');

/**
 * Build the whole site into `options.outDir`; on any failure the previous output is left untouched. The
 * data dir must exist, and is locked while the build runs, so a crawl cannot change it halfway through.
 */
export async function buildSite(options: BuildOptions): Promise<BuildSummary> {
  return withDataDirLock(options.dataDir, 'build', () => build(options), { create: false });
}

/** Run Astro in a child process (see render-pages.ts) over the same data into `outDir`, a directory of its own inside the staging directory. */
async function renderPages(options: BuildOptions, outDir: string): Promise<void> {
  const request: RenderRequest = { root: SITE_ROOT, outDir, dataDir: resolve(options.dataDir), siteUrl: options.siteUrl, snapshotDays: options.snapshotDays };
  // Astro keeps its prerender bundle inside the output when the working directory holds it.
  const child = spawn(process.execPath, [join(import.meta.dirname, 'render-pages.ts'), JSON.stringify(request)], { cwd: dirname(outDir), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-8192)));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    const reason = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('at ')).at(-1) ?? `exit ${code}`;
    throw new BuildError(`Astro could not render the pages: ${reason}`, SITE_ROOT);
  }
}

/** Model pages Astro rendered at a stand-in path (names a router would decode) go to their real path. */
async function movePages(staged: string, inputs: SiteInputs): Promise<void> {
  for (const { from, to } of modelPageMoves(inputs)) {
    const target = insideRoot(staged, to);
    await mkdir(dirname(target), { recursive: true });
    await rename(insideRoot(staged, from), target);
  }
}

/** Move each top-level entry of `from` into `to` (names never shared: pages and data have their own folders). */
async function mergeInto(from: string, to: string): Promise<void> {
  for (const name of await readdir(from)) {
    const target = join(to, name);
    if (await lstat(target).then(() => true, () => false)) throw new BuildError(`pages and data both produced ${JSON.stringify(name)}`, target);
    await rename(join(from, name), target);
  }
  await rmdir(from);
}

async function build(options: BuildOptions): Promise<BuildSummary> {
  await checkReplaceable(options.outDir, options.dataDir);
  const inputs = await readSiteInputs(options);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const feeds = feedFiles(inputs);
  const fixed: OutputFile[] = [...feeds.files, ...apiFiles(inputs)];
  const staged = await makeStagingDir(options.outDir);
  try {
    // Astro renders the pages in its own process while this one writes the JSON: both mostly wait on the
    // disk, and neither touches the other's folders. Both finish before anything is judged or removed.
    const pages = (async () => {
      const pagesDir = join(staged, '.pages');
      await renderPages(options, pagesDir);
      await movePages(pagesDir, inputs);
      await mergeInto(pagesDir, staged);
    })();
    const data = (async () => {
      await writeFiles(staged, fixed, concurrency);
      const written = await writeFiles(staged, modelFiles(inputs), concurrency);
      const copies = snapshotFiles(inputs.published).map(({ date, path }) => ({ path, copy: (target: string) => copySnapshotFile(options.dataDir, date, target) }));
      await copyFiles(staged, copies, concurrency);
      return written;
    })();
    const [rendered, wrote] = await Promise.allSettled([pages, data]);
    if (rendered.status === 'rejected') throw rendered.reason;
    if (wrote.status === 'rejected') throw wrote.reason;
    const written = wrote.value;
    await markAsBuild(staged);
    await swapInto(staged, options.outDir, options.dataDir);
    return {
      outDir: options.outDir,
      latest: inputs.latest?.date ?? null,
      models: inputs.latest?.models.length ?? 0,
      modelFiles: written,
      feedItems: feeds.items,
      snapshotsPublished: inputs.published.length,
      snapshotsAvailable: inputs.dates.length,
    };
  } catch (error) {
    await rm(staged, { recursive: true, force: true });
    throw error;
  }
}
