// Response bodies: ModelScope's legacy envelope, the OpenAI-style model list, and the proxy/WAF pages that break both.
import { STATUS_CODES } from 'node:http';
import type { CatalogEntry } from './catalog-day.ts';
import { hash } from './hash.ts';

/** A deterministic, UUID-shaped request id. */
export function requestId(seed: number, n: number): string {
  const h = (salt: number): string => hash(seed, n, 0x5eed, salt).toString(16).padStart(8, '0');
  const a = h(1) + h(2) + h(3) + h(4);
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-a${a.slice(17, 20)}-${a.slice(20, 32)}`;
}

/** `{Code, Success, Message, RequestId, Data}` in upstream key order. */
export function envelope(code: number, success: boolean, message: string, id: string, data: unknown): string {
  return JSON.stringify({ Code: code, Success: success, Message: message, RequestId: id, Data: data });
}

/** One page of the dolphin listing. */
export function listPage(entries: readonly CatalogEntry[], total: number, id: string): string {
  // As a real page: Message "success", and Source/Target beside the page in Data.
  return envelope(200, true, 'success', id, { FiledAgg: {}, Model: { Models: entries.map((e) => e.model), TotalCount: total }, Source: '', Target: '' });
}

/** Detail-only keys the listing does not carry. */
export function detailData(entry: CatalogEntry): Record<string, unknown> {
  return {
    ...entry.model,
    ReadMeContent: `# ${entry.model.Name}\n\n${entry.model.Description}\n`,
    Revision: 'master',
    IsPublished: 1,
    IsOnline: 1,
    IsAccessible: true,
    AlreadyStar: false,
    ApprovalMode: 1,
    CardReady: 1,
    RelatedArxivId: [],
    RelatedPaper: [],
    OfficialTags: [],
    MuseInfo: null,
  };
}

/** Code and message upstream uses for a missing model (answered with HTTP 200). */
export const MODEL_NOT_FOUND = { code: 10010205, message: '模型不存在' } as const;

/** The OpenAI-compatible `GET /v1/models` body. */
export function chatList(models: readonly { id: string; created: number }[]): string {
  return JSON.stringify({
    object: 'list',
    // Real replies: `"object": ""` (not "model") and `"owned_by": "system"` on every entry.
    data: models.map((m) => ({ id: m.id, object: '', created: m.created, owned_by: 'system' })),
  });
}

/** A JSON error body in the style of the route. */
export function errorBody(route: 'catalog' | 'chat', status: number, message: string, id: string): string {
  return route === 'chat'
    ? JSON.stringify({ error: { message, type: 'server_error', code: status } })
    : envelope(status, false, message, id, null);
}

/** Reason phrase for a status. */
export function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}

/**
 * What a proxy or WAF sends instead of JSON: a Tengine error page for error statuses, and for 200 (the nasty case)
 * an Aliyun WAF block page.
 */
export function htmlPage(status: number, id: string): string {
  if (status === 200) {
    return [
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>访问被拦截 - Aliyun WAF</title></head><body>',
      '<h1>很抱歉，由于您访问的URL有可能对网站造成安全威胁，您的访问被阻断。</h1>',
      "<p>Sorry, your request has been blocked as it may cause potential threats to the server's security.</p>",
      `<p>Request ID: ${id}</p></body></html>`,
    ].join('\n');
  }
  const title = `${status} ${reason(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`;
}
