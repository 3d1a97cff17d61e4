// One writer at a time per data dir: `<data-dir>/.lock` names the run that holds it (pid, host, start,
// command). It is created with its content in one step (written aside, then hard-linked into place), so
// nobody ever reads a half-written lock. A lock left by a run that was killed is detected and reported,
// never silently taken over: the data it guarded may be half-updated, and a person should look first.
import { hostname } from 'node:os';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CatalogError } from '../core/errors.ts';
import { removeStaleTempFiles } from './atomic.ts';
import { eventsDir, historyDir } from './change-files.ts';
import { DataFileError, MissingDataError } from './errors.ts';
import { snapshotsDir } from './snapshots.ts';

/** What the lock file says about its holder. */
export interface LockHolder {
  /** Process id on `host`. */
  pid: number;
  /** Host name of the machine the run is on. */
  host: string;
  /** When the run took the lock, ISO 8601 UTC. */
  started: string;
  /** The command, e.g. `crawl 2026-03-05`. */
  command: string;
}

/** Another run holds the data dir right now. */
export class DataDirBusyError extends CatalogError {
  /** Who holds it, as the lock file says. */
  readonly holder: LockHolder | undefined;

  constructor(what: string, where: string, holder: LockHolder | undefined) {
    super(what, where);
    this.holder = holder;
  }
}

/** A lock whose run is gone (killed, crashed): reported, not taken over. */
export class StaleLockError extends DataDirBusyError {}

export const lockPath = (dataDir: string): string => join(dataDir, '.lock');

/** Whether process `pid` exists on this machine (a process we may not signal exists too). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeHolder(holder: LockHolder): string {
  return `${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.started})`;
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.started === 'string' && typeof value.command === 'string') {
      return { pid: value.pid, host: value.host, started: value.started, command: value.command };
    }
  } catch {
    // Unreadable or not ours: reported as an unknown holder below.
  }
  return undefined;
}

/** The error for a lock that exists: busy while its run lives, stale once it is gone. */
async function heldError(path: string): Promise<DataDirBusyError> {
  const holder = await readHolder(path);
  if (holder === undefined) {
    return new StaleLockError(`the data dir is locked by a lock file that names no run; if no other run uses it, check the data and delete ${path}`, path, undefined);
  }
  if (holder.host === hostname() && !processAlive(holder.pid)) {
    return new StaleLockError(
      `a run that held the data dir is gone: ${describeHolder(holder)}; it may have left files half-updated. Check them (npm run rebuild recreates events and history) and delete ${path}`,
      path,
      holder,
    );
  }
  return new DataDirBusyError(`the data dir is in use by ${describeHolder(holder)}; try again when it has finished`, path, holder);
}

/** A held lock. */
export interface DataDirLock {
  /** The lock file. */
  path: string;
  /** Give the lock up (only if it is still ours). */
  release(): Promise<void>;
}

/** How to take the lock. */
export interface LockOptions {
  /** Create the data dir when it does not exist (default true); false makes a missing one a MissingDataError. */
  create?: boolean;
  /** Clock for the `started` field (default now). */
  now?: Date;
}

/** Take the data dir's lock for `command`, or throw DataDirBusyError / StaleLockError / DataFileError. */
export async function lockDataDir(dataDir: string, command: string, options: LockOptions = {}): Promise<DataDirLock> {
  const info = await stat(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new DataFileError(`cannot use as the data dir (${error.code ?? error.message})`, dataDir, { cause: error });
  });
  if (info !== undefined && !info.isDirectory()) throw new DataFileError('is not a directory, so it cannot be the data dir', dataDir);
  if (info === undefined) {
    if (options.create === false) throw new MissingDataError('the data dir does not exist', dataDir);
    await mkdir(dataDir, { recursive: true });
  }
  const path = lockPath(dataDir);
  const holder: LockHolder = { pid: process.pid, host: hostname(), started: (options.now ?? new Date()).toISOString(), command };
  const content = `${JSON.stringify(holder)}\n`;
  const aside = join(dataDir, `.lock.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(aside, content, { flag: 'wx' });
  try {
    await link(aside, path).catch(async (error: NodeJS.ErrnoException) => {
      // File systems without hard links: exclusive create, which a reader may briefly see empty.
      if (error.code === 'ENOTSUP' || error.code === 'EPERM' || error.code === 'ENOSYS') await writeFile(path, content, { flag: 'wx' });
      else throw error;
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw await heldError(path);
    throw new DataFileError(`cannot create the lock (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, path, { cause: error });
  } finally {
    await rm(aside, { force: true }).catch(() => undefined);
  }
  const lock: DataDirLock = {
    path,
    async release() {
      const now = await readFile(path, 'utf8').catch(() => undefined);
      if (now === content) await rm(path, { force: true });
    },
  };
  try {
    // Holding the lock, this run is the only writer: temp files an hour old are a killed run's leftovers.
    await removeStaleTempFiles([dataDir, snapshotsDir(dataDir), eventsDir(dataDir), historyDir(dataDir)]);
  } catch (error) {
    // The caller never gets the lock, so it cannot release it: give it up here, or it outlives the run.
    await lock.release().catch(() => undefined);
    throw error;
  }
  return lock;
}

/** Run `body` holding the data dir's lock, and give it up afterwards whatever happens. */
export async function withDataDirLock<T>(dataDir: string, command: string, body: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = await lockDataDir(dataDir, command, options);
  try {
    return await body();
  } finally {
    await lock.release();
  }
}
