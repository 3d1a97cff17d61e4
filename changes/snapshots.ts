// Reading the crawler's snapshots for change tracking, with errors that point at the fix.
import { listSnapshotDates, readSnapshot, snapshotPath } from '../crawler/snapshot.ts';
import type { Snapshot } from '../crawler/record.ts';
import { nearestDates } from './dates.ts';
import { DataFileError, SnapshotNotFoundError } from './errors.ts';

/** Read the snapshot of `date`; throws SnapshotNotFoundError (with the nearest dates) if there is none. */
export async function loadSnapshot(dataDir: string, date: string, available?: readonly string[]): Promise<Snapshot> {
  const path = snapshotPath(dataDir, date);
  const snapshot = await readSnapshot(dataDir, date).catch((error: unknown) => {
    const message = (error as Error).message;
    throw new DataFileError(message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message, path, { cause: error });
  });
  if (snapshot === undefined) {
    throw new SnapshotNotFoundError(date, nearestDates(available ?? (await listSnapshotDates(dataDir)), date), dataDir);
  }
  if (snapshot.date !== date) throw new DataFileError(`file is named ${date} but says "date": "${snapshot.date}"`, path);
  return snapshot;
}
