// The HTTP face of the simulator (node:http): routes, faults applied to answers, latency and the request log.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { SimulatorError } from './errors.ts';
import { parseFaults } from './faults.ts';
import type { FaultDecision } from './faults.ts';
import { chatList, detailData, envelope, errorBody, htmlPage, listPage, MODEL_NOT_FOUND, reason, requestId } from './responses.ts';
import type { SimulatorState } from './state.ts';
import type { Fault, FaultKind, RequestRecord, RequestRoute } from './types.ts';
import { parseDolphinQuery } from './views.ts';

export const DOLPHIN_PATH = '/api/v1/dolphin/models';
export const DETAIL_PREFIX = '/api/v1/models/';
export const CHAT_PATH = '/inference/v1/models';
const MAX_BODY_BYTES = 1 << 20;
const JSON_TYPE = 'application/json; charset=utf-8';

/** Server behaviour. */
export interface ServerOptions {
  /** Delay before every response except control routes, ms (default 0). */
  readonly latencyMs: number;
  /** Called with every request record (the CLI logs them with --verbose). */
  readonly onRequest?: (record: RequestRecord) => void;
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** 'reset' destroys the socket; 'truncate' sends the first half of `body`, chunked. */
  readonly mode?: 'reset' | 'truncate';
}

interface Outcome {
  readonly route: RequestRoute;
  readonly page?: number;
  readonly answer: Answer;
  readonly fault?: FaultKind;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(status: number, body: string): Answer {
  return { status, body, contentType: JSON_TYPE };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The answer a response fault gives instead of `normal()`. */
function faultAnswer(fault: Fault, style: 'catalog' | 'chat' | 'detail', id: string, normal: () => string): Answer {
  switch (fault.kind) {
    case 'status':
      return {
        ...json(fault.status, errorBody(style === 'chat' ? 'chat' : 'catalog', fault.status, reason(fault.status), id)),
        ...(fault.retryAfter === undefined ? {} : { headers: { 'retry-after': fault.retryAfter } }),
      };
    case 'reset':
      return { status: 0, body: '', mode: 'reset' };
    case 'truncate':
      return { ...json(200, normal()), mode: 'truncate' };
    case 'html': {
      const status = fault.status ?? 200;
      return { status, body: htmlPage(status, id), contentType: 'text/html; charset=utf-8' };
    }
    case 'envelope': {
      const code = fault.code ?? 500;
      const message = fault.message ?? '系统繁忙，请稍后再试';
      if (style === 'chat') return json(200, JSON.stringify({ error: { message, type: 'server_error', code } }));
      return json(200, envelope(code, fault.success ?? false, message, id, null));
    }
    case 'rename': {
      if (style !== 'catalog') return json(200, normal());
      const body = JSON.parse(normal()) as { Data: { Model: { Models: { Name: string }[] } } };
      const first = body.Data.Model.Models[0];
      if (first !== undefined) first.Name = fault.name;
      return json(200, JSON.stringify(body));
    }
    case 'schema':
      if (style === 'chat') return json(200, JSON.stringify({ object: 'list', data: { models: [] } }));
      if (style === 'detail') return json(200, envelope(200, true, '', id, []));
      return json(200, envelope(200, true, '', id, { Model: { Models: null, TotalCount: 0 }, FiledAgg: {} }));
    default:
      return json(200, normal());
  }
}

function decided(decision: FaultDecision): FaultKind | undefined {
  return decision.response?.kind ?? (decision.ignoreFilter ? 'ignore-filter' : decision.shrink !== null ? 'shrink' : undefined);
}

function dolphin(state: SimulatorState, method: string, raw: string, id: string): Outcome {
  if (method !== 'PUT') return { route: 'other', answer: json(404, errorBody('catalog', 404, 'Not Found', id)) };
  let parsed: unknown;
  try {
    parsed = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { route: 'other', answer: json(400, errorBody('catalog', 400, '请求参数错误: body is not JSON', id)) };
  }
  const query = parseDolphinQuery(parsed);
  if (query === undefined) return { route: 'other', answer: json(400, errorBody('catalog', 400, '请求参数错误: body must be an object', id)) };
  const route = query.inferenceOnly ? 'list' : 'hub';
  const page = query.pageNumber;
  const decision = state.faults.decide(route, page);
  const moving = decision.response === undefined && route === 'list' ? state.faults.moving(route, page) : undefined;
  if (moving !== undefined) state.startMoving();
  const normal = (): string => {
    const view = state.view({
      scope: route === 'list' && !decision.ignoreFilter ? 'list' : 'hub',
      sortBy: query.sortBy,
      shrink: decision.shrink,
      name: query.name,
      tasks: query.tasks,
      aigcTypes: query.aigcTypes,
    }, moving !== undefined);
    return listPage(view.slice((page - 1) * query.pageSize, query.pageSize), view.total, id);
  };
  // Computed now, not after the latency, so concurrent requests see the list in arrival order.
  const answer = decision.response === undefined ? json(200, normal()) : faultAnswer(decision.response, 'catalog', id, normal);
  const fault = decided(decision) ?? moving?.kind;
  // The ranking moves between requests: this one saw it as it was.
  if (moving !== undefined) state.stepMoving(moving);
  for (let n = state.faults.insertionsAfter(route, page); n > 0; n--) state.insertModel();
  return { route, page, answer, ...(fault === undefined ? {} : { fault }) };
}

function detail(state: SimulatorState, pathname: string, id: string): Outcome {
  const parts = pathname.slice(DETAIL_PREFIX.length).split('/');
  let key: string | undefined;
  try {
    key = parts.length === 2 && parts[0] && parts[1] ? parts.map((p) => decodeURIComponent(p)).join('/') : undefined;
  } catch {
    key = undefined;
  }
  const decision = state.faults.decide('detail', undefined);
  const normal = (): string => {
    const entry = key === undefined ? undefined : state.find(key);
    return entry === undefined
      ? envelope(MODEL_NOT_FOUND.code, false, MODEL_NOT_FOUND.message, id, null)
      : envelope(200, true, '', id, detailData(entry));
  };
  const answer = decision.response === undefined ? json(200, normal()) : faultAnswer(decision.response, 'detail', id, normal);
  state.faults.insertionsAfter('detail', undefined);
  return { route: 'detail', answer, ...(decision.response === undefined ? {} : { fault: decision.response.kind }) };
}

function chat(state: SimulatorState, id: string): Outcome {
  const decision = state.faults.decide('chat', undefined);
  const normal = (): string => chatList(state.chatIds().map((m) => state.chatModel(m)));
  const answer = decision.response === undefined ? json(200, normal()) : faultAnswer(decision.response, 'chat', id, normal);
  state.faults.insertionsAfter('chat', undefined);
  return { route: 'chat', answer, ...(decision.response === undefined ? {} : { fault: decision.response.kind }) };
}

function control(state: SimulatorState, method: string, pathname: string, raw: string): Outcome {
  const ok = (body: unknown): Outcome => ({ route: 'control', answer: json(200, JSON.stringify(body)) });
  const summary = (): Record<string, unknown> => ({
    day: state.day,
    listed: state.listing().length,
    hub: state.hubTotal,
    chat: state.chatIds().length,
    faults: state.faults.active(),
  });
  try {
    const body = (): unknown => JSON.parse(raw) as unknown;
    if (pathname === '/__sim/state' && method === 'GET') return ok(summary());
    if (pathname === '/__sim/day' && method === 'POST') {
      const value = body();
      const day = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['day'] : undefined;
      state.setDay(typeof day === 'number' ? day : Number.NaN);
      return ok(summary());
    }
    if (pathname === '/__sim/faults' && method === 'POST') {
      for (const fault of parseFaults(body(), 'POST /__sim/faults')) state.faults.add(fault);
      return ok(summary());
    }
    if (pathname === '/__sim/faults' && method === 'DELETE') {
      state.faults.clear();
      return ok(summary());
    }
    return { route: 'control', answer: json(404, JSON.stringify({ error: `no control route ${method} ${pathname}` })) };
  } catch (error) {
    const message = error instanceof SimulatorError || error instanceof SyntaxError ? error.message : String(error);
    return { route: 'control', answer: json(400, JSON.stringify({ error: message })) };
  }
}

function route(state: SimulatorState, method: string, pathname: string, raw: string, id: string): Outcome {
  if (pathname === DOLPHIN_PATH) return dolphin(state, method, raw, id);
  if (pathname.startsWith(DETAIL_PREFIX) && method === 'GET') return detail(state, pathname, id);
  if (pathname === CHAT_PATH && method === 'GET') return chat(state, id);
  if (pathname.startsWith('/__sim/')) return control(state, method, pathname, raw);
  return { route: 'other', answer: json(404, errorBody('catalog', 404, 'Not Found', id)) };
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (res.destroyed || res.writableEnded) return;
  if (answer.mode === 'reset') {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string | number> = { 'content-type': answer.contentType ?? JSON_TYPE, ...answer.headers };
  if (answer.mode === 'truncate') {
    // No Content-Length: chunked encoding ends cleanly, so the client only notices when it parses the JSON.
    const bytes = Buffer.from(answer.body, 'utf8');
    res.writeHead(answer.status, headers);
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    res.end();
    return;
  }
  const bytes = Buffer.from(answer.body, 'utf8');
  res.writeHead(answer.status, { ...headers, 'content-length': bytes.length });
  res.end(bytes);
}

/** An HTTP server for `state`; call `listen` on it. */
export function createSimulatorServer(state: SimulatorState, options: ServerOptions): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const pathname = path.split('?')[0] ?? '/';
    const id = requestId(state.options.seed, state.nextRequestNumber());
    let outcome: Outcome;
    try {
      outcome = route(state, method, pathname, await readBody(req), id);
    } catch (error) {
      const status = error instanceof BodyTooLarge ? 413 : 500;
      outcome = { route: 'other', answer: json(status, errorBody('catalog', status, reason(status), id)) };
    }
    if (options.latencyMs > 0 && outcome.route !== 'control') await delay(options.latencyMs);
    const record: RequestRecord = {
      method,
      path,
      route: outcome.route,
      ...(outcome.page === undefined ? {} : { page: outcome.page }),
      status: outcome.answer.status,
      headers: flatHeaders(req),
      at,
      ...(outcome.fault === undefined ? {} : { fault: outcome.fault }),
    };
    state.record(record);
    options.onRequest?.(record);
    send(req, res, outcome.answer);
  };
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Last resort: never crash the simulator because one answer failed.
      if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
}
