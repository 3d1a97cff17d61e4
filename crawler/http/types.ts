// The HTTP client's contract: its options, one request, its counters and retry events.
import type { Dispatcher } from 'undici';

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
