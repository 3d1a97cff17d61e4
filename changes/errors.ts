// Error classes for change tracking: each says what went wrong, where (a file, a date, an argument) and why.

/** Base class: `where: what`, with the underlying error as `cause` when there is one. */
export class ChangesError extends Error {
  /** What went wrong, one line. */
  readonly what: string;
  /** File, date or argument concerned. */
  readonly where: string;

  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(`${where}: ${what}`, options);
    this.name = new.target.name;
    this.what = what;
    this.where = where;
  }
}

/** A date was asked for that has no snapshot; carries the nearest dates that do. */
export class SnapshotNotFoundError extends ChangesError {
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

/** One of our own files (events.json, a history shard) or a snapshot's content is unusable. */
export class DataFileError extends ChangesError {}

/** A bad command-line argument or option value. */
export class UsageError extends ChangesError {}
