// All file writes go through here so that a failed run never leaves a half-written file behind: content
// goes to a temp file beside the target (`.<name>.<random>.tmp`) and is renamed into place. File-system
// failures come out as one-line DataFileErrors naming the path.
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { DataFileError } from './errors.ts';

/** A file-system failure as a DataFileError: `path: cannot <doing> (<code>)`. */
export function fileSystemError(error: unknown, path: string, doing: string): DataFileError {
  if (error instanceof DataFileError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new DataFileError(`cannot ${doing} (${code})`, path, { cause: error });
}

const tempPath = (path: string): string => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

/** Write `content` to `path` atomically: temp file in the same directory, then rename. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = tempPath(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw fileSystemError(error, path, 'write');
  }
}

/** Atomically write `content` unless the file already holds exactly that; returns whether it wrote. */
export async function writeIfChanged(path: string, content: string): Promise<boolean> {
  if ((await readIfExists(path)) === content) return false;
  await writeFileAtomic(path, content);
  return true;
}

/** Read a file, or `undefined` when it does not exist (other failures are DataFileErrors). */
export async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw fileSystemError(error, path, 'read');
  });
}

/** The names in directory `dir`, or none when it does not exist (other failures are DataFileErrors). */
export async function listIfExists(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw fileSystemError(error, dir, 'list');
  });
}

async function fileHash(path: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return hash.digest('hex');
}

/**
 * `writeIfChanged` for content produced in pieces: streams them to a temp file while hashing, then renames it
 * into place only if the existing file's hash differs. Large files never exist as one string.
 */
export async function writeChunksIfChanged(path: string, chunks: Iterable<string>): Promise<boolean> {
  const temp = tempPath(path);
  const hash = createHash('sha256');
  try {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(temp, 'w');
    try {
      for (const chunk of chunks) {
        const bytes = Buffer.from(chunk, 'utf8');
        hash.update(bytes);
        await file.write(bytes);
      }
    } finally {
      await file.close();
    }
    if ((await fileHash(path)) === hash.digest('hex')) {
      await rm(temp, { force: true });
      return false;
    }
    await rename(temp, path);
    return true;
  } catch (error) {
    await rm(temp, { force: true });
    // An error from producing the content (not the file system) is the caller's: pass it on as it is.
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw fileSystemError(error, path, 'write');
  }
}

/** How old a temp file must be before it counts as left behind by a killed run (1 hour). */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Delete the temp files (`.*.tmp`) in `dirs` older than `staleMs`: what a run killed mid-write (SIGKILL,
 * power loss) leaves. Younger ones may belong to a write still going on. Returns the paths removed.
 */
export async function removeStaleTempFiles(dirs: readonly string[], staleMs = STALE_TEMP_MS, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of dirs) {
    for (const name of await listIfExists(dir)) {
      if (!name.startsWith('.') || !name.endsWith('.tmp')) continue;
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info === undefined || !info.isFile() || now - info.mtimeMs < staleMs) continue;
      await rm(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}
