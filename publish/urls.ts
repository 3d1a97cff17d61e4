// Every URL and output path the site publishes, in one place, so the feed, the API and the pages agree.
//
// Owner and name are upstream text. A file gets the percent-encoded segment as its name: plain ASCII, safe
// on any file system and injective; `.`, `..` and empty segments are refused, lone surrogates encoded as
// WTF-8 bytes, and `~` is encoded too, because a bare `~` marks our own suffixes:
// - a segment longer than 250 characters once encoded is cut to 200 and ends in `~` and a hash of the
//   whole segment, so every name fits a file system's 255-byte limit;
// - ids that differ only in letter case would share one file on a case-insensitive file system: the one
//   seen first keeps its plain path, later ones get `~` and a hash of the id (planModelPaths).
// Both depend only on the id and when it was first seen, so a model's path never changes.
// A static host percent-decodes a request path once before it looks for the file, so the URL encodes the
// file name once more (`%` becomes `%25`). For ordinary names (`[A-Za-z0-9._-]`, not starting with `.`)
// file name, URL segment and name are all equal.
import { hash } from 'node:crypto';
import { compareIds } from '../store/order.ts';
import { UnsafePathError, ConfigError } from './errors.ts';

/** Default site base URL (the Astro dev server). */
export const DEFAULT_SITE_URL = 'http://localhost:4321/';

/** Where model pages point on ModelScope itself. */
export const MODELSCOPE_MODELS = 'https://modelscope.cn/models/';

// File names longer than 255 bytes are refused by common file systems; keep room for `.json` and suffixes.
const MAX_SEGMENT = 250;
/** Characters of a too-long encoded segment kept before its `~hash`. */
const LONG_KEEP = 200;

/** Ten hex digits of SHA-256: enough to tell apart the few names that need one, and short. */
const shortHash = (text: string): string => hash('sha256', text, 'hex').slice(0, 10);

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
  if (url.hostname === '') throw new ConfigError(`has no host: ${JSON.stringify(raw)}`, where);
  url.search = '';
  url.hash = '';
  // The path becomes Astro's base and every link's prefix: `//` in it would make links protocol-relative
  // (another host), and spaces, `%41` or non-ASCII letters break the build's routes. Empty segments are
  // dropped, each segment is decoded once, and what is left must be a plain name, as repository names are.
  const segments: string[] = [];
  for (const part of url.pathname.split('/')) {
    if (part === '') continue;
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch (error) {
      throw new ConfigError(`path segment ${JSON.stringify(part)} is not valid percent-encoding`, where, { cause: error });
    }
    if (!/^[A-Za-z0-9._~-]+$/.test(name) || name === '.' || name === '..') {
      throw new ConfigError(`path segment ${JSON.stringify(name)} must be letters, digits, '.', '_', '~' or '-' (as a repository name is)`, where);
    }
    segments.push(name);
  }
  url.pathname = segments.length === 0 ? '/' : `/${segments.join('/')}/`;
  return url.href;
}

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Percent-encode as UTF-8, keeping only RFC 3986 unreserved characters; lone surrogates as WTF-8 bytes. */
function percentEncode(text: string): string {
  if (/^[A-Za-z0-9._-]*$/.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      // encodeURIComponent throws on a lone surrogate; its three WTF-8 bytes keep the encoding injective
      // (a real U+FFFD encodes differently) without refusing the model.
      out += hex(0xe0 | (code >> 12)) + hex(0x80 | ((code >> 6) & 0x3f)) + hex(0x80 | (code & 0x3f));
    } else {
      out += encodeURIComponent(char).replace(/[!'()*~]/g, (c) => hex(c.charCodeAt(0)));
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
  if (encoded.length <= MAX_SEGMENT) return encoded;
  // Never cut through a %XX escape.
  const escape = encoded.lastIndexOf('%', LONG_KEEP - 1);
  const cut = escape > LONG_KEEP - 3 ? escape : LONG_KEEP;
  return `${encoded.slice(0, cut)}~${shortHash(encoded)}`;
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

/** The two file-name segments of a model id, before any case suffix. */
function modelFileSegments(id: string): [owner: string, name: string] {
  const { owner, name } = splitModelId(id);
  const where = `model ${JSON.stringify(id)}`;
  return [fileSegment(owner, where), fileSegment(name, where)];
}

/** Where each model's files go: its owner and name file segments. */
export interface ModelPaths {
  segments(id: string): [owner: string, name: string];
}

/** Paths with no case twins to tell apart: every model at its plain segments. */
export const PLAIN_PATHS: ModelPaths = { segments: modelFileSegments };

/**
 * Paths for every model ever seen, collision-free on case-insensitive file systems: of ids whose paths
 * differ only in letter case, the one seen first (then the lowest in code-unit order) keeps its plain
 * path and the others get `~` and a hash of their id after the name. File names are ASCII, so ASCII
 * case folding is what such a file system does to them.
 */
export function planModelPaths(models: Iterable<{ id: string; firstSeen: string }>): ModelPaths {
  const byFold = new Map<string, { id: string; firstSeen: string; segments: [string, string] }[]>();
  for (const { id, firstSeen } of models) {
    const segments = modelFileSegments(id);
    const fold = `${segments[0]}/${segments[1]}`.toLowerCase();
    const group = byFold.get(fold);
    if (group === undefined) byFold.set(fold, [{ id, firstSeen, segments }]);
    else group.push({ id, firstSeen, segments });
  }
  const planned = new Map<string, [string, string]>();
  for (const group of byFold.values()) {
    group.sort((a, b) => (a.firstSeen !== b.firstSeen ? (a.firstSeen < b.firstSeen ? -1 : 1) : compareIds(a.id, b.id)));
    group.forEach(({ id, segments: [owner, name] }, index) => {
      planned.set(id, index === 0 ? [owner, name] : [owner, `${name}~${shortHash(`case:${id}`)}`]);
    });
  }
  return { segments: (id) => planned.get(id) ?? modelFileSegments(id) };
}

/** Output path (POSIX, relative to the site root) of a model's API file. */
export function modelApiFile(id: string, paths: ModelPaths = PLAIN_PATHS): string {
  const [owner, name] = paths.segments(id);
  return `api/models/${owner}/${name}.json`;
}

/** A model's API file as a URL path below the site's base URL; it decodes to `modelApiFile(id)`. */
export function modelApiHref(id: string, paths: ModelPaths = PLAIN_PATHS): string {
  const [owner, name] = paths.segments(id);
  return `api/models/${urlSegment(owner)}/${urlSegment(name)}.json`;
}

/** Absolute URL of a model's API file. */
export function modelApiUrl(siteUrl: string, id: string, paths: ModelPaths = PLAIN_PATHS): string {
  return `${siteUrl}${modelApiHref(id, paths)}`;
}

/** Absolute URL of a model's page on this site (built by the site; same encoding as the API). */
export function modelPageUrl(siteUrl: string, id: string, paths: ModelPaths = PLAIN_PATHS): string {
  const [owner, name] = paths.segments(id);
  return `${siteUrl}models/${urlSegment(owner)}/${urlSegment(name)}/`;
}

/** The model's page on ModelScope. Lone surrogates become U+FFFD so encoding cannot throw. */
export function modelScopeUrl(id: string): string {
  const { owner, name } = splitModelId(id);
  const encode = (text: string): string => encodeURIComponent(text.toWellFormed());
  return `${MODELSCOPE_MODELS}${encode(owner)}/${encode(name)}`;
}

/** The month page of the changes timeline holding `date` (`changes/2026-03/`): a day's lasting home. */
export function changesMonthPath(date: string): string {
  return `changes/${date.slice(0, 7)}/`;
}

/** The site's changes timeline, anchored at one observed day on its month page. */
export function changesDayUrl(siteUrl: string, date: string): string {
  return `${siteUrl}${changesMonthPath(date)}#${date}`;
}

/** Output paths (relative to the site root) of the fixed files. */
export const SITE_FILES = {
  feed: 'feed.json',
  rss: 'rss.xml',
  openaiFeed: 'openai/feed.json',
  openaiRss: 'openai/rss.xml',
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
