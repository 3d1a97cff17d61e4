// File-system edge of the site build: stage everything in a fresh directory beside the output, then
// swap it in, so a failed build leaves the previous site exactly as it was.
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { mapBounded } from '../core/concurrency.ts';
import { isWithin } from '../core/paths.ts';
import type { OutputFile } from './api.ts';
import { ConfigError, UnsafePathError } from './errors.ts';

/** Default number of files written at once: enough to keep the disk busy without exhausting descriptors. */
export const DEFAULT_CONCURRENCY = 64;

/** `root` joined with a POSIX relative path, refusing anything that would land outside `root`. */
export function insideRoot(root: string, relative: string): string {
  const parts = relative.split('/');
  const base = resolve(root);
  const target = resolve(base, ...parts);
  // Every part must be a plain name (this also refuses absolute paths, which start with an empty part);
  // the prefix check is a second, independent guard.
  const plain = parts.every((part) => part !== '' && part !== '.' && part !== '..');
  if (!plain || !target.startsWith(base + sep)) {
    throw new UnsafePathError('path leaves the output directory', JSON.stringify(relative));
  }
  return target;
}

/** Creates each directory once even when many writers ask for it at the same time. */
function directoryMaker(): (dir: string) => Promise<void> {
  const made = new Map<string, Promise<unknown>>();
  return async (dir) => {
    let pending = made.get(dir);
    if (pending === undefined) {
      pending = mkdir(dir, { recursive: true });
      made.set(dir, pending);
    }
    await pending;
  };
}

/**
 * Write `files` under `root` (a fresh staging directory) with bounded parallelism. A file that already
 * exists is an error (`wx`): two outputs sharing a path is a bug, never something to overwrite silently.
 */
export async function writeFiles(root: string, files: Iterable<OutputFile>, concurrency = DEFAULT_CONCURRENCY): Promise<number> {
  const ensureDir = directoryMaker();
  const done = await mapBounded(files, concurrency, async (file) => {
    const target = insideRoot(root, file.path);
    await ensureDir(dirname(target));
    await writeFile(target, file.content, { encoding: 'utf8', flag: 'wx' });
  });
  return done.length;
}

/** A file copied rather than rendered: where it goes, and how to put its bytes at a target path. */
export interface CopiedFile {
  /** POSIX path relative to the site root. */
  path: string;
  /** Writes the file at `target` (which does not exist yet), byte for byte. */
  copy: (target: string) => Promise<void>;
}

/** Copy files byte for byte (no re-serialising) into `root`, with bounded parallelism. */
export async function copyFiles(root: string, copies: Iterable<CopiedFile>, concurrency = DEFAULT_CONCURRENCY): Promise<number> {
  const ensureDir = directoryMaker();
  const done = await mapBounded(copies, concurrency, async (file) => {
    const target = insideRoot(root, file.path);
    await ensureDir(dirname(target));
    await file.copy(target);
  });
  return done.length;
}

/** Name prefix of the directories a build keeps beside `out`: `build` while staging, `old` while swapping. */
const siblingPrefix = (out: string, kind: 'build' | 'old'): string => `.${basename(resolve(out))}.${kind}-`;

/** How old a leftover staging or moved-aside directory must be before a build deletes it (1 hour). */
export const STALE_LEFTOVER_MS = 60 * 60 * 1000;

/**
 * Delete `.<out>.build-*` and `.<out>.old-*` siblings older than `staleMs`: what a build killed before
 * its cleanup (SIGKILL, power loss) leaves behind. Younger ones may belong to a build still running.
 */
export async function removeStaleLeftovers(out: string, staleMs = STALE_LEFTOVER_MS, now = Date.now()): Promise<string[]> {
  const parent = dirname(resolve(out));
  const prefixes = [siblingPrefix(out, 'build'), siblingPrefix(out, 'old')];
  let names: string[];
  try {
    names = await readdir(parent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names.filter((n) => prefixes.some((prefix) => n.startsWith(prefix)))) {
    const path = join(parent, name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isDirectory() || now - info.mtimeMs < staleMs) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/**
 * A fresh, empty staging directory beside `out` (same file system, so the final rename is atomic),
 * after clearing stale leftovers of killed builds.
 */
export async function makeStagingDir(out: string): Promise<string> {
  const parent = dirname(resolve(out));
  await mkdir(parent, { recursive: true });
  await removeStaleLeftovers(out);
  const staged = await mkdtemp(join(parent, siblingPrefix(out, 'build')));
  // mkdtemp makes it 0700; the site it becomes is for a web server, often another user, to read.
  await chmod(staged, 0o755);
  return staged;
}

/** The file every build puts in its output: only a directory holding it may be replaced by a build. */
export const BUILD_MARKER = '.catalog-build';

/** What the marker says. */
const MARKER_TEXT = `${JSON.stringify({ builtBy: 'modelscope-inference-catalog', note: 'npm run build replaces this directory as a whole' })}\n`;

/** Put the marker into a staging directory. */
export async function markAsBuild(staged: string): Promise<void> {
  await writeFile(join(staged, BUILD_MARKER), MARKER_TEXT, { flag: 'wx' });
}

/**
 * Whether `dir` carries the build's marker: a regular file (not a link to one) holding exactly what a build
 * writes. File names prove nothing: a user's folder may well hold an `index.html`, a `feed.json` and an `api/`.
 */
async function carriesMarker(dir: string): Promise<boolean> {
  const path = join(dir, BUILD_MARKER);
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined || !info.isFile() || info.size > 4096) return false;
  return (await readFile(path, 'utf8').catch(() => '')) === MARKER_TEXT;
}

/**
 * Refuse to replace `out` unless a build made it: it must not exist, be empty, or carry the build marker.
 * `--out .` or `--out data` would otherwise delete a checkout or the archive. Never an output that holds
 * the data dir.
 */
export async function checkReplaceable(out: string, dataDir: string): Promise<void> {
  if (await isWithin(dataDir, out)) throw new ConfigError(`${out} holds the data dir ${dataDir}; the build replaces its output as a whole`, '--out');
  const info = await stat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot use ${out} as the output (${error.code})`, '--out', { cause: error });
  });
  if (info === undefined) return;
  if (!info.isDirectory()) throw new ConfigError(`${out} is not a directory a build made, so it will not be replaced`, '--out');
  const names = await readdir(out);
  if (names.length === 0 || (await carriesMarker(out))) return;
  throw new ConfigError(
    `${out} is not a directory a build made (no ${BUILD_MARKER} in it), so it will not be replaced; pick a new or empty directory`,
    '--out',
  );
}

/**
 * Put `staged` in place of `out`. The old output is moved aside first and restored if the swap fails,
 * then deleted; at no point is `out` half-written. `out` is checked again just before (checkReplaceable).
 */
export async function swapInto(staged: string, out: string, dataDir: string): Promise<void> {
  await checkReplaceable(out, dataDir);
  const target = resolve(out);
  const aside = join(dirname(target), `${siblingPrefix(out, 'old')}${randomBytes(6).toString('hex')}`);
  let hadOld = true;
  try {
    await rename(target, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadOld = false;
  }
  try {
    await rename(staged, target);
  } catch (error) {
    if (hadOld) await rename(aside, target);
    throw error;
  }
  if (hadOld) await rm(aside, { recursive: true, force: true });
}
