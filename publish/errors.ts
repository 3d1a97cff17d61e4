// Error classes for the site build, on the project's one error base (core/errors.ts): each carries
// what went wrong, where, and the underlying cause, in a one-line message.
import { CatalogError, UsageError } from '../core/errors.ts';

/** Upstream text would make an unsafe or ambiguous file path (empty, `.`, `..`, too long, lone surrogate). */
export class UnsafePathError extends CatalogError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
  }
}

/** A flag or environment variable has a value we cannot use: a usage error (exit 2). */
export class ConfigError extends UsageError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
  }
}

/** The site generator (Astro) failed; `cause` carries its own error. */
export class BuildError extends CatalogError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
  }
}
