// The nightly step after the crawl wrote snapshots/<date>.json: bring events/ and history/ up to
// that date. Fast path: apply one day (or re-apply the newest); anything unusual rebuilds from the
// snapshots, because a correct log matters more than a fast one.
import { UsageError } from '../core/errors.ts';
import { readEventLog, readTracks, writeState } from '../store/change-files.ts';
import { dayNumber, isCalendarDate, nearestDates, snapshotDateProblem } from '../store/dates.ts';
import { DataFileError, OutdatedFileError, SnapshotNotFoundError } from '../store/errors.ts';
import { listSnapshotDates, loadSnapshot, snapshotPath } from '../store/snapshots.ts';
import type { ChangeState } from '../store/types.ts';
import { applyDay, rewindDay } from './history.ts';
import { observeSnapshot } from './observe.ts';
import { rebuildState } from './rebuild.ts';
import { summarise, type UpdateMode, type UpdateSummary } from './summary.ts';

/**
 * Whether the log's days end with exactly the snapshot files before this night (`kept`). Days before
 * those are nights whose files were pruned into git's history (snapshot-archive.ts): they are not in
 * the working tree, so they cannot be compared, and need not be — the log already holds them.
 */
function endsWith(processed: readonly string[], kept: readonly string[]): boolean {
  const start = processed.length - kept.length;
  return start >= 0 && kept.every((date, i) => date === processed[start + i]);
}

/** Whether the history files match the log's newest day (a crash between writes would break this). */
function consistent(state: ChangeState, through: readonly string[]): boolean {
  const last = state.log.days.at(-1);
  if (last === undefined) return through.length === 0 && state.tracks.size === 0;
  if (through.length !== 1 || through[0] !== last.date) return false;
  const day = dayNumber(last.date);
  let present = 0;
  for (const track of state.tracks.values()) if (track.presence[track.presence.length - 1] === day) present++;
  return present === last.models;
}

/**
 * Our own files are derived data: when one is unreadable, say how to recreate it. One written by an
 * older version of this code is no damage: `undefined`, so the caller rebuilds it from the snapshots.
 */
async function withRebuildHint<T>(reading: Promise<T>): Promise<T | undefined> {
  try {
    return await reading;
  } catch (error) {
    if (error instanceof OutdatedFileError) return undefined;
    if (!(error instanceof DataFileError)) throw error;
    throw new DataFileError(`${error.what}; recreate it from the snapshots with: npm run rebuild`, error.where ?? '', { cause: error });
  }
}

/**
 * Bring the change files up to the snapshot of `date`. Re-running a date replaces that day's events
 * and history (never duplicates), and with an identical snapshot leaves every file byte-identical.
 */
export async function updateChanges(dataDir: string, date: string): Promise<UpdateSummary> {
  if (!isCalendarDate(date)) throw new UsageError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`, 'date');
  const outOfRange = snapshotDateProblem(date);
  if (outOfRange !== undefined) throw new DataFileError(`cannot be a snapshot date: ${outOfRange}`, snapshotPath(dataDir, date));
  const dates = await listSnapshotDates(dataDir);
  if (!dates.includes(date)) throw new SnapshotNotFoundError(date, nearestDates(dates, date), dataDir);
  const snapshot = await loadSnapshot(dataDir, date, dates);
  const log = await withRebuildHint(readEventLog(dataDir));
  const processed = log?.days.map((day) => day.date);
  const earlier = dates.filter((d) => d < date);
  let mode: UpdateMode = 'rebuild';
  const last = processed?.at(-1);
  if (processed !== undefined && (last === undefined || last < date) && endsWith(processed, earlier)) mode = 'append';
  else if (processed !== undefined && last === date && endsWith(processed, [...earlier, date])) mode = 'replace';
  let state: ChangeState | undefined;
  if (mode !== 'rebuild' && log !== undefined) {
    const stored = await withRebuildHint(readTracks(dataDir));
    state = stored === undefined ? undefined : { log, tracks: stored.tracks };
    if (stored === undefined || state === undefined || !consistent(state, stored.through)) mode = 'rebuild';
  }
  if (state === undefined || mode === 'rebuild') {
    mode = 'rebuild';
    state = await rebuildState(dataDir);
  } else {
    if (mode === 'replace') rewindDay(state);
    const day = observeSnapshot(snapshot);
    applyDay(state, date, day.models, day.gateway);
  }
  return summarise(state, date, mode, await writeState(dataDir, state));
}
