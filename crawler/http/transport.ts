// Transport failures: what undici and the socket layer throw, as one-line NetworkErrors (or a truncated
// body when the failure struck while the body was arriving), with whether a retry could help.
import { oneLine } from '../../core/text.ts';
import { NetworkError, ResponseFormatError, type CrawlError, type NetworkFailure } from '../errors.ts';

/** Thrown into the request when an attempt's deadline passes. */
export class AttemptDeadline extends Error {
  constructor(ms: number) {
    super(`no complete response within ${ms} ms`);
    this.name = 'AttemptDeadline';
  }
}

/** The first error code found on an error, its cause, or the first of an AggregateError's errors. */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = error instanceof AggregateError ? error.errors[0] : (error as { cause?: unknown }).cause;
  return errorCode(inner, depth + 1);
}

const NETWORK_CODES: Record<string, [NetworkFailure, string, boolean]> = {
  UND_ERR_HEADERS_TIMEOUT: ['timeout', 'no response headers within {t} ms', true],
  UND_ERR_BODY_TIMEOUT: ['timeout', 'response body stalled for {t} ms', true],
  UND_ERR_CONNECT_TIMEOUT: ['timeout', 'connect timed out', true],
  ETIMEDOUT: ['timeout', 'connection timed out (ETIMEDOUT)', true],
  ECONNRESET: ['reset', 'connection reset (ECONNRESET)', true],
  ECONNREFUSED: ['refused', 'connection refused (ECONNREFUSED)', true],
  UND_ERR_SOCKET: ['closed', 'socket closed by the other side', true],
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: ['closed', 'body shorter than its Content-Length', true],
  EPIPE: ['closed', 'socket closed while sending (EPIPE)', true],
  ENOTFOUND: ['dns', 'host not found (ENOTFOUND)', true],
  EAI_AGAIN: ['dns', 'DNS lookup failed (EAI_AGAIN)', true],
  UND_ERR_INVALID_ARG: ['other', 'invalid request', false],
  ERR_INVALID_URL: ['other', 'invalid URL', false],
  UND_ERR_DESTROYED: ['other', 'HTTP dispatcher already destroyed', false],
  UND_ERR_CLOSED: ['other', 'HTTP dispatcher already closed', false],
  UND_ERR_NOT_SUPPORTED: ['other', 'not supported by the HTTP dispatcher', false],
};

/** A transport failure as a NetworkError, or as a truncated body when it struck while the body was arriving. */
export function transportError(error: unknown, inBody: boolean, bytesRead: number, timeoutMs: number): CrawlError {
  if (error instanceof AttemptDeadline) return new NetworkError({ kind: 'timeout', description: error.message, cause: error });
  const code = errorCode(error);
  const known = code === undefined ? undefined : NETWORK_CODES[code];
  const [kind, text, transient] = known ?? ['other', oneLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error), 160), true];
  const description = text.replace('{t}', String(timeoutMs));
  if (inBody && (kind === 'reset' || kind === 'closed')) {
    return new ResponseFormatError({ kind: 'truncated', description: `body cut short after ${bytesRead} bytes: ${description}`, cause: error });
  }
  return new NetworkError({ kind, description, transient, cause: error });
}
