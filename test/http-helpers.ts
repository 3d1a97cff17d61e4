// Loopback servers and a client wired for tests: back-off waits are recorded and skipped, jitter is fixed.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Agent } from 'undici';
import { createHttpClient } from '../crawler/http/client.ts';
import type { HttpClient, HttpClientOptions, RetryEvent } from '../crawler/http/client.ts';

/** One request the server saw. */
export interface Hit {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

/** Answers request number `index` (0-based). */
export type Handler = (res: ServerResponse, hit: Hit, index: number) => void;

export interface TestServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  hits: Hit[];
  /** Requests being answered right now, and the most seen at once. */
  inFlight: { now: number; max: number };
  close(): Promise<void>;
}

/** Start a server on 127.0.0.1:0; with a list, request i gets handlers[i] (the last one repeats). */
export async function serve(handlers: Handler | Handler[]): Promise<TestServer> {
  const list = Array.isArray(handlers) ? handlers : [handlers];
  const hits: Hit[] = [];
  const inFlight = { now: 0, max: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const at = performance.now();
    inFlight.now += 1;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    const done = (): void => {
      inFlight.now -= 1;
    };
    res.once('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hit: Hit = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at };
      const index = hits.length;
      hits.push(hit);
      const handler = list[Math.min(index, list.length - 1)];
      handler?.(res, hit, index);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answer with JSON. */
export function json(value: unknown, status = 200, headers: Record<string, string> = {}): Handler {
  return (res) => {
    const body = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
}

/** Answer with a status and a plain or HTML body. */
export function status(code: number, body = '', headers: Record<string, string> = {}): Handler {
  return (res) => {
    res.writeHead(code, { 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
}

/** The nginx/Tengine error page shape seen in front of ModelScope. */
export function tenginePage(title: string): string {
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`;
}

export interface TestClient {
  client: HttpClient;
  agent: Agent;
  /** Back-off waits the client asked for, in order. */
  delays: number[];
  events: RetryEvent[];
}

/** A client on its own Agent; sleep records and returns at once; random is fixed at 0.5. */
export function testClient(options: Partial<HttpClientOptions> = {}, agent = new Agent()): TestClient {
  const delays: number[] = [];
  const events: RetryEvent[] = [];
  const client = createHttpClient({
    dispatcher: agent,
    rps: Infinity,
    concurrency: 4,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
    onRetry: (event) => events.push(event),
    ...options,
  });
  return { client, agent, delays, events };
}

/** Parser that accepts anything (for tests about transport, not content). */
export const anyJson = (json: unknown): unknown => json;

/** Cleanups to run after each test, newest first. */
/** Things to undo after each test. */
export interface CleanupList {
  add(fn: () => Promise<unknown>): void;
  run(): Promise<void>;
}

export function cleanupList(): CleanupList {
  const fns: Array<() => Promise<unknown>> = [];
  return {
    add: (fn) => void fns.push(fn),
    run: async () => {
      while (fns.length > 0) await fns.pop()?.();
    },
  };
}

/** A loopback server answering with `handlers` and a test client for it, both cleaned up after the test. */
export async function serverAndClient(cleanup: CleanupList, handlers: Handler | Handler[], options: Partial<HttpClientOptions>, path: string) {
  const server = await serve(handlers);
  cleanup.add(() => server.close());
  const test = testClient({ baseDelayMs: 100, ...options });
  cleanup.add(() => test.agent.destroy());
  return { server, ...test, url: `${server.origin}${path}` };
}
