// Small HTTP helpers for tests and benchmarks that talk to a simulator over real loopback HTTP.
import { request } from 'undici';

/** The `SingleCriterion` that turns on the API-Inference filter. */
export const INFERENCE_FILTER = [{ category: 'inference_type', DateType: 'int', predicate: 'equal', IntValue: 1 }] as const;

/** What a test sees of one HTTP answer. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** A request whose body is read as text (never parsed, so broken bodies can be inspected). */
export async function call(url: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE' = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await request(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

/** PUT the dolphin listing; `filtered` adds the API-Inference filter. */
export function putModels(origin: string, body: Record<string, unknown>, filtered = true): Promise<Reply> {
  return call(`${origin}/api/v1/dolphin/models`, 'PUT', filtered ? { SingleCriterion: INFERENCE_FILTER, ...body } : body);
}

/** The `Data.Model` of a dolphin answer (throws if it is not one). */
export function modelsOf(reply: Reply): { Models: Record<string, unknown>[]; TotalCount: number } {
  const parsed = JSON.parse(reply.text) as { Data: { Model: { Models: Record<string, unknown>[]; TotalCount: number } } };
  return parsed.Data.Model;
}

/** Crawl every page of the filtered list the naive way; returns `Path/Name` ids in order. */
export async function crawlIds(origin: string, pageSize = 100, extra: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const { Models, TotalCount } = modelsOf(await putModels(origin, { PageNumber: page, PageSize: pageSize, ...extra }));
    ids.push(...Models.map((m) => `${String(m['Path'])}/${String(m['Name'])}`));
    if (Models.length === 0 || page * pageSize >= TotalCount) return ids;
  }
}
