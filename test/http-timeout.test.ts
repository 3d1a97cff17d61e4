import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../crawler/errors.ts';
import { anyJson, cleanupList, json, serve, testClient } from './http-helpers.ts';
import type { Handler } from './http-helpers.ts';

const cleanup = cleanupList();
afterEach(() => cleanup.run());

async function setup(handlers: Handler | Handler[], timeoutMs: number, retries: number) {
  const server = await serve(handlers);
  // Server first in the list, so it closes last: the agent is destroyed before the hanging sockets go.
  cleanup.add(() => server.close());
  const test = testClient({ timeoutMs, retries });
  cleanup.add(() => test.agent.destroy());
  return { server, ...test, url: `${server.origin}/api/v1/dolphin/models` };
}

describe('http/timeout', () => {
  it('gives up on a server that never answers, retrying first', async () => {
    const silent: Handler = () => {};
    const { client, server, url } = await setup(silent, 100, 1);
    const started = performance.now();
    const error = await client.requestJson({ method: 'PUT', url, page: 9, parse: anyJson }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('timeout');
    expect((error as Error).message).toBe(`PUT ${url} (page 9): no complete response within 100 ms after 2 attempts`);
    expect(server.hits).toHaveLength(2);
    // Two attempts of 100 ms each; far less than undici's own 300 s default would take.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('gives up on a body that trickles in past the deadline', async () => {
    const trickle: Handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => res.write('1,'), 20);
      res.once('close', () => clearInterval(timer));
    };
    const { client, url } = await setup(trickle, 150, 0);
    const error = await client.requestJson({ method: 'GET', url, parse: anyJson }).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`GET ${url}: no complete response within 150 ms after 1 attempt`);
    expect(client.stats.bytes).toBeGreaterThan(1);
  });

  it('gives up on a body that stops arriving', async () => {
    const stall: Handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"Data":');
    };
    const { client, url } = await setup(stall, 100, 0);
    const error = await client.requestJson({ method: 'GET', url, parse: anyJson }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('timeout');
    expect(client.stats.bytes).toBe(8);
  });

  it('recovers when the attempt after a timeout is answered', async () => {
    const silent: Handler = () => {};
    const { client, url } = await setup([silent, json({ ok: true })], 100, 2);
    await expect(client.requestJson({ method: 'GET', url, parse: anyJson })).resolves.toEqual({ ok: true });
    expect(client.stats).toMatchObject({ requests: 2, retries: 1 });
  });
});
