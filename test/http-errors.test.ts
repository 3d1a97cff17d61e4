import { afterEach, describe, expect, it } from 'vitest';
import {
  CrawlError,
  EnvelopeError,
  HttpStatusError,
  NetworkError,
  ResponseFormatError,
  RetryBudgetError,
  SchemaError,
  formatIssuePath,
} from '../crawler/errors.ts';
import { CatalogError, RefusalError } from '../core/errors.ts';
import { DEFAULT_USER_AGENT, createHttpClient } from '../crawler/http/client.ts';
import type { HttpClientOptions } from '../crawler/http/client.ts';
import { anyJson, cleanupList, json, serverAndClient, status, tenginePage } from './http-helpers.ts';
import type { Handler } from './http-helpers.ts';
import { Agent } from 'undici';

const cleanup = cleanupList();
afterEach(() => cleanup.run());

const setup = (handlers: Handler | Handler[], options: Partial<HttpClientOptions> = {}) => serverAndClient(cleanup, handlers, options, '/v1/models');

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the request to fail with an Error');
  return outcome;
}

/** Every text an error exposes: message, stack, and the same for its causes. */
function allText(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth += 1) {
    parts.push(current.message, current.stack ?? '', String(current), JSON.stringify(current));
  }
  return parts.join('\n');
}

const TOKEN = 'ms-0123456789abcdef-secret';

describe('http/errors', () => {
  it('sends the default User-Agent naming the project and a URL', async () => {
    const { client, server, url } = await setup(json({ ok: true }));
    await client.requestJson({ method: 'GET', url, parse: anyJson });
    expect(DEFAULT_USER_AGENT).toMatch(/^modelscope-inference-catalog\/0\.1\.0 \(\+https:\/\/\S+\)$/);
    expect(server.hits[0]?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(server.hits[0]?.headers['accept']).toBe('application/json');
  });

  it('sends a configured User-Agent and a JSON body with its Content-Type', async () => {
    const { client, server, url } = await setup(json({ ok: true }), { userAgent: 'tester/1.0' });
    await client.requestJson({ method: 'PUT', url, body: { PageNumber: 2, Name: '' }, parse: anyJson });
    const hit = server.hits[0];
    expect(hit?.headers['user-agent']).toBe('tester/1.0');
    expect(hit?.method).toBe('PUT');
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hit?.body ?? '')).toEqual({ PageNumber: 2, Name: '' });
  });

  it('sends Authorization but keeps the token out of messages, causes, events and stats', async () => {
    // A hostile upstream echoing the token back in every way it can.
    const echo: Handler = (res, hit) => {
      const body = `<html><head><title>Denied ${hit.headers['authorization'] ?? ''}</title></head></html>`;
      res.writeHead(500, { 'content-type': 'text/html', server: `gw ${TOKEN}` });
      res.end(body);
    };
    const envelope = json({ Code: 401, Success: false, Message: `token ${TOKEN} is not valid`, RequestId: 'r' });
    const { client, server, url, events } = await setup([echo, envelope], { retries: 1 });
    const parse = (body: unknown) => {
      const b = body as { Code: unknown; Success: unknown; Message: string; RequestId: string };
      throw new EnvelopeError({ code: b.Code, success: b.Success, message: b.Message, requestId: b.RequestId, context: 'chat list' });
    };
    const error = await failure(client.requestJson({ method: 'GET', url, headers: { Authorization: `Bearer ${TOKEN}` }, parse }));
    expect(server.hits.map((hit) => hit.headers['authorization'])).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(error).toBeInstanceOf(EnvelopeError);
    expect(error.message).toBe(`GET ${url}: upstream error Code 401, Success false "token [redacted] is not valid" (RequestId r) after 2 attempts`);
    expect(allText(error)).not.toContain(TOKEN);
    expect(events[0]?.reason).toBe('HTTP 500: HTML page "Denied [redacted]" (gw [redacted])');
    expect(JSON.stringify(events)).not.toContain(TOKEN);
    expect(JSON.stringify(client.stats)).not.toContain(TOKEN);
  });

  it('names an HTML error page by its title and server', async () => {
    const { client, url } = await setup(status(405, tenginePage('405 Not Allowed'), { 'content-type': 'text/html' }));
    const error = await failure(client.requestJson({ method: 'POST', url, page: 1, parse: anyJson }));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.message).toBe(`POST ${url} (page 1): HTTP 405: HTML page "405 Not Allowed" (Tengine) after 1 attempt`);
  });

  it('flattens hostile upstream text to one short line', async () => {
    const noisy = `{"Message":"line one\nline two\u0007\u2028${'x'.repeat(500)}"}`;
    const { client, url } = await setup(status(400, noisy));
    const error = await failure(client.requestJson({ method: 'GET', url, parse: anyJson }));
    expect(error.message).not.toMatch(/[\n\r\u0007\u2028]/);
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain('line one line two');
  });

  it('keeps user info in a URL out of messages', async () => {
    const { client, server } = await setup(status(404));
    const url = server.origin.replace('http://', 'http://user:pa55word@') + '/x';
    const error = await failure(client.requestJson({ method: 'GET', url, parse: anyJson }));
    expect(error.message).toBe(`GET ${server.origin}/x: HTTP 404 after 1 attempt`);
  });

  it('fails a body over maxBodyBytes without retrying', async () => {
    const { client, server, url } = await setup(json({ blob: 'y'.repeat(5_000) }), { maxBodyBytes: 1_000 });
    const error = await failure(client.requestJson({ method: 'GET', url, parse: anyJson }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).kind).toBe('too-large');
    expect(server.hits).toHaveLength(1);
  });

  it('reports a non-JSON body with a short quote of it', async () => {
    const { client, url } = await setup(status(200, 'OK then', { 'content-type': 'text/plain' }), { retries: 0 });
    const error = await failure(client.requestJson({ method: 'GET', url, parse: anyJson }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).kind).toBe('not-json');
    expect(error.message).toMatch(/: body is not JSON \(.*, 7 bytes\): OK then after 1 attempt$/);
  });

  it('gives every class a readable name and a short code', () => {
    const last = new HttpStatusError({ status: 500 });
    const errors: Array<[CrawlError, string, string]> = [
      [last, 'HttpStatusError', 'http-status'],
      [new NetworkError({ kind: 'reset', description: 'connection reset' }), 'NetworkError', 'network'],
      [new ResponseFormatError({ kind: 'html', description: 'HTML' }), 'ResponseFormatError', 'response-format'],
      [new SchemaError({ issues: [] }), 'SchemaError', 'schema'],
      [new EnvelopeError({ code: 500, success: false, message: '', requestId: '' }), 'EnvelopeError', 'envelope'],
      [new RetryBudgetError({ budget: 5, last }), 'RetryBudgetError', 'retry-budget'],
    ];
    for (const [error, name, code] of errors) {
      expect(error).toBeInstanceOf(CrawlError);
      expect(error).toBeInstanceOf(CatalogError);
      expect([error.name, error.code]).toEqual([name, code]);
      expect(String(error).startsWith(`${name}: `)).toBe(true);
    }
  });

  it('keeps a refusal reason and its message as given', () => {
    const error = new RefusalError('filter-ignored', 'filtered total 412000 equals the unfiltered total');
    expect(error.reason).toBe('filter-ignored');
    expect(error.message).toBe('filtered total 412000 equals the unfiltered total');
    expect(String(error).startsWith('RefusalError: ')).toBe(true);
  });

  it('does not count a refusal as a transport failure: nothing failed to arrive', () => {
    const error = new RefusalError('shrink', 'the list shrank by 40%');
    expect(error).toBeInstanceOf(CatalogError);
    expect(error).not.toBeInstanceOf(CrawlError);
  });

  it('writes zod issue paths the way a reader would', () => {
    expect(formatIssuePath(['Data', 'Model', 'Models', 3, 'Stars'])).toBe('Data.Model.Models[3].Stars');
    expect(formatIssuePath(['Tags', 'odd key'])).toBe('Tags["odd key"]');
    expect(formatIssuePath([])).toBe('');
  });

  it('rejects nonsense options with a one-line error', () => {
    const dispatcher = new Agent();
    cleanup.add(() => dispatcher.destroy());
    expect(() => createHttpClient({ dispatcher, concurrency: 0 })).toThrow('createHttpClient: concurrency must be an integer ≥ 1, got 0');
    expect(() => createHttpClient({ dispatcher, rps: 0 })).toThrow('createHttpClient: rps must be a number > 0, got 0');
    expect(() => createHttpClient({ dispatcher, retries: 1.5 })).toThrow(RangeError);
  });
});

describe('http/user-agent', () => {
  it('names the running fork on GitHub Actions and the project repository elsewhere', async () => {
    const { projectUrl } = await import('../crawler/http/client.ts');
    expect(projectUrl({ GITHUB_REPOSITORY: 'someone/their-fork' })).toBe('https://github.com/someone/their-fork');
    expect(projectUrl({ GITHUB_REPOSITORY: 'bad value; rm' })).toMatch(/^https:\/\/github\.com\/modelscope-inference-catalog\//);
    expect(projectUrl({})).toMatch(/^https:\/\/github\.com\//);
  });
});
