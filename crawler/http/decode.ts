// Response bodies: a status and bytes become decoded JSON, or the error that says what came back
// instead (an error status, an HTML page, an empty, cut-short or oversized body, text that is not JSON).
import { createRequire } from 'node:module';
import type { load as Load } from 'cheerio';
import type { Dispatcher } from 'undici';
import { oneLine } from '../../core/text.ts';
import { HttpStatusError, ResponseFormatError } from '../errors.ts';
import { parseRetryAfter } from './retry.ts';

/** Bytes of an error response kept to describe it (its HTML title or a snippet). */
export const ERROR_BODY_LIMIT = 64 * 1024;

function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  return /html/i.test(contentType ?? '') || /^\s*</.test(text);
}

let cheerioLoad: typeof Load | undefined;

/**
 * cheerio, loaded the first time an HTML body needs describing: it brings its own copy of undici and two HTML
 * parsers, a quarter of a second and ~30 MB at every start of a crawl that, on a good night, never sees HTML.
 */
function loadHtml(html: string): ReturnType<typeof Load> {
  cheerioLoad ??= (createRequire(import.meta.url)('cheerio') as { load: typeof Load }).load;
  return cheerioLoad(html);
}

/** `HTML page "405 Not Allowed" (Tengine)`: what an HTML body says it is, for a one-line message. */
export function describeHtml(html: string, server?: string): string {
  const $ = loadHtml(html.slice(0, ERROR_BODY_LIMIT));
  const title = oneLine($('title').first().text() || $('h1').first().text(), 80);
  // nginx/Tengine error pages name the server in a <center> after the <hr>.
  const by = oneLine(server || $('hr + center').last().text(), 40);
  return `HTML page ${title ? `"${title}"` : 'without a title'}${by ? ` (${by})` : ''}`;
}

/** Response headers as undici gives them. */
export type ResponseHeaders = Dispatcher.ResponseData['headers'];

/** A response as read off the wire. */
export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  body: Buffer;
  /** False when reading stopped at the size limit. */
  complete: boolean;
}

/** Status and body → decoded JSON, or the error that describes what came back instead. */
export function decodeResponse(raw: RawResponse, maxRetryAfterMs: number, nowMs: number): unknown {
  const text = raw.body.toString('utf8').replace(/^\uFEFF/, '');
  const contentType = header(raw.headers, 'content-type');
  if (raw.status < 200 || raw.status > 299) {
    const retryAfterMs = raw.status === 429 || raw.status === 503 ? parseRetryAfter(raw.headers['retry-after'], nowMs) : undefined;
    let description = !text.trim()
      ? ''
      : looksLikeHtml(text, contentType)
        ? describeHtml(text, header(raw.headers, 'server'))
        : oneLine(text);
    if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
      const asked = `Retry-After asks for ${Math.ceil(retryAfterMs / 1000)} s, more than the ${Math.round(maxRetryAfterMs / 1000)} s limit`;
      description = description ? `${description}; ${asked}` : asked;
    }
    throw new HttpStatusError({ status: raw.status, description, retryAfterMs });
  }
  if (!raw.complete) {
    throw new ResponseFormatError({ kind: 'too-large', description: `response body larger than ${raw.body.length} bytes` });
  }
  if (!text.trim()) throw new ResponseFormatError({ kind: 'empty', description: `HTTP ${raw.status} with an empty body` });
  if (looksLikeHtml(text, contentType)) {
    const page = describeHtml(text, header(raw.headers, 'server'));
    throw new ResponseFormatError({ kind: 'html', description: `expected JSON, got ${page} with HTTP ${raw.status}` });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const cut = /end of JSON input|Unterminated/i.test(why);
    const what = cut ? 'body cut short' : 'body is not JSON';
    throw new ResponseFormatError({
      kind: cut ? 'truncated' : 'not-json',
      description: `${what} (${oneLine(why, 80)}, ${raw.body.length} bytes): ${oneLine(text, 60)}`,
    });
  }
}
