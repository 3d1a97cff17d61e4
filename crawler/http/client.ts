// The one place that talks HTTP, so politeness (User-Agent, rate cap, concurrency, timeouts, back-off, Retry-After and
// a bounded total of retries) holds for every request the crawler makes, whoever asks.
// The pieces: pacing.ts (rate cap), retry.ts (retry policy), decode.ts (bodies), transport.ts (socket errors).
import { setTimeout as delay } from 'node:timers/promises';
import PQueue from 'p-queue';
import { request as undiciRequest } from 'undici';
import packageJson from '../../package.json' with { type: 'json' };
import { oneLine } from '../../core/text.ts';
import { CrawlError, HttpStatusError, RetryBudgetError, type RequestPlace } from '../errors.ts';
import { decodeResponse, ERROR_BODY_LIMIT, type RawResponse } from './decode.ts';
import { createPacer } from './pacing.ts';
import { backoffDelayMs, isRetryable } from './retry.ts';
import { AttemptDeadline, transportError } from './transport.ts';
import type { HttpClient, HttpClientOptions, HttpStats, JsonRequest } from './types.ts';

export type { HttpClient, HttpClientOptions, HttpStats, JsonRequest, RetryEvent } from './types.ts';

/** Where ModelScope can find who is crawling: the running fork on GitHub Actions, else the project's repository. */
export function projectUrl(env: NodeJS.ProcessEnv = process.env): string {
  const repository = env['GITHUB_REPOSITORY'];
  if (repository && /^[\w.-]+\/[\w.-]+$/.test(repository)) return `https://github.com/${repository}`;
  return packageJson.repository.url;
}

export const DEFAULT_USER_AGENT = `modelscope-inference-catalog/${packageJson.version} (+${projectUrl()})`;

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
  // The pacer's waits end when the client closes: a failed run must not sit out a long gap first.
  const pacer = createPacer(rps, undefined, (ms) => delay(ms, undefined, { signal: closing.signal }));
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
    try {
      await pacer.wait();
    } catch (error) {
      if (closing.signal.aborted) throw closedError();
      throw error;
    }
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
