// Every URL and output path the site publishes, in one place, so the feed, the API and the pages agree.
//
// Owner and name are upstream text. A file gets the percent-encoded segment as its name: safe on any file
// system and injective; `.`, `..` and empty segments are refused, lone surrogates encoded as WTF-8 bytes.
// A static host percent-decodes a request path once before it looks for the file, so the URL encodes the
// file name once more (`%` becomes `%25`). For ordinary names (`[A-Za-z0-9._~-]`, not starting with `.`)
// file name, URL segment and name are all equal.
import { UnsafePathError, ConfigError } from './errors.ts';

/** Default site base URL (the Astro dev server). */
export const DEFAULT_SITE_URL = 'http://localhost:4321/';

/** Where model pages point on ModelScope itself. */
export const MODELSCOPE_MODELS = 'https://modelscope.cn/models/';

// File names longer than this are refused by common file systems (255 bytes); keep room for `.json`.
const MAX_SEGMENT = 250;

/**
 * Check and normalise the site's base URL: absolute http(s), path ending in `/`, no query or fragment.
 * A sub-path (`https://u.github.io/repo/`) is kept; `https://u.github.io/repo` gets its trailing slash.
 */
export function normaliseSiteUrl(raw: string, where = 'SITE_URL'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new ConfigError(`not an absolute URL: ${JSON.stringify(raw)}`, where, { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`must be http or https, got ${JSON.stringify(url.protocol)}`, where);
  }
  if (url.username !== '' || url.password !== '') throw new ConfigError('must not contain credentials', where);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url.href;
}

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Percent-encode as UTF-8, keeping only RFC 3986 unreserved characters; lone surrogates as WTF-8 bytes. */
function percentEncode(text: string): string {
  if (/^[A-Za-z0-9._~-]*$/.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      // encodeURIComponent throws on a lone surrogate; its three WTF-8 bytes keep the encoding injective
      // (a real U+FFFD encodes differently) without refusing the model.
      out += hex(0xe0 | (code >> 12)) + hex(0x80 | ((code >> 6) & 0x3f)) + hex(0x80 | (code & 0x3f));
    } else {
      out += encodeURIComponent(char).replace(/[!'()*]/g, (c) => hex(c.charCodeAt(0)));
    }
  }
  return out;
}

/** Percent-encode one path segment for use as a file name; refuses segments that could escape the directory. */
export function fileSegment(segment: string, where: string): string {
  if (segment === '' || segment === '.' || segment === '..') {
    throw new UnsafePathError(`path segment ${JSON.stringify(segment)} is not allowed`, where);
  }
  // A leading dot would make a hidden file, which Pages artifact uploads skip.
  const encoded = percentEncode(segment).replace(/^\./, '%2E');
  if (encoded.length > MAX_SEGMENT) {
    throw new UnsafePathError(`path segment is ${encoded.length} characters once encoded (at most ${MAX_SEGMENT})`, where);
  }
  return encoded;
}

/** The URL form of a file segment: the host decodes `%25` back to the `%` in the file name. */
export function urlSegment(fileSegmentText: string): string {
  return fileSegmentText.replaceAll('%', '%25');
}

/** Split a model id `owner/name` at its first slash. */
export function splitModelId(id: string): { owner: string; name: string } {
  const slash = id.indexOf('/');
  if (slash < 0) throw new UnsafePathError('model id has no "/" between owner and name', JSON.stringify(id));
  return { owner: id.slice(0, slash), name: id.slice(slash + 1) };
}

/** The two file-name segments of a model id. */
function modelFileSegments(id: string): [owner: string, name: string] {
  const { owner, name } = splitModelId(id);
  const where = `model ${JSON.stringify(id)}`;
  return [fileSegment(owner, where), fileSegment(name, where)];
}

/** Output path (POSIX, relative to the site root) of a model's API file. */
export function modelApiFile(id: string): string {
  const [owner, name] = modelFileSegments(id);
  return `api/models/${owner}/${name}.json`;
}

/** Absolute URL of a model's API file; it decodes to `modelApiFile(id)`. */
export function modelApiUrl(siteUrl: string, id: string): string {
  const [owner, name] = modelFileSegments(id);
  return `${siteUrl}api/models/${urlSegment(owner)}/${urlSegment(name)}.json`;
}

/** Absolute URL of a model's page on this site (built by the site; same encoding as the API). */
export function modelPageUrl(siteUrl: string, id: string): string {
  const [owner, name] = modelFileSegments(id);
  return `${siteUrl}models/${urlSegment(owner)}/${urlSegment(name)}/`;
}

/** The model's page on ModelScope. Lone surrogates become U+FFFD so encoding cannot throw. */
export function modelScopeUrl(id: string): string {
  const { owner, name } = splitModelId(id);
  const encode = (text: string): string => encodeURIComponent(text.toWellFormed());
  return `${MODELSCOPE_MODELS}${encode(owner)}/${encode(name)}`;
}

/** The site's changes page, anchored at one observed day. */
export function changesDayUrl(siteUrl: string, date: string): string {
  return `${siteUrl}changes/#${date}`;
}

/** Output paths (relative to the site root) of the fixed files. */
export const SITE_FILES = {
  feed: 'feed.json',
  rss: 'rss.xml',
  home: 'index.html',
  apiIndex: 'api/index.json',
  latest: 'api/latest.json',
  changes: 'api/changes.json',
  snapshotIndex: 'api/snapshots/index.json',
} as const;

/** Output path of one dated snapshot. */
export function snapshotFile(date: string): string {
  return `api/snapshots/${date}.json`;
}
