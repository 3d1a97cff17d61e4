// Every failure the crawler meets talking to ModelScope is one of these classes, so a run summary can say what went
// wrong and where in one line (`PUT http://…/api/v1/dolphin/models (page 7): HTTP 503 after 6 attempts`) and a report
// can group by `code`. "The request failed" (HttpStatusError, NetworkError, ResponseFormatError, RetryBudgetError)
// and "the response did not match our schema" (SchemaError, EnvelopeError) are told apart here; "we refused" is
// core/errors.ts's RefusalError, since nothing failed to arrive.
import { CatalogError } from '../core/errors.ts';
import { oneLine } from '../core/text.ts';

/** Where a failure happened: the request, and how many attempts it had taken when it failed. */
export interface RequestPlace {
  /** HTTP method, e.g. `PUT`. */
  method: string;
  /** The URL requested (user info stripped before it gets here). */
  url: string;
  /** Catalog page number, when the request was for one. */
  page?: number | undefined;
  /** Attempts made, the first one included. */
  attempts: number;
}

/** Options every crawl error accepts. */
export interface CrawlErrorOptions {
  /** What was being read, for errors raised before the HTTP client knows the request (e.g. `catalog page`). */
  context?: string | undefined;
  /** The underlying error (an undici error, the last failure before a budget ran out, …). */
  cause?: unknown;
}

/** Replace every secret (header value) in `text`; secrets shorter than 4 characters are too common to scrub. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.replaceAll(secret, '[redacted]');
  }
  return out;
}

function attemptsText(attempts: number): string {
  return `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

/**
 * Base class of everything that goes wrong while talking to ModelScope: a short `code` for reports, a
 * one-line `detail` (what) and the request it happened to (where: method, URL, page, attempts).
 */
export class CrawlError extends CatalogError {
  /** Short machine-readable kind, e.g. `http-status`, `network`, `schema`. */
  readonly code: string;
  /** Free-form where, set by whoever raised the error before the HTTP client located it. */
  readonly context: string | undefined;
  /** HTTP method of the failed request (set by the HTTP client). */
  method: string | undefined;
  /** URL of the failed request (set by the HTTP client). */
  url: string | undefined;
  /** Catalog page of the failed request, if any. */
  page: number | undefined;
  /** Attempts made before giving up (set by the HTTP client). */
  attempts: number | undefined;

  constructor(code: string, detail: string, options: CrawlErrorOptions = {}) {
    super(oneLine(detail, 1_000), options.context, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context;
    this.method = undefined;
    this.url = undefined;
    this.page = undefined;
    this.attempts = undefined;
  }

  /** What happened, without where; one line (the base class's `what`). */
  get detail(): string {
    return this.what;
  }

  /** Attach the request this failure belongs to; scrubs `secrets` from every text this error carries. */
  locate(place: RequestPlace, secrets: readonly string[] = []): this {
    this.method = place.method;
    this.url = place.url;
    this.page = place.page;
    this.attempts = place.attempts;
    this.where = `${place.method} ${place.url}${place.page === undefined ? '' : ` (page ${place.page})`}`;
    this.scrub(secrets);
    this.what = redact(this.what, secrets);
    this.message = redact(this.describe(), secrets);
    // The stack's first line was rendered with the old message, which may have held upstream text.
    const frames = (this.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    this.stack = [`${this.name}: ${this.message}`, ...frames].join('\n');
    return this;
  }

  /** Subclasses holding more upstream text override this to scrub it too. */
  protected scrub(_secrets: readonly string[]): void {}

  protected override describe(): string {
    const after = this.attempts === undefined ? '' : ` ${attemptsText(this.attempts)}`;
    return `${super.describe()}${after}`;
  }
}

/** A non-2xx HTTP status. */
export class HttpStatusError extends CrawlError {
  /** The HTTP status code. */
  readonly status: number;
  /** Wait the server asked for (Retry-After on 429/503), in ms, if it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(options: { status: number; description?: string | undefined; retryAfterMs?: number | undefined } & CrawlErrorOptions) {
    super('http-status', `HTTP ${options.status}${options.description ? `: ${options.description}` : ''}`, options);
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** How a connection failed. */
export type NetworkFailure = 'timeout' | 'reset' | 'refused' | 'closed' | 'dns' | 'other';

/** The request got no complete response: reset, refused, socket closed, timed out. */
export class NetworkError extends CrawlError {
  /** Which kind of failure. */
  readonly kind: NetworkFailure;
  /** Whether trying again could help (false for e.g. a closed dispatcher or an invalid request). */
  readonly transient: boolean;

  constructor(options: { kind: NetworkFailure; description: string; transient?: boolean | undefined } & CrawlErrorOptions) {
    super('network', options.description, options);
    this.kind = options.kind;
    this.transient = options.transient ?? true;
  }
}

/** What was wrong with a response body. */
export type FormatProblem = 'html' | 'not-json' | 'truncated' | 'empty' | 'too-large';

/** A 2xx response whose body is not the JSON we asked for: HTML, cut short, empty, not JSON, or too large. */
export class ResponseFormatError extends CrawlError {
  /** Which problem. */
  readonly kind: FormatProblem;

  constructor(options: { kind: FormatProblem; description: string } & CrawlErrorOptions) {
    super('response-format', options.description, options);
    this.kind = options.kind;
  }
}

/** One schema mismatch: a dotted path into the response and the validator's message. */
export interface SchemaIssue {
  /** e.g. `Data.Model.Models[3].Stars`; empty for the root. */
  path: string;
  /** The validator's message, e.g. `Invalid input: expected number, received string`. */
  message: string;
}

/** The decoded JSON did not match our schema (the upstream format changed, or the page is not what we think). */
export class SchemaError extends CrawlError {
  /** All issues found; the message names the first. */
  readonly issues: readonly SchemaIssue[];

  constructor(options: { issues: readonly SchemaIssue[] } & CrawlErrorOptions) {
    const [first] = options.issues;
    const more = options.issues.length > 1 ? ` (+${options.issues.length - 1} more)` : '';
    const at = first === undefined ? '' : ` at ${first.path || '(root)'}: ${first.message}`;
    super('schema', `response does not match the expected schema${at}${more}`, options);
    this.issues = options.issues;
  }
}

/** The shape of a zod error that `schemaErrorFrom` needs (ZodError in zod 4 fits). */
export interface ZodLikeError {
  readonly issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>;
}

/** `['Data', 'Models', 3, 'Stars']` → `Data.Models[3].Stars`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = typeof key === 'symbol' ? key.toString() : key;
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? `${out ? '.' : ''}${name}` : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

/** Turn a zod error into a SchemaError; `context` says what was being parsed (e.g. `PUT …/models (page 3)`). */
export function schemaErrorFrom(error: ZodLikeError, context: string): SchemaError {
  const issues = error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: oneLine(issue.message, 200) }));
  return new SchemaError({ issues, context, cause: error });
}

/** The legacy envelope ModelScope wraps responses in. */
export interface Envelope {
  /** `Code` as sent (200 means success; other numbers, strings, anything upstream chose). */
  code: unknown;
  /** `Success` as sent. */
  success: unknown;
  /** `Message`, often Chinese (e.g. "模型不存在"). */
  message: string;
  /** `RequestId`, for a bug report upstream. */
  requestId: string;
}

function brief(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(oneLine(value, 40));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return value === undefined ? 'missing' : typeof value;
}

/** A 200 response whose envelope says it failed (`Code` ≠ 200 or `Success: false`). */
export class EnvelopeError extends CrawlError {
  /** `Code` from the envelope. */
  readonly upstreamCode: unknown;
  /** `Success` from the envelope. */
  readonly success: unknown;
  /** `Message` from the envelope (scrubbed of secrets once located). */
  upstreamMessage: string;
  /** `RequestId` from the envelope. */
  readonly requestId: string;

  constructor(options: Envelope & CrawlErrorOptions) {
    const said = options.message ? ` "${oneLine(options.message)}"` : '';
    const id = options.requestId ? ` (RequestId ${oneLine(options.requestId, 80)})` : '';
    super('envelope', `upstream error Code ${brief(options.code)}, Success ${brief(options.success)}${said}${id}`, options);
    this.upstreamCode = options.code;
    this.success = options.success;
    this.upstreamMessage = options.message;
    this.requestId = options.requestId;
  }

  protected override scrub(secrets: readonly string[]): void {
    this.upstreamMessage = redact(this.upstreamMessage, secrets);
  }
}

/** The client's retry budget (all requests together) is spent; `cause` is the failure that needed one more. */
export class RetryBudgetError extends CrawlError {
  /** The budget that ran out. */
  readonly budget: number;

  constructor(options: { budget: number; last: CrawlError }) {
    super('retry-budget', `retry budget of ${options.budget} spent (last failure: ${options.last.detail})`, { cause: options.last });
    this.budget = options.budget;
  }
}
