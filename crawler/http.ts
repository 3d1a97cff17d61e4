// The one place that talks HTTP, so politeness (User-Agent, rate cap, concurrency, timeouts, back-off, Retry-After and
// a bounded total of retries) holds for every request the crawler makes, whoever asks.
import { setTimeout as delay } from 'node:timers/promises';
import { load } from 'cheerio';
import PQueue from 'p-queue';
import { request as undiciRequest } from 'undici';
import type { Dispatcher } from 'undici';
import packageJson from '../package.json' with { type: 'json' };
import {
  CrawlError,
  EnvelopeError,
  HttpStatusError,
  NetworkError,
  ResponseFormatError,
  RetryBudgetError,
  SchemaError,
  oneLine,
  redact,
} from './errors.ts';
import type { NetworkFailure, RequestPlace } from './errors.ts';

/** Where ModelScope can find who is crawling: the running fork on GitHub Actions, else the project's repository. */
export function projectUrl(env: NodeJS.ProcessEnv = process.env): string {
  const repository = env['GITHUB_REPOSITORY'];
  if (repository && /^[\w.-]+\/[\w.-]+$/.test(repository)) return `https://github.com/${repository}`;
  return packageJson.repository.url;
}

export const DEFAULT_USER_AGENT = `modelscope-inference-catalog/${packageJson.version} (+${projectUrl()})`;

/** How the client behaves; every field but `dispatcher` has a default. */
export interface HttpClientOptions {
  /** undici dispatcher (Agent etc.) every request goes through; required, never the global one. */
  dispatcher: Dispatcher;
  /** User-Agent header (default DEFAULT_USER_AGENT). */
  userAgent?: string;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Requests started per second across the client, retries included (default 2; Infinity = no cap). */
  rps?: number;
  /** Per attempt, from sending to the last body byte (default 30_000). */
  timeoutMs?: number;
  /** Retries per request after the first attempt (default 5). */
  retries?: number;
  /** First back-off step in ms (default 1_000); doubles each retry, with full jitter. */
  baseDelayMs?: number;
  /** Cap on one back-off wait in ms (default 30_000). */
  maxDelayMs?: number;
  /** A Retry-After longer than this fails the request instead of waiting (default 120_000). */
  maxRetryAfterMs?: number;
  /** Retries allowed across the client's whole life, all requests together (default 100). */
  retryBudget?: number;
  /** Largest 2xx body accepted, in bytes (default 32 MiB); larger fails without retry. */
  maxBodyBytes?: number;
  /** Waits out a back-off (default timers/promises setTimeout); tests inject one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  /** Clock for Retry-After HTTP-dates, ms since the epoch (default Date.now). */
  now?: () => number;
  /** Called before each back-off wait, for progress and logs. */
  onRetry?: (event: RetryEvent) => void;
}

/** One retry about to happen. */
export interface RetryEvent {
  /** HTTP method. */
  method: string;
  /** URL requested. */
  url: string;
  /** Catalog page, when the request named one. */
  page?: number;
  /** The attempt that just failed, 1-based. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** What went wrong, one line, secrets scrubbed. */
  reason: string;
}

/** One JSON request. */
export interface JsonRequest<T> {
  /** HTTP method. */
  method: 'GET' | 'PUT' | 'POST';
  /** Absolute URL. */
  url: string;
  /** JSON-encoded and sent with Content-Type: application/json. */
  body?: unknown;
  /** Extra headers (e.g. Authorization); their values never appear in errors, events or logs. */
  headers?: Record<string, string>;
  /** Catalog page number, named in errors and retry events. */
  page?: number;
  /** Validates the decoded JSON; throwing SchemaError or EnvelopeError makes the client retry. */
  parse: (json: unknown) => T;
}

/** Counters over the client's life. */
export interface HttpStats {
  /** Attempts made (first tries and retries). */
  requests: number;
  /** Retries made. */
  retries: number;
  /** Response body bytes read. */
  bytes: number;
}

export interface HttpClient {
  /** Send `request` (retrying as the rules allow) and return what `parse` made of the JSON body. */
  requestJson<T>(request: JsonRequest<T>): Promise<T>;
  /** Live counters. */
  readonly stats: HttpStats;
  /** Resolves when no request is in flight or waiting out a back-off. */
  onIdle(): Promise<void>;
  /**
   * Stop: requests waiting out a back-off or for a slot fail at once instead of trying again, so a crawl that
   * has already failed does not keep a process alive for minutes of Retry-After. Requests in flight finish.
   */
  close(): void;
}

/** Bytes of an error response kept to describe it (its HTML title or a snippet). */
const ERROR_BODY_LIMIT = 64 * 1024;

/** Hands out start times 1000/rps ms apart; each caller waits for its own. */
export interface Pacer {
  /** Resolves at the caller's start slot (at once when the client has been idle for a gap or more). */
  wait(): Promise<void>;
}

/**
 * Start slots on a fixed grid: slot n+1 = max(now, slot n + 1000/rps). p-queue's interval option measures each gap
 * from the previous actual start, so every late timer (about 1 ms in Node) is added to the run: 10 % at 200 rps.
 * Here a late start does not move the grid, so the average rate is exactly `rps` and no start is ever ahead of its
 * slot; a start can follow a late one by less than a gap, never more often than the grid allows.
 */
export function createPacer(
  rps: number,
  clock: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<unknown> = (ms) => delay(ms),
): Pacer {
  const gap = 1000 / rps;
  let next = Number.NEGATIVE_INFINITY;
  return {
    async wait(): Promise<void> {
      if (rps === Infinity) return;
      const slot = Math.max(clock(), next);
      next = slot + gap;
      // Timers run on a millisecond loop clock and can fire a fraction early; wait again rather than start early.
      for (let left = slot - clock(); left > 0; left = slot - clock()) await sleep(Math.max(1, Math.ceil(left)));
    },
  };
}

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

/** The URL as shown in messages: user info dropped. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return oneLine(url, 300);
  }
}

function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  return /html/i.test(contentType ?? '') || /^\s*</.test(text);
}

/** `HTML page "405 Not Allowed" (Tengine)`: what an HTML body says it is, for a one-line message. */
export function describeHtml(html: string, server?: string): string {
  const $ = load(html.slice(0, ERROR_BODY_LIMIT));
  const title = oneLine($('title').first().text() || $('h1').first().text(), 80);
  // nginx/Tengine error pages name the server in a <center> after the <hr>.
  const by = oneLine(server || $('hr + center').last().text(), 40);
  return `HTML page ${title ? `"${title}"` : 'without a title'}${by ? ` (${by})` : ''}`;
}

/** Response headers as undici gives them. */
type ResponseHeaders = Dispatcher.ResponseData['headers'];

/** A response as read off the wire. */
interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  body: Buffer;
  /** False when reading stopped at the size limit. */
  complete: boolean;
}

/** Status and body → decoded JSON, or the error that describes what came back instead. */
function decodeResponse(raw: RawResponse, maxRetryAfterMs: number, nowMs: number): unknown {
  const text = raw.body.toString('utf8').replace(/^\uFEFF/, '');
  const contentType = header(raw.headers, 'content-type');
  if (raw.status < 200 || raw.status > 299) {
    const retryAfterMs = raw.status === 429 || raw.status === 503 ? parseRetryAfter(raw.headers['retry-after'], nowMs) : undefined;
    let description = !text.trim()
      ? ''
      : looksLikeHtml(text, contentType)
        ? describeHtml(text, header(raw.headers, 'server'))
        : oneLine(text);
    if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
      const asked = `Retry-After asks for ${Math.ceil(retryAfterMs / 1000)} s, more than the ${Math.round(maxRetryAfterMs / 1000)} s limit`;
      description = description ? `${description}; ${asked}` : asked;
    }
    throw new HttpStatusError({ status: raw.status, description, retryAfterMs });
  }
  if (!raw.complete) {
    throw new ResponseFormatError({ kind: 'too-large', description: `response body larger than ${raw.body.length} bytes` });
  }
  if (!text.trim()) throw new ResponseFormatError({ kind: 'empty', description: `HTTP ${raw.status} with an empty body` });
  if (looksLikeHtml(text, contentType)) {
    const page = describeHtml(text, header(raw.headers, 'server'));
    throw new ResponseFormatError({ kind: 'html', description: `expected JSON, got ${page} with HTTP ${raw.status}` });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const cut = /end of JSON input|Unterminated/i.test(why);
    const what = cut ? 'body cut short' : 'body is not JSON';
    throw new ResponseFormatError({
      kind: cut ? 'truncated' : 'not-json',
      description: `${what} (${oneLine(why, 80)}, ${raw.body.length} bytes): ${oneLine(text, 60)}`,
    });
  }
}

/** Thrown into the request when an attempt's deadline passes. */
class AttemptDeadline extends Error {
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
function transportError(error: unknown, inBody: boolean, bytesRead: number, timeoutMs: number): CrawlError {
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

/** Check one numeric option: a whole number when `integer`, at least `min` (more than 0 when `min` is 0 and `above`). */
function checked(name: string, value: number, rule: { integer?: boolean; min: number; above?: boolean; infinite?: boolean }): number {
  const finiteOk = Number.isFinite(value) && (!rule.integer || Number.isInteger(value));
  const ok = (finiteOk || (value === Infinity && rule.infinite === true)) && (rule.above ? value > rule.min : value >= rule.min);
  if (!ok) {
    const kind = rule.integer ? 'an integer' : 'a number';
    throw new RangeError(`createHttpClient: ${name} must be ${kind} ${rule.above ? '>' : '≥'} ${rule.min}, got ${String(value)}`);
  }
  return value;
}

/** Headers whose values are plainly not secret, so they are not scrubbed from upstream text. */
const PUBLIC_HEADERS = new Set(['accept', 'accept-language', 'content-type', 'user-agent']);

/** Texts to scrub from anything upstream sends back: each header value, and its long parts (the token in `Bearer …`). */
export function secretsOf(headers: Record<string, string>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (PUBLIC_HEADERS.has(name.toLowerCase())) continue;
    secrets.add(value);
    for (const part of value.split(/[\s;,=]+/)) if (part.length >= 8) secrets.add(part);
  }
  // Longest first, so a whole value is replaced before a part of it.
  return [...secrets].sort((a, b) => b.length - a.length);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const concurrency = checked('concurrency', options.concurrency ?? 2, { integer: true, min: 1, infinite: true });
  const rps = checked('rps', options.rps ?? 2, { min: 0, above: true, infinite: true });
  const timeoutMs = checked('timeoutMs', options.timeoutMs ?? 30_000, { min: 1 });
  const retries = checked('retries', options.retries ?? 5, { integer: true, min: 0 });
  const baseDelayMs = checked('baseDelayMs', options.baseDelayMs ?? 1_000, { min: 0 });
  const maxDelayMs = checked('maxDelayMs', options.maxDelayMs ?? 30_000, { min: 0 });
  const maxRetryAfterMs = checked('maxRetryAfterMs', options.maxRetryAfterMs ?? 120_000, { min: 0 });
  const retryBudget = checked('retryBudget', options.retryBudget ?? 100, { integer: true, min: 0 });
  const maxBodyBytes = checked('maxBodyBytes', options.maxBodyBytes ?? 32 * 1024 * 1024, { integer: true, min: 1 });
  const closing = new AbortController();
  const sleep = options.sleep ?? ((ms: number) => delay(ms, undefined, { signal: closing.signal }));
  const closedError = (): CrawlError => new CrawlError('closed', 'stopped: the crawl had already failed');
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const { dispatcher, onRetry } = options;

  // The queue bounds requests in flight; the pacer spaces their starts. A queued attempt waits for its slot while
  // holding its place, so at most `concurrency` attempts are ever waiting on the pacer.
  const queue = new PQueue({ concurrency });
  const pacer = createPacer(rps);
  const stats: HttpStats = { requests: 0, retries: 0, bytes: 0 };
  let active = 0;
  let idleWaiters: Array<() => void> = [];
  const wakeIdle = (): void => {
    if (active > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  };

  /** One attempt, holding a queue slot from sending to the last body byte. */
  async function attempt(method: string, url: string, headers: Record<string, string>, body: string | undefined): Promise<RawResponse> {
    if (closing.signal.aborted) throw closedError();
    await pacer.wait();
    if (closing.signal.aborted) throw closedError();
    stats.requests += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptDeadline(timeoutMs)), timeoutMs);
    let inBody = false;
    let bytesRead = 0;
    try {
      const response = await undiciRequest(url, {
        dispatcher,
        method,
        headers,
        body: body ?? null,
        // One deadline for the whole attempt (undici's bodyTimeout only bounds the gap between chunks, so a
        // trickling body would outlive it); the dispatcher's own timeouts stay as they were configured.
        signal: controller.signal,
      });
      inBody = true;
      const ok = response.statusCode >= 200 && response.statusCode <= 299;
      const limit = ok ? maxBodyBytes : ERROR_BODY_LIMIT;
      const chunks: Buffer[] = [];
      let complete = true;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        stats.bytes += chunk.length;
        if (bytesRead > limit) {
          complete = false;
          break; // leaving the loop destroys the body; nothing more is read
        }
        chunks.push(chunk);
      }
      return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks), complete };
    } catch (error) {
      throw transportError(error, inBody, bytesRead, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  async function run<T>(request: JsonRequest<T>): Promise<T> {
    const headers: Record<string, string> = { 'user-agent': userAgent, accept: 'application/json' };
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const secrets = secretsOf(request.headers ?? {});
    const url = displayUrl(request.url);
    const place = (attempts: number): RequestPlace => ({ method: request.method, url, page: request.page, attempts });

    for (let attempts = 1; ; attempts += 1) {
      let failure: CrawlError;
      try {
        // Retries jump the line (priority), so a deep queue does not hold a failed page back for minutes.
        const raw = await queue.add(() => attempt(request.method, request.url, headers, body), { priority: attempts - 1 });
        return request.parse(decodeResponse(raw, maxRetryAfterMs, now()));
      } catch (error) {
        if (!(error instanceof CrawlError)) throw error; // a bug in a parser, not an upstream problem
        failure = error.method === undefined ? error.locate(place(attempts), secrets) : error;
      }
      if (!isRetryable(failure, maxRetryAfterMs) || attempts > retries) throw failure;
      if (stats.retries >= retryBudget) {
        throw new RetryBudgetError({ budget: retryBudget, last: failure }).locate(place(attempts), secrets);
      }
      stats.retries += 1;
      const retryAfterMs = failure instanceof HttpStatusError ? (failure.retryAfterMs ?? 0) : 0;
      const delayMs = Math.max(retryAfterMs, backoffDelayMs(attempts - 1, baseDelayMs, maxDelayMs, random));
      onRetry?.({
        method: request.method,
        url,
        ...(request.page === undefined ? {} : { page: request.page }),
        attempt: attempts,
        delayMs,
        reason: failure.detail,
      });
      await sleep(delayMs).catch((error: unknown) => {
        if (!closing.signal.aborted) throw error;
      });
      if (closing.signal.aborted) throw closedError().locate(place(attempts), secrets);
    }
  }

  return {
    stats,
    async requestJson<T>(request: JsonRequest<T>): Promise<T> {
      active += 1;
      try {
        return await run(request);
      } finally {
        active -= 1;
        // Wake idle waiters a turn later, so whoever awaited this request has seen its result first.
        if (active === 0) setImmediate(wakeIdle);
      }
    },
    onIdle(): Promise<void> {
      if (active === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    close(): void {
      closing.abort();
    },
  };
}
