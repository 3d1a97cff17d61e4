// Writing several data files as one change: either every file takes its new content (or is removed), or
// every file keeps the bytes it had. A night's snapshot, event log and history shards must agree; a
// failure halfway (disk full, a permission, a target that became a directory) must not leave some
// shards a night ahead of the others and of the log.
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { mapBounded } from '../core/concurrency.ts';
import { fileSystemError, readIfExists } from './atomic.ts';

/** Files prepared at once. */
const IO_PARALLEL = 16;

/** One file of the change: its new content (or a function making it, called once, when its turn comes, so
 * that a few hundred shard texts never exist at once), or `null` to remove it. */
export interface FileChange {
  path: string;
  content: string | null | (() => string);
}

const sibling = (path: string, kind: string): string => join(dirname(path), `.${basename(path)}.${kind}-${randomBytes(6).toString('hex')}.tmp`);

/** Whether `path` exists, by trying to link it aside: the link is the backup the roll-back renames back. */
async function backUp(path: string): Promise<string | undefined> {
  const backup = sibling(path, 'was');
  try {
    await link(path, backup);
    return backup;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Apply `changes` together; returns the paths that changed (content differed, or a removed file existed).
 * Files whose content is already what is asked are left alone. On any failure every file is as before,
 * and the first error is thrown as a DataFileError naming its path. Temp files are `.<name>.*.tmp`, which
 * the next run's lock sweeps away if a killed run left them. `io.rename` is for tests of the roll-back.
 */
export async function writeFilesTogether(changes: readonly FileChange[], io: { rename: (from: string, to: string) => Promise<void> } = { rename }): Promise<string[]> {
  type Item = { path: string; remove: boolean; temp?: string; backup?: string };
  const slots: (Item | undefined)[] = new Array(changes.length);
  let pending: Item[] = [];
  let current = '';
  try {
    // 1. Every new content in a temp file beside its target: the expensive part, and it touches nothing.
    // A few at a time (file I/O waits), each content made only when its turn comes.
    const prepare = async (change: FileChange, index: number): Promise<void> => {
      const now = await readIfExists(change.path);
      if (change.content === null) {
        if (now !== undefined) slots[index] = { path: change.path, remove: true };
        return;
      }
      const content = typeof change.content === 'function' ? change.content() : change.content;
      if (now === content) return;
      const item: Item = { path: change.path, remove: false, temp: sibling(change.path, 'new') };
      slots[index] = item;
      await mkdir(dirname(change.path), { recursive: true });
      await writeFile(item.temp as string, content, 'utf8');
    };
    await mapBounded(changes.map((change, index) => ({ change, index })), IO_PARALLEL, ({ change, index }) => prepare(change, index).catch((error: unknown) => {
      throw fileSystemError(error, change.path, 'write');
    }));
    pending = slots.filter((item): item is Item => item !== undefined);
    // 2. A hard link to each old file, so it can be put back.
    for (const item of pending) {
      current = item.path;
      const backup = await backUp(item.path);
      if (backup !== undefined) item.backup = backup;
    }
  } catch (error) {
    await cleanUp(pending.length > 0 ? pending : slots.filter((item): item is Item => item !== undefined));
    throw fileSystemError(error, current, 'write');
  }
  // 3. Renames (and removals) into place; a failure puts back every one already done.
  const done: Item[] = [];
  try {
    for (const item of pending) {
      current = item.path;
      if (item.remove) await rm(item.path, { force: true });
      else await io.rename(item.temp as string, item.path);
      done.push(item);
    }
  } catch (error) {
    for (const item of done.reverse()) {
      if (item.backup !== undefined) await rename(item.backup, item.path).catch(() => undefined);
      else await rm(item.path, { force: true }).catch(() => undefined);
    }
    await cleanUp(pending);
    throw fileSystemError(error, current, 'write');
  }
  await cleanUp(pending);
  return pending.map((item) => item.path);
}

/** Remove what the change made beside the targets (temps not renamed, backups no longer needed). */
async function cleanUp(items: readonly { temp?: string; backup?: string }[]): Promise<void> {
  for (const item of items) {
    if (item.temp !== undefined) await rm(item.temp, { force: true }).catch(() => undefined);
    if (item.backup !== undefined) await rm(item.backup, { force: true }).catch(() => undefined);
  }
}
