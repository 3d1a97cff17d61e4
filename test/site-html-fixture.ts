// The site/html tests' built site, read back as a browser and a crawler see it: every file of the output
// listed and every page parsed with cheerio, once per test file, from the one build the global setup makes
// (test/site-html-data.ts has the nights). With the helpers the tests share to find a model's page, its
// JSON file and the usage snippet its script makes from that file.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as cheerio from 'cheerio';
import type { BuildSummary } from '../publish/site.ts';
import { modelPageUrl } from '../publish/urls.ts';
import { snippetModel } from '../publish/model-file.ts';
import { usageSnippet, type Snippet } from '../site/src/lib/model/snippets.ts';
import { BASE, ORIGIN, PATHS, SITE_URL } from './site-html-data.ts';
import { sharedHtmlBuild } from './shared-site.ts';

/** The one Content Security Policy of every page: scripts, styles and fetches fall under default-src. */
export const CSP = "default-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; object-src 'none'";
/** Pages built in both languages (`X` and `zh/X`); model pages are not among them. */
export const BOTH_LANGS = ['index.html', 'changes/index.html', 'changes/2026-02/index.html', 'changes/2026-03/index.html', 'status/index.html', 'api/index.html'];
/** The page a static host serves for every address without a file: no canonical address of its own (tested on its own). */
export const NOT_FOUND = '404.html';

let out: string;
/** What the build said it made (set by `loadHtmlSite`). */
export let summary: BuildSummary;
/** Every file in the output (POSIX paths relative to it). */
export const files = new Set<string>();
/** Every HTML page, parsed. */
export const pages = new Map<string, cheerio.CheerioAPI>();
/** Every HTML page, as it is. */
export const html = new Map<string, string>();

/** Every file below `dir`, as POSIX paths relative to it. */
export async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

let loading: Promise<void> | undefined;

/** Fills `summary`, `files`, `pages` and `html` from the shared build (for a file's beforeAll; once per file). */
export function loadHtmlSite(): Promise<void> {
  loading ??= (async () => {
    const build = await sharedHtmlBuild('html-site');
    out = build.outDir;
    summary = build.summary;
    for (const path of await walk(out)) files.add(path);
    for (const path of files) {
      if (!path.endsWith('.html')) continue;
      const text = await readFile(join(out, path), 'utf8');
      html.set(path, text);
      pages.set(path, cheerio.load(text));
    }
  })();
  return loading;
}

/** The parsed page at `path` (relative to the output). */
export const page = (path: string): cheerio.CheerioAPI => {
  const $ = pages.get(path);
  if ($ === undefined) throw new Error(`no page ${path}`);
  return $;
};
/** The text of the output file at `path`. */
export const readText = (path: string): Promise<string> => readFile(join(out, path), 'utf8');

/** The file a path under the site (`models/a/b/`, possibly percent-encoded) is served from: decoded once, `index.html` for a directory. */
export function servedFile(sitePath: string): string {
  const decoded = decodeURIComponent(sitePath);
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}

/** The path below the site base of a same-site URL, or `undefined` for anything else. */
export function sitePath(url: URL): string | undefined {
  if (url.origin !== ORIGIN || !url.pathname.startsWith(BASE)) return undefined;
  return url.pathname.slice(BASE.length);
}

/** The absolute URL a page at `path` has (`models/a/b/index.html` → `…/repo/models/a/b/`), as its links resolve against. */
export function pageUrl(path: string): URL {
  const dir = path.replace(/index\.html$/, '');
  // File names are ASCII; a static host decodes the URL once, so each `%` of a file name is `%25` in its URL.
  return new URL(`${BASE}${dir.split('/').map((part) => encodeURIComponent(part)).join('/')}`, ORIGIN);
}

/** The page file of a model (one for both languages), from the URL publish/urls.ts plans. */
export function modelPageFile(id: string): string {
  const path = sitePath(new URL(modelPageUrl(SITE_URL, id, PATHS)));
  if (path === undefined) throw new Error(`model page of ${id} is not under the site`);
  return servedFile(path);
}

/** A model's page (one per model, both languages). */
export const isModelPage = (path: string): boolean => path.startsWith('models/');

/** A model's API file as the site publishes it (the fields these tests read). */
export interface ModelFile {
  id: string;
  onList: boolean;
  intervals: { from: string; to: string }[];
  series: { from: string; days: number[]; likes: number[]; downloads: number[] };
  current: unknown;
  links: Record<string, string>;
}

/** The output file of the JSON a page's head links (the one the model page's script fetches). */
function headJsonFile(path: string): string {
  const $ = page(path);
  const href = $('link[rel="alternate"][type="application/json"]').attr('href');
  if (href === undefined) throw new Error(`no JSON alternate in ${path}`);
  const inside = sitePath(new URL(href, pageUrl(path)));
  if (inside === undefined) throw new Error(`${path}: JSON alternate ${href} is not under the site`);
  return servedFile(inside);
}

/** The model file the head of a model's page links, parsed. */
export async function headJson(id: string): Promise<ModelFile> {
  const file = headJsonFile(modelPageFile(id));
  if (!files.has(file)) throw new Error(`${id}: no file ${file}`);
  return JSON.parse(await readText(file)) as ModelFile;
}

/**
 * The usage snippet a model page shows once its script has run (scripts/model-page.ts): made from the
 * `current` record of the JSON its head links. Fails when that record does not pass `snippetModel`.
 */
export async function browserSnippet(id: string): Promise<Snippet> {
  const model = snippetModel(await headJson(id));
  if (model === undefined) throw new Error(`${id}: its JSON has no record to make a snippet from`);
  return usageSnippet(model);
}

/** The single-quoted shell word after `marker` (`'…'` runs joined, `\'` for a quote), JSON-parsed. */
export function shellJsonAfter(text: string, marker: string): Record<string, unknown> {
  let i = text.indexOf(marker);
  if (i < 0) throw new Error(`no ${marker} in ${text}`);
  i += marker.length;
  let word = '';
  for (;;) {
    if (text[i] === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (text.startsWith("\\'", i)) {
      word += "'";
      i += 2;
    } else break;
  }
  return JSON.parse(word) as Record<string, unknown>;
}
