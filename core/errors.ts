// The one error base of the project. Every failure we report says what happened, where (a file, a
// request, an option, a date) and why (`cause`), in a message of one line. Three kinds are told apart
// by class, because each ends a command differently: a usage error (exit 2), a refusal (exit 3:
// the run worked but its result looked wrong) and everything else (exit 1).

/** Base class: `where: what`, or just `what` when there is no particular place. */
export class CatalogError extends Error {
  /** What happened, one line, without where. */
  what: string;
  /** Where: a file, `METHOD url (page N)`, an option, a date; undefined when nowhere in particular. */
  where: string | undefined;

  constructor(what: string, where?: string, options?: { cause?: unknown }) {
    super(what, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.what = what;
    this.where = where;
    this.message = this.describe();
  }

  /** The message: `where: what`. Subclasses that know more (attempts, say) override it. */
  protected describe(): string {
    return this.where ? `${this.where}: ${this.what}` : this.what;
  }
}

/** A bad command-line argument, option value or setting: the command did nothing (exit 2). */
export class UsageError extends CatalogError {}

/** Why a run was refused; free-form codes are allowed so each guard can name its own. */
export type RefusalReason = 'filter-ignored' | 'shrink' | 'inconsistent' | 'unreadable' | (string & {});

/** The run worked but its result looked wrong, so nothing was written (exit 3). Not a transport error. */
export class RefusalError extends CatalogError {
  /** Short reason code, e.g. `filter-ignored`. */
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason, what: string, options?: { cause?: unknown }) {
    super(what, undefined, options);
    this.reason = reason;
  }
}

/** The first line of an error's message: what a command prints. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
