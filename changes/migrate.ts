// Bring a data dir written by an earlier version to today's layout, in one command: the event log as
// one file a year (store/events-years.ts) instead of one events.json, and the snapshot files but the
// newest in git's history (store/snapshot-archive.ts). No event or history value changes: the log and
// tracks are read and written again as they are (or rebuilt from the snapshots, all still files, when
// they are of an older format), and only snapshots git already holds leave the working tree.
import { readEventLog, readTracks, writeState, type WriteResult } from '../store/change-files.ts';
import { OutdatedFileError } from '../store/errors.ts';
import { KEEP_SNAPSHOTS, pruneSnapshots } from '../store/snapshot-archive.ts';
import { listSnapshotDates } from '../store/snapshots.ts';
import { rebuildChanges } from './rebuild.ts';

/** What a migration did. */
export interface MigrationSummary {
  /** Data files written and removed (relative to the data dir), sorted. */
  written: string[];
  removed: string[];
  /** Whether the change files were of an older format and were rebuilt from the snapshots. */
  rebuilt: boolean;
  /** Snapshot dates whose files left the working tree for git's history. */
  pruned: string[];
}

/** Migrate `dataDir` (the caller holds its lock); running it again changes nothing. */
export async function migrateDataDir(dataDir: string, keep = KEEP_SNAPSHOTS): Promise<MigrationSummary> {
  let write: WriteResult;
  let rebuilt = false;
  try {
    const [log, stored] = await Promise.all([readEventLog(dataDir), readTracks(dataDir)]);
    // A data dir no night has reached yet has nothing to move.
    write = log.days.length === 0 ? { written: [], removed: [] } : await writeState(dataDir, { log, tracks: stored.tracks });
  } catch (error) {
    if (!(error instanceof OutdatedFileError)) throw error;
    const summary = await rebuildChanges(dataDir);
    write = { written: summary.filesWritten, removed: summary.filesRemoved };
    rebuilt = true;
  }
  const pruned = await pruneSnapshots(dataDir, await listSnapshotDates(dataDir), keep);
  return { written: write.written, removed: [...write.removed, ...pruned.map((date) => `snapshots/${date}.json`)].sort(), rebuilt, pruned };
}
