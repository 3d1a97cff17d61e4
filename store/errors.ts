// Errors about the data directory: a file we cannot use, or something a command needs that is not there.
import { CatalogError } from '../core/errors.ts';

/** One of our data files (a snapshot, an event log file, a history shard) is unusable or disagrees with another. */
export class DataFileError extends CatalogError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
  }
}

/**
 * One of our derived files (the event log, a history shard) was written by an older version of this code in
 * a format it no longer reads. Not damage: `changes:update` rebuilds such files from the snapshots by itself.
 */
export class OutdatedFileError extends DataFileError {
  constructor(what: string, where: string) {
    super(`${what}; it was written by an older version: recreate it from the snapshots with: npm run rebuild`, where);
  }
}

/** What a command needs is not in the data directory (yet): no snapshots, no history. `where` names the directory. */
export class MissingDataError extends CatalogError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
  }
}

/** A date was asked for that has no snapshot; carries the nearest dates that do. */
export class SnapshotNotFoundError extends MissingDataError {
  /** The requested date. */
  readonly date: string;
  /** Up to two available dates closest to it (before, after), ascending. */
  readonly nearest: string[];

  constructor(date: string, nearest: string[], dataDir: string) {
    const hint = nearest.length === 0 ? 'there are no snapshots at all' : `nearest: ${nearest.join(', ')}`;
    super(`no snapshot for ${date} (${hint})`, dataDir);
    this.date = date;
    this.nearest = nearest;
  }
}
