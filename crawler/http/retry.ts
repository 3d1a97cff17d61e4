// The retry policy: which failures are worth another attempt, how long to back off, and what a
// Retry-After header asks for. Pure functions; the client applies them.
import { EnvelopeError, HttpStatusError, NetworkError, ResponseFormatError, SchemaError, type CrawlError } from '../errors.ts';

/** Full-jitter exponential back-off before retry number `retryIndex` (0 for the first retry). */
export function backoffDelayMs(retryIndex: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  return random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retryIndex);
}

/** Retry-After as ms from `nowMs`: delta-seconds or an HTTP-date (past dates give 0); undefined if absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form names a month; this keeps Date.parse from reading `-5` as a year.
  const date = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Whether trying the same request again could give a different answer. */
export function isRetryable(error: CrawlError, maxRetryAfterMs: number): boolean {
  if (error instanceof HttpStatusError) {
    if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) return false;
    return error.status === 429 || error.status === 408 || error.status >= 500;
  }
  if (error instanceof NetworkError) return error.transient;
  if (error instanceof ResponseFormatError) return error.kind !== 'too-large';
  return error instanceof SchemaError || error instanceof EnvelopeError;
}
