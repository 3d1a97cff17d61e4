import { afterEach, describe, expect, it } from 'vitest';
import { HttpStatusError } from '../crawler/errors.ts';
import { parseRetryAfter } from '../crawler/http/retry.ts';
import type { HttpClientOptions } from '../crawler/http/client.ts';
import { anyJson, cleanupList, json, serve, status, testClient } from './http-helpers.ts';
import type { Handler } from './http-helpers.ts';

const cleanup = cleanupList();
afterEach(() => cleanup.run());

/** A clock on a whole second, so HTTP-dates (second resolution) convert exactly. */
const NOW = Date.UTC(2026, 0, 15, 3, 0, 0);

async function setup(handlers: Handler[], options: Partial<HttpClientOptions> = {}) {
  const server = await serve(handlers);
  cleanup.add(() => server.close());
  const test = testClient({ baseDelayMs: 100, now: () => NOW, ...options });
  cleanup.add(() => test.agent.destroy());
  return { server, ...test, url: `${server.origin}/api/v1/dolphin/models` };
}

describe('http/retry-after', () => {
  it('waits the delta-seconds a 429 asks for', async () => {
    const { client, delays, server, url } = await setup([status(429, '', { 'retry-after': '3' }), json({ ok: 1 })]);
    await expect(client.requestJson({ method: 'PUT', url, parse: anyJson })).resolves.toEqual({ ok: 1 });
    expect(delays).toEqual([3_000]);
    expect(server.hits).toHaveLength(2);
  });

  it('waits until the HTTP-date a 503 names', async () => {
    const until = new Date(NOW + 7_000).toUTCString();
    const { client, delays, url } = await setup([status(503, '', { 'retry-after': until }), json({ ok: 1 })]);
    await client.requestJson({ method: 'GET', url, parse: anyJson });
    expect(delays).toEqual([7_000]);
  });

  it('falls back to the back-off when the HTTP-date has passed', async () => {
    const past = new Date(NOW - 60_000).toUTCString();
    const { client, delays, url } = await setup([status(429, '', { 'retry-after': past }), json({ ok: 1 })]);
    await client.requestJson({ method: 'GET', url, parse: anyJson });
    expect(delays).toEqual([50]);
  });

  it('keeps the back-off when it is longer than Retry-After', async () => {
    const { client, delays, url } = await setup([status(429, '', { 'retry-after': '1' }), json({ ok: 1 })], { baseDelayMs: 10_000 });
    await client.requestJson({ method: 'GET', url, parse: anyJson });
    expect(delays).toEqual([5_000]);
  });

  it('fails clearly instead of waiting when Retry-After is beyond maxRetryAfterMs', async () => {
    const { client, delays, server, url } = await setup([status(429, '', { 'retry-after': '600' }), json({ ok: 1 })]);
    const error = await client.requestJson({ method: 'PUT', url, page: 2, parse: anyJson }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).retryAfterMs).toBe(600_000);
    expect((error as Error).message).toBe(`PUT ${url} (page 2): HTTP 429: Retry-After asks for 600 s, more than the 120 s limit after 1 attempt`);
    expect(delays).toEqual([]);
    expect(server.hits).toHaveLength(1);
  });

  it('reads delta-seconds, HTTP-dates, and nothing else', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(['5', '9'], NOW)).toBe(5_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 03:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});
