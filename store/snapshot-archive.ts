// Snapshots kept in git's history rather than in the working tree. The checkout holds only the newest
// nights as `snapshots/<date>.json` (pruneSnapshots); every older one is in the commit that removed
// it, so `git log` is the archive (the classic git-scraping layout) and the checkout stays bounded
// however many nights there are. Reading goes through git's plumbing, one snapshot at a time.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fileSystemError } from './atomic.ts';
import { MissingDataError } from './errors.ts';
import { parseSnapshot, parseSnapshotEach, snapshotPath, type SnapshotEnvelope } from './snapshots.ts';
import type { ModelRecord, Snapshot } from './record.ts';

const run = promisify(execFile);

/** Output a snapshot may take in git's answer: a 60k-model night is ~27 MB. */
const MAX_BUFFER = 1 << 30;

/** `git <args>` in `dir`; its stdout, or `undefined` when git is not there or `dir` is in no repository. */
async function git(dir: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await run('git', args, { cwd: dir, maxBuffer: MAX_BUFFER, encoding: 'utf8' })).stdout;
  } catch {
    return undefined;
  }
}

/** Where the data dir sits in its repository, for reading its files from commits. */
interface Repository {
  /** The data dir's path from the repository's top, with a trailing slash (`data/`; `''` at the top). */
  prefix: string;
  /** Whether the clone is shallow: older commits, and the snapshots they removed, were not fetched. */
  shallow: boolean;
}

/** The repository `dataDir` is in, or `undefined` outside one. */
export async function repositoryOf(dataDir: string): Promise<Repository | undefined> {
  const answer = await git(dataDir, ['rev-parse', '--show-prefix', '--is-shallow-repository']);
  if (answer === undefined) return undefined;
  const [prefix = '', shallow = 'false'] = answer.split('\n');
  return { prefix, shallow: shallow.trim() === 'true' };
}

/** A snapshot that is only in git's history: its date and the git object holding its bytes. */
export interface ArchivedSnapshot {
  date: string;
  /** `<commit>^:<path>`: the file as it was just before the commit that removed it. */
  object: string;
}

/**
 * The snapshots removed from the working tree and kept in git's history, ascending by date (those also
 * in the working tree are left out: the file there is what counts). Empty outside a repository.
 * `logged` are the dates the event log lists (`undefined` when it cannot be read). A shallow clone has
 * no archive to list: when the log shows every night is in the working tree that is fine, otherwise
 * (or when that cannot be known) a MissingDataError saying what to fetch — a history rebuilt from the
 * newest nights alone would be false.
 */
export async function archivedSnapshots(dataDir: string, inWorkingTree: readonly string[], logged: readonly string[] | undefined): Promise<ArchivedSnapshot[]> {
  const repo = await repositoryOf(dataDir);
  if (repo === undefined) return [];
  const present = new Set(inWorkingTree);
  if (repo.shallow) {
    if (logged !== undefined && logged.every((date) => present.has(date))) return [];
    throw new MissingDataError('this is a shallow clone, and the snapshots of older nights live in git history; fetch it first with: git fetch --unshallow', dataDir);
  }
  // --no-renames: a night's removal of an old snapshot and addition of a new, similar one is otherwise
  // reported as one file renamed, and the removal would not be listed.
  const log = await git(dataDir, ['log', '--no-renames', '--diff-filter=D', '--name-only', '--relative', '--format=commit %H', '--', 'snapshots/']);
  const found = new Map<string, string>();
  let commit = '';
  for (const line of (log ?? '').split('\n')) {
    if (line.startsWith('commit ')) commit = line.slice('commit '.length);
    const date = /^snapshots\/(\d{4}-\d{2}-\d{2})\.json$/.exec(line)?.[1];
    // Newest first: a date removed twice (written again, then pruned again) is read from its last removal.
    if (date !== undefined && !present.has(date) && !found.has(date)) found.set(date, `${commit}^:${repo.prefix}snapshots/${date}.json`);
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, object]) => ({ date, object }));
}

/** Read and validate an archived snapshot; a file git cannot give back is a MissingDataError. */
export async function readArchivedSnapshot(dataDir: string, archived: ArchivedSnapshot): Promise<Snapshot> {
  return namedAs(parseSnapshot(await archivedText(dataDir, archived), `${archived.object} (git)`), dataDir, archived);
}

/** readArchivedSnapshot with the records handed to `visit` one at a time (snapshots.ts parseSnapshotEach). */
export async function readArchivedSnapshotEach(dataDir: string, archived: ArchivedSnapshot, visit: (model: ModelRecord) => void): Promise<SnapshotEnvelope> {
  return namedAs(parseSnapshotEach(await archivedText(dataDir, archived), `${archived.object} (git)`, visit), dataDir, archived);
}

/**
 * The bytes of an archived snapshot, decoded once: collected as the buffers git writes and joined, rather
 * than through execFile's string building, which held the night several times over (a 60k-model rebuild
 * peaked ~0.6 GB higher reading from git than from files).
 */
async function archivedText(dataDir: string, archived: ArchivedSnapshot): Promise<string> {
  const child = spawn('git', ['cat-file', 'blob', archived.object], { cwd: dataDir, stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const [code] = (await once(child, 'close').catch(() => [1])) as [number | null];
  if (code !== 0) throw new MissingDataError(`git cannot read ${archived.object} (the snapshot of ${archived.date})`, dataDir);
  return Buffer.concat(chunks).toString('utf8');
}

function namedAs<T extends { date: string }>(snapshot: T, dataDir: string, archived: ArchivedSnapshot): T {
  if (snapshot.date !== archived.date) throw new MissingDataError(`${archived.object} says "date": "${snapshot.date}"`, dataDir);
  return snapshot;
}

/**
 * Snapshot files the nightly keeps in the working tree: two weeks and a night, so the night before any
 * departure of the last 14 nights is still a file (the site's last-known records, publish/inputs.ts).
 * At 60,000 models that is ~560 MB on disk, the same whatever the number of years; a shallow clone
 * fetches it compressed, the files deltas of one another.
 */
export const KEEP_SNAPSHOTS = 15;

/** The dates to take out of the working tree so that only the newest `keep` remain (input ascending). */
export function datesToPrune(dates: readonly string[], keep: number): string[] {
  return keep >= dates.length ? [] : dates.slice(0, dates.length - keep);
}

/**
 * Remove all but the newest `keep` snapshot files, but only those git already holds byte for byte in
 * the last commit: a file git does not have would be lost, so it stays (outside a repository nothing is
 * pruned). Returns the dates removed.
 */
export async function pruneSnapshots(dataDir: string, dates: readonly string[], keep: number): Promise<string[]> {
  const candidates = datesToPrune(dates, keep);
  if (candidates.length === 0 || (await repositoryOf(dataDir)) === undefined) return [];
  const paths = candidates.map((date) => `snapshots/${date}.json`);
  // Tracked in HEAD, and the working file unchanged from it.
  const tracked = new Set((await git(dataDir, ['ls-tree', '-r', '--name-only', '--full-name', 'HEAD', '--', ...paths]))?.split('\n').filter(Boolean) ?? []);
  const changed = new Set((await git(dataDir, ['diff', '--name-only', '--relative', 'HEAD', '--', ...paths]))?.split('\n').filter(Boolean) ?? []);
  const repo = await repositoryOf(dataDir);
  const removed: string[] = [];
  for (const [i, date] of candidates.entries()) {
    const path = paths[i] as string;
    if (!tracked.has(`${repo?.prefix ?? ''}${path}`) || changed.has(path)) continue;
    const file = snapshotPath(dataDir, date);
    await rm(file).catch((error: unknown) => Promise.reject(fileSystemError(error, file, 'remove')));
    removed.push(date);
  }
  return removed;
}

