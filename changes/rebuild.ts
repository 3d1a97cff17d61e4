// Rebuild the event log and every model's history from the snapshots alone.
import { Worker } from 'node:worker_threads';
import { readLoggedDates, writeState } from '../store/change-files.ts';
import { DataFileError, MissingDataError } from '../store/errors.ts';
import { snapshotDateProblem } from '../store/dates.ts';
import { archivedSnapshots } from '../store/snapshot-archive.ts';
import { listSnapshotDates, snapshotPath, snapshotsDir } from '../store/snapshots.ts';
import type { ChangeState } from '../store/types.ts';
import { applyDay, emptyState } from './history.ts';
import { observeNight, unpackDay, type DayInput, type Night } from './observe.ts';
import type { SnapshotReply, SnapshotRequest } from './snapshot-worker.ts';
import { summarise, type UpdateSummary } from './summary.ts';

/** Rebuild tuning; the defaults suit both a test's handful of snapshots and a year of them. */
export interface RebuildOptions {
  /**
   * Worker threads parsing snapshots ahead of the one being applied (default none). Each night is read
   * one record at a time (observeEach) and the next is read while the current one is applied, so on this
   * thread ten 60,000-model nights take 6.5 s and peak at 0.8 GB; one worker took 5.2 s and 1.5 GB, two
   * 30.7 s and 1.6 GB on two CPUs: a worker's own heap costs more memory than it saves time.
   */
  workers?: number;
}

/** Snapshots in date order, read on this thread, the next one read while the current is applied. */
async function* readInline(dataDir: string, nights: readonly Night[], dates: readonly string[]): AsyncGenerator<DayInput> {
  let next = observeNight(dataDir, nights[0] as Night, dates);
  for (let i = 0; i < nights.length; i++) {
    const day = await next;
    const following = nights[i + 1];
    if (following !== undefined) {
      next = observeNight(dataDir, following, dates);
      next.catch(() => {}); // surfaced when awaited; avoids an unhandled rejection meanwhile
    }
    yield day;
  }
}

/** Snapshots in date order, parsed by `count` workers, each kept two requests ahead. */
async function* readWithWorkers(dataDir: string, nights: readonly Night[], dates: readonly string[], count: number): AsyncGenerator<DayInput> {
  const workers = Array.from({ length: count }, () => new Worker(new URL('./snapshot-worker.ts', import.meta.url)));
  const pending = new Map<string, { resolve: (reply: SnapshotReply) => void; reject: (error: Error) => void }>();
  const replies: Promise<SnapshotReply>[] = [];
  for (const worker of workers) {
    worker.on('message', (reply: SnapshotReply) => pending.get(reply.date)?.resolve(reply));
    worker.on('error', (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
    });
  }
  const request = (index: number): void => {
    const night = nights[index] as Night;
    replies[index] = new Promise<SnapshotReply>((resolve, reject) => pending.set(night.date, { resolve, reject }));
    replies[index].catch(() => {});
    const message: SnapshotRequest = { dataDir, date: night.date, dates: [...dates], ...(night.archived === undefined ? {} : { archived: night.archived }) };
    workers[index % count]?.postMessage(message);
  };
  try {
    let requested = 0;
    for (let i = 0; i < dates.length; i++) {
      for (; requested < Math.min(dates.length, i + 2 * count); requested++) request(requested);
      const reply = await (replies[i] as Promise<SnapshotReply>);
      pending.delete(reply.date);
      delete replies[i];
      if (!reply.ok) throw new DataFileError(reply.what, reply.where);
      yield unpackDay(reply);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Every night's snapshot, ascending: the working tree's files and those only in git's history. A night
 * the event log lists whose snapshot is in neither is refused: rebuilt without it, the history would
 * say things that did not happen.
 */
async function allNights(dataDir: string): Promise<Night[]> {
  const working = await listSnapshotDates(dataDir);
  const logged = await readLoggedDates(dataDir);
  const archived = await archivedSnapshots(dataDir, working, logged);
  const nights: Night[] = [...working.map((date) => ({ date })), ...archived.map((entry) => ({ date: entry.date, archived: entry }))];
  nights.sort((a, b) => (a.date < b.date ? -1 : 1));
  const found = new Set(nights.map((night) => night.date));
  const lost = logged?.find((date) => !found.has(date));
  if (lost !== undefined) {
    throw new MissingDataError(`the event log lists ${lost}, whose snapshot is neither in snapshots/ nor in git history; if it was removed on purpose, delete events/ and rebuild`, dataDir);
  }
  return nights;
}

/** Apply every snapshot of `dataDir` (its files and git's archive), oldest first, to a fresh state (reads only). */
export async function rebuildState(dataDir: string, options: RebuildOptions = {}): Promise<ChangeState> {
  const nights = await allNights(dataDir);
  const dates = nights.map((night) => night.date);
  if (dates.length === 0) throw new MissingDataError('no snapshots to rebuild from', snapshotsDir(dataDir));
  for (const date of dates) {
    const outOfRange = snapshotDateProblem(date);
    if (outOfRange !== undefined) throw new DataFileError(`cannot be a snapshot date: ${outOfRange}`, snapshotPath(dataDir, date));
  }
  const workers = options.workers ?? 0;
  const days = workers > 0 ? readWithWorkers(dataDir, nights, dates, workers) : readInline(dataDir, nights, dates);
  const state = emptyState();
  for await (const day of days) applyDay(state, day.date, day.models, day.gateway);
  return state;
}

/** Recompute events/ and history/ from the snapshots and write whatever changed. */
export async function rebuildChanges(dataDir: string, options: RebuildOptions = {}): Promise<UpdateSummary> {
  const state = await rebuildState(dataDir, options);
  const write = await writeState(dataDir, state);
  return summarise(state, state.log.days.at(-1)?.date as string, 'rebuild', write);
}
