import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvelopeError, HttpStatusError, NetworkError, ResponseFormatError, RetryBudgetError, SchemaError, schemaErrorFrom } from '../crawler/errors.ts';
import { Agent } from 'undici';
import { createHttpClient } from '../crawler/http/client.ts';
import { backoffDelayMs } from '../crawler/http/retry.ts';
import type { HttpClientOptions } from '../crawler/http/client.ts';
import { anyJson, cleanupList, json, serve, serverAndClient, status } from './http-helpers.ts';
import type { Handler } from './http-helpers.ts';

const cleanup = cleanupList();
afterEach(() => cleanup.run());

const setup = (handlers: Handler | Handler[], options: Partial<HttpClientOptions> = {}) => serverAndClient(cleanup, handlers, options, '/api/v1/dolphin/models');

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

const Page = z.object({ Data: z.object({ Models: z.array(z.object({ Name: z.string(), Stars: z.number() })) }) });
const parsePage = (body: unknown) => {
  const parsed = Page.safeParse(body);
  if (!parsed.success) throw schemaErrorFrom(parsed.error, 'catalog page');
  return parsed.data.Data.Models;
};
const goodPage = { Data: { Models: [{ Name: 'qwen', Stars: 3 }] } };

describe('http/retry', () => {
  it.each([429, 500, 502, 503, 408])('retries HTTP %i and returns the next good answer', async (code) => {
    const { client, server, url, delays } = await setup([status(code, 'busy'), json(goodPage)]);
    const models = await client.requestJson({ method: 'PUT', url, body: { PageNumber: 1 }, parse: parsePage });
    expect(models).toEqual([{ Name: 'qwen', Stars: 3 }]);
    expect(server.hits).toHaveLength(2);
    expect(delays).toEqual([50]);
    expect(client.stats).toMatchObject({ requests: 2, retries: 1 });
  });

  it('retries after the server resets the connection', async () => {
    const reset: Handler = (res) => res.socket?.destroy();
    const { client, server, url } = await setup([reset, json(goodPage)]);
    await expect(client.requestJson({ method: 'GET', url, parse: parsePage })).resolves.toHaveLength(1);
    expect(server.hits).toHaveLength(2);
  });

  it('retries a body cut short below its Content-Length', async () => {
    const cut: Handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"Data":{"Models":[');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const { client, server, url, events } = await setup([cut, json(goodPage)]);
    await expect(client.requestJson({ method: 'GET', url, parse: parsePage })).resolves.toHaveLength(1);
    expect(server.hits).toHaveLength(2);
    expect(events[0]?.reason).toMatch(/^body cut short after 19 bytes/);
  });

  it('reports a complete response holding cut-off JSON as truncated', async () => {
    const { client, url } = await setup(status(200, '{"Data":{"Models":[{"Na', { 'content-type': 'application/json' }), { retries: 0 });
    const error = await failure(client.requestJson({ method: 'GET', url, parse: parsePage }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).kind).toBe('truncated');
  });

  it('retries an HTML page served with status 200 and names its title when it persists', async () => {
    const html = status(200, '<!doctype html><html><head><title>ModelScope 魔搭社区</title></head><body>Please enable JS</body></html>', {
      'content-type': 'text/html; charset=utf-8',
    });
    const { client, server, url } = await setup(html, { retries: 2 });
    const error = await failure(client.requestJson({ method: 'PUT', url, page: 4, parse: parsePage }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as Error).message).toBe(`PUT ${url} (page 4): expected JSON, got HTML page "ModelScope 魔搭社区" with HTTP 200 after 3 attempts`);
    expect(server.hits).toHaveLength(3);
  });

  it('fails a 404 at once without retrying', async () => {
    const { client, server, url, delays } = await setup(status(404, 'Not Found'));
    const error = await failure(client.requestJson({ method: 'GET', url, parse: anyJson }));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(404);
    expect((error as Error).message).toBe(`GET ${url}: HTTP 404: Not Found after 1 attempt`);
    expect(server.hits).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('grows the back-off exponentially with full jitter, capped at maxDelayMs', async () => {
    const { client, url, delays } = await setup(status(500), { retries: 6, baseDelayMs: 100, maxDelayMs: 1_000 });
    await failure(client.requestJson({ method: 'GET', url, parse: anyJson }));
    expect(delays).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('draws the jitter from random(), anywhere between zero and the step', () => {
    expect(backoffDelayMs(3, 1_000, 30_000, () => 0)).toBe(0);
    expect(backoffDelayMs(3, 1_000, 30_000, () => 0.25)).toBe(2_000);
    expect(backoffDelayMs(10, 1_000, 30_000, () => 0.999)).toBeCloseTo(29_970);
  });

  it('names method, URL, page and attempts when the retries run out', async () => {
    const { client, server, url, events } = await setup(status(503), { retries: 3 });
    const error = await failure(client.requestJson({ method: 'PUT', url, page: 7, body: {}, parse: anyJson }));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as Error).message).toBe(`PUT ${url} (page 7): HTTP 503 after 4 attempts`);
    expect(error).toMatchObject({ method: 'PUT', url, page: 7, attempts: 4, status: 503, code: 'http-status' });
    expect(server.hits).toHaveLength(4);
    expect(events.map((event) => [event.attempt, event.page, event.reason])).toEqual([
      [1, 7, 'HTTP 503'],
      [2, 7, 'HTTP 503'],
      [3, 7, 'HTTP 503'],
    ]);
  });

  it('shares one retry budget across all requests', async () => {
    const { client, server, url } = await setup(status(500), { retries: 5, retryBudget: 3 });
    const first = await failure(client.requestJson({ method: 'GET', url, page: 1, parse: anyJson }));
    expect(first).toBeInstanceOf(RetryBudgetError);
    expect((first as Error).message).toBe(`GET ${url} (page 1): retry budget of 3 spent (last failure: HTTP 500) after 4 attempts`);
    expect((first as Error).cause).toBeInstanceOf(HttpStatusError);
    const second = await failure(client.requestJson({ method: 'GET', url, page: 2, parse: anyJson }));
    expect(second).toBeInstanceOf(RetryBudgetError);
    expect((second as RetryBudgetError).attempts).toBe(1);
    expect(server.hits).toHaveLength(5);
    expect(client.stats).toMatchObject({ requests: 5, retries: 3 });
  });

  it('retries when the connection is refused, then reports a NetworkError', async () => {
    const gone = await serve(json({}));
    await gone.close();
    const { client } = await setup(json({}), { retries: 2 });
    const url = `${gone.origin}/v1/models`;
    const error = await failure(client.requestJson({ method: 'GET', url, parse: anyJson }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('refused');
    expect((error as Error).message).toBe(`GET ${url}: connection refused (ECONNREFUSED) after 3 attempts`);
    expect(client.stats).toMatchObject({ requests: 3, retries: 2, bytes: 0 });
  });

  it('retries a page whose parse rejects it, then surfaces the SchemaError', async () => {
    const { client, server, url } = await setup(json({ Data: { Models: [{ Name: 'a', Stars: '12' }] } }), { retries: 2 });
    const error = await failure(client.requestJson({ method: 'PUT', url, page: 3, parse: parsePage }));
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).issues).toEqual([{ path: 'Data.Models[0].Stars', message: 'Invalid input: expected number, received string' }]);
    expect((error as Error).message).toBe(
      `PUT ${url} (page 3): response does not match the expected schema at Data.Models[0].Stars: Invalid input: expected number, received string after 3 attempts`,
    );
    expect(server.hits).toHaveLength(3);
  });

  it('retries an envelope error and takes the good answer that follows', async () => {
    const parse = (body: unknown) => {
      const envelope = body as { Code: number; Success: boolean; Message: string; RequestId: string };
      if (envelope.Code !== 200) throw new EnvelopeError({ code: envelope.Code, success: envelope.Success, message: envelope.Message, requestId: envelope.RequestId });
      return envelope.Message;
    };
    const { client, events, url } = await setup([
      json({ Code: 10010205001, Success: false, Message: '系统繁忙', RequestId: 'r-1' }),
      json({ Code: 200, Success: true, Message: 'ok', RequestId: 'r-2' }),
    ]);
    await expect(client.requestJson({ method: 'PUT', url, parse })).resolves.toBe('ok');
    expect(events.map((event) => event.reason)).toEqual(['upstream error Code 10010205001, Success false "系统繁忙" (RequestId r-1)']);
  });

  it('lets an error that is not a crawl error (a parser bug) through at once', async () => {
    const { client, server, url } = await setup(json(goodPage));
    const bug = new TypeError('cannot read properties of undefined');
    await expect(client.requestJson({ method: 'GET', url, parse: () => { throw bug; } })).rejects.toBe(bug);
    expect(server.hits).toHaveLength(1);
  });

  it('counts attempts, retries and body bytes in stats', async () => {
    const bodies = ['{"Code":500}', JSON.stringify(goodPage)];
    const { client, url } = await setup([status(500, bodies[0]), status(200, bodies[1])]);
    await client.requestJson({ method: 'GET', url, parse: parsePage });
    await client.requestJson({ method: 'GET', url, parse: parsePage });
    const bytes = Buffer.byteLength(bodies[0] ?? '') + 2 * Buffer.byteLength(bodies[1] ?? '');
    expect(client.stats).toEqual({ requests: 3, retries: 1, bytes });
  });
});

describe('http/close', () => {
  it('makes requests waiting out a back-off fail at once instead of retrying', async () => {
    const server = await serve(status(503, 'busy', { 'retry-after': '60' }));
    cleanup.add(() => server.close());
    const agent = new Agent();
    cleanup.add(() => agent.destroy());
    // The real sleep, not a recording one: close() must cut a 60 s Retry-After short.
    const client = createHttpClient({ dispatcher: agent, rps: Infinity });
    const started = performance.now();
    const pending = client.requestJson({ method: 'GET', url: `${server.origin}/x`, page: 3, parse: anyJson });
    await new Promise((resolve) => setTimeout(resolve, 200));
    client.close();
    await expect(pending).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/x \(page 3\): stopped: the crawl had already failed/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(client.stats.requests).toBe(1);
  });
});
