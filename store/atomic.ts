// All file writes go through here so that a failed run never leaves a half-written file behind.
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

/** Write `content` to `path` atomically: temp file in the same directory, then rename. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Atomically write `content` unless the file already holds exactly that; returns whether it wrote. */
export async function writeIfChanged(path: string, content: string): Promise<boolean> {
  const current = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (current === content) return false;
  await writeFileAtomic(path, content);
  return true;
}

/** Read a file, or `undefined` when it does not exist (other errors still throw). */
export async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
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
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  try {
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
    throw error;
  }
}
