// Rebuild the event log and every model's history from the snapshots alone.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { writeState } from '../store/change-files.ts';
import { DataFileError, MissingDataError } from '../store/errors.ts';
import { snapshotDateProblem } from '../store/dates.ts';
import { listSnapshotDates, loadSnapshot, snapshotPath, snapshotsDir } from '../store/snapshots.ts';
import type { ChangeState } from '../store/types.ts';
import { applyDay, emptyState } from './history.ts';
import { observeSnapshot, unpackDay, type DayInput } from './observe.ts';
import type { SnapshotReply, SnapshotRequest } from './snapshot-worker.ts';
import { summarise, type UpdateSummary } from './summary.ts';

/** Rebuild tuning; the defaults suit both a test's handful of snapshots and a year of them. */
export interface RebuildOptions {
  /**
   * Worker threads parsing snapshots ahead of the one being applied (default: one per CPU, at most 4,
   * and none for fewer than 8 snapshots, where starting workers costs more than it saves).
   */
  workers?: number;
}

/** Snapshots in date order, read on this thread, the next one read while the current is applied. */
async function* readInline(dataDir: string, dates: readonly string[]): AsyncGenerator<DayInput> {
  let next = loadSnapshot(dataDir, dates[0] as string, dates);
  for (let i = 0; i < dates.length; i++) {
    const snapshot = await next;
    const following = dates[i + 1];
    if (following !== undefined) {
      next = loadSnapshot(dataDir, following, dates);
      next.catch(() => {}); // surfaced when awaited; avoids an unhandled rejection meanwhile
    }
    yield observeSnapshot(snapshot);
  }
}

/** Snapshots in date order, parsed by `count` workers, each kept two requests ahead. */
async function* readWithWorkers(dataDir: string, dates: readonly string[], count: number): AsyncGenerator<DayInput> {
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
    const date = dates[index] as string;
    replies[index] = new Promise<SnapshotReply>((resolve, reject) => pending.set(date, { resolve, reject }));
    replies[index].catch(() => {});
    const message: SnapshotRequest = { dataDir, date, dates: [...dates] };
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

/** Apply every snapshot in `dataDir`, oldest first, to a fresh state (reads only). */
export async function rebuildState(dataDir: string, options: RebuildOptions = {}): Promise<ChangeState> {
  const dates = await listSnapshotDates(dataDir);
  if (dates.length === 0) throw new MissingDataError('no snapshots to rebuild from', snapshotsDir(dataDir));
  for (const date of dates) {
    const outOfRange = snapshotDateProblem(date);
    if (outOfRange !== undefined) throw new DataFileError(`cannot be a snapshot date: ${outOfRange}`, snapshotPath(dataDir, date));
  }
  const workers = options.workers ?? (dates.length < 8 ? 0 : Math.min(availableParallelism(), 4));
  const days = workers > 0 ? readWithWorkers(dataDir, dates, workers) : readInline(dataDir, dates);
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
