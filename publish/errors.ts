// Error classes for the site build. Each carries what went wrong, where, and the underlying cause,
// and its message is one line, so the CLI can print it as it is.

/** A publish failure: `what` went wrong at `where` (a file, a URL, a model id, an option). */
export class PublishError extends Error {
  /** What went wrong, e.g. "a path segment may not be '..'". */
  readonly what: string;
  /** Where: the file, option, URL or model id concerned. */
  readonly where: string;

  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(`${where}: ${what}`, options);
    this.name = 'PublishError';
    this.what = what;
    this.where = where;
  }
}

/** Upstream text would make an unsafe or ambiguous file path (empty, `.`, `..`, too long, lone surrogate). */
export class UnsafePathError extends PublishError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
    this.name = 'UnsafePathError';
  }
}

/** A flag or environment variable has a value we cannot use. */
export class ConfigError extends PublishError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
    this.name = 'ConfigError';
  }
}

/** The data directory's contents disagree with each other (e.g. the event log lags the snapshots). */
export class DataError extends PublishError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
    this.name = 'DataError';
  }
}
