// The folders are the pipeline: core → store → crawler, changes → pipeline; store → publish → site; every
// import pointing one way. This reads the real import graph (`.ts` files, and the frontmatter and scripts
// of the site's `.astro` components) and fails on a cycle between folders, on an import a folder is not
// meant to make, on a crawler that touches files, and on browser code that reaches for the build side.
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  astroParts, folderCycles, folderGraph, folderOf, importEdges, importSpecifiers, importingText, resolveSpecifier, sourceFiles, valueImportSpecifiers, type ImportEdge,
} from './import-graph.ts';

const ROOT = join(import.meta.dirname, '..');

/** What each folder may import from. `test/` may import anything and is not listed. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  store: ['core'],
  crawler: ['core', 'store'],
  changes: ['core', 'store'],
  pipeline: ['core', 'store', 'crawler', 'changes'],
  publish: ['core', 'store'],
  // The Astro site renders what publish/ read (publish/inputs.ts); its browser scripts import none of
  // these three (see the browser test below).
  site: ['core', 'store', 'publish'],
  simulator: ['core'],
  scripts: ['core', 'store', 'pipeline', 'publish', 'simulator'],
  bench: ['core', 'store', 'crawler', 'changes', 'pipeline', 'publish', 'site', 'simulator'],
};
const FOLDERS = Object.keys(MAY_IMPORT);
const EXTENSIONS = ['.ts', '.astro'];

async function projectEdges(): Promise<ImportEdge[]> {
  return importEdges(ROOT, await sourceFiles(ROOT, FOLDERS, EXTENSIONS));
}

/** Folders browser code must never load at run time: they read files and run in Node. */
const BUILD_SIDE = ['core', 'store', 'publish'];
/**
 * Build-side modules that are pure text and numbers, which browser code may load: one definition for the
 * build and the browser. Their own imports are followed like any other (a Node built-in there fails).
 */
const BROWSER_SAFE = new Set(['core/text.ts', 'store/days.ts', 'store/tracks.ts', 'publish/model-file.ts']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * What the browser bundles load, followed through every import that survives compilation: from each of
 * `site/src/scripts/*.ts` and each processed `<script>` of an `.astro` component. Returns the chains that
 * reach a build-side folder or a Node built-in, and the files visited.
 */
async function browserReach(): Promise<{ bad: string[]; visited: Set<string> }> {
  const bad: string[] = [];
  const visited = new Set<string>();
  const queue: { file: string; text?: string; chain: string[] }[] = [];
  for (const file of await sourceFiles(ROOT, ['site/src/scripts'])) queue.push({ file, chain: [file] });
  for (const file of await sourceFiles(ROOT, ['site/src'], ['.astro'])) {
    astroParts(await readFile(join(ROOT, file), 'utf8')).scripts.forEach((text, i) => queue.push({ file, text, chain: [`${file} <script> #${i + 1}`] }));
  }
  while (queue.length > 0) {
    const { file, text, chain } = queue.shift() as (typeof queue)[number];
    if (text === undefined) {
      if (visited.has(file)) continue;
      visited.add(file);
    }
    const source = text ?? (await readFile(join(ROOT, file), 'utf8'));
    for (const specifier of valueImportSpecifiers(source)) {
      if (NODE_BUILTINS.has(specifier) || specifier.startsWith('node:')) {
        bad.push([...chain, specifier].join(' → '));
        continue;
      }
      const target = resolveSpecifier(file, specifier);
      if (target === undefined) continue;
      if (BROWSER_SAFE.has(target)) queue.push({ file: target, chain: [...chain, target] });
      else if (BUILD_SIDE.includes(folderOf(target)) || !target.startsWith('site/src/')) bad.push([...chain, target].join(' → '));
      else queue.push({ file: target, chain: [...chain, target] });
    }
  }
  return { bad, visited };
}

/** `file → specifier` for each import of `files` that `bad` picks (`target`: the root-relative path of a relative import). */
async function importsWhere(files: readonly string[], bad: (file: string, specifier: string, target: string | undefined) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    for (const specifier of importSpecifiers(await readFile(join(ROOT, file), 'utf8'))) {
      if (bad(file, specifier, resolveSpecifier(file, specifier))) found.push(`${file} → ${specifier}`);
    }
  }
  return found;
}

describe('architecture/import-graph', () => {
  it('reads every kind of import a module here makes', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../store/b.ts';",
      'import {\n  c,\n  type D,\n} from "./c.ts";',
      "export { e } from './e.ts';",
      "export type { F } from './f.ts';",
      "import './side-effect.ts';",
      "import packageJson from '../package.json' with { type: 'json' };",
      "const g = await import('./g.ts');",
      "new Worker(new URL('./worker.ts', import.meta.url));",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      './a.ts', '../store/b.ts', './c.ts', './e.ts', './f.ts', './side-effect.ts', '../package.json', './g.ts', './worker.ts', 'zod',
    ]);
    expect(resolveSpecifier('crawler/http/client.ts', '../errors.ts')).toBe('crawler/errors.ts');
    expect(resolveSpecifier('crawler/http/client.ts', '../../core/text.ts')).toBe('core/text.ts');
    expect(resolveSpecifier('crawler/crawl.ts', 'undici')).toBeUndefined();
    expect(folderOf('crawler/http/client.ts')).toBe('crawler');
  });

  it('reads the imports of an .astro component: its frontmatter and processed scripts, not its markup', () => {
    const source = [
      '---',
      "import Base from '../layouts/Base.astro';",
      "import { siteData } from '../data.ts';",
      "import type { Lang } from '../i18n/lang.ts';",
      '---',
      '<p>import { fake } from "./not-code.ts" is text here</p>',
      '<script>',
      "  import '../scripts/catalog.ts';",
      '</script>',
      '<script is:inline>console.log(1)</script>',
    ].join('\n');
    expect(astroParts(source).scripts).toEqual(["\n  import '../scripts/catalog.ts';\n"]);
    expect(importSpecifiers(importingText('site/src/components/X.astro', source))).toEqual([
      '../layouts/Base.astro', '../data.ts', '../i18n/lang.ts', '../scripts/catalog.ts',
    ]);
    // Type-only imports load nothing at run time.
    expect(valueImportSpecifiers("import type { A } from './a.ts';\nexport type { B } from './b.ts';\nimport { c, type D } from './c.ts';")).toEqual(['./c.ts']);
  });

  it('finds a cycle between folders, however long, and none in a chain', () => {
    const edge = (from: string, to: string): ImportEdge => ({ from: `${from}/x.ts`, to: `${to}/y.ts` });
    expect(folderCycles(folderGraph([edge('a', 'b'), edge('b', 'c'), edge('a', 'c')]))).toEqual([]);
    expect(folderCycles(folderGraph([edge('crawler', 'changes'), edge('changes', 'crawler')]))).toEqual([['changes', 'crawler']]);
    expect(folderCycles(folderGraph([edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('d', 'a')]))).toEqual([['a', 'b', 'c']]);
    // Imports inside one folder are not a cycle between folders.
    expect(folderCycles(folderGraph([{ from: 'store/a.ts', to: 'store/b.ts' }, { from: 'store/b.ts', to: 'store/a.ts' }]))).toEqual([]);
  });

  it('has no cycle between the project folders', async () => {
    const edges = await projectEdges();
    expect(edges.length).toBeGreaterThan(100);
    // The site is scanned too: its TypeScript and its components' frontmatter and scripts.
    expect(edges.some(({ from }) => from.startsWith('site/src/') && from.endsWith('.ts'))).toBe(true);
    expect(edges).toContainEqual({ from: 'site/src/pages/index.astro', to: 'site/src/components/CatalogPage.astro' });
    expect(edges).toContainEqual({ from: 'site/src/components/CatalogPage.astro', to: 'site/src/scripts/catalog.ts' });
    expect(edges.some(({ from, to }) => from.startsWith('site/src/') && to.startsWith('publish/'))).toBe(true);
    expect(folderCycles(folderGraph(edges))).toEqual([]);
  });

  it('has every folder import only from the folders beneath it', async () => {
    const unexpected = (await projectEdges())
      .filter(({ from, to }) => folderOf(from) !== folderOf(to) && folderOf(to) !== '.')
      .filter(({ from, to }) => !(MAY_IMPORT[folderOf(from)] ?? []).includes(folderOf(to)))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(unexpected).toEqual([]);
  });

  it('keeps browser code to the site: nothing from core, store or publish, and no Node built-in', async () => {
    const { bad, visited } = await browserReach();
    expect(visited.has('site/src/scripts/catalog.ts')).toBe(true);
    expect(visited.has('site/src/scripts/lang-switch.ts')).toBe(true);
    expect(visited.size).toBeGreaterThan(5);
    expect(bad).toEqual([]);
  });

  it('gives site/src/lib/ rooms by concept, importing one way: search and model at the bottom, catalog and views above', async () => {
    // Which rooms each room may import; files at lib/'s top (links, page-lang) are for everyone and import no room.
    const MAY: Record<string, readonly string[]> = { search: [], model: [], catalog: ['search', 'model'], views: ['model'], '.': [] };
    const roomOf = (path: string): string | undefined => {
      const rest = path.startsWith('site/src/lib/') ? path.slice('site/src/lib/'.length) : undefined;
      if (rest === undefined) return undefined;
      return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : '.';
    };
    const files = await sourceFiles(ROOT, ['site/src/lib']);
    const rooms = new Set(files.map((file) => roomOf(file)));
    expect([...rooms].sort()).toEqual(Object.keys(MAY).sort());
    const wrong = await importsWhere(files, (file, _specifier, target) => {
      const [from, to] = [roomOf(file) as string, target === undefined ? undefined : roomOf(target)];
      return to !== undefined && to !== from && to !== '.' && !(MAY[from] ?? []).includes(to);
    });
    expect(wrong).toEqual([]);
  });

  it('keeps the labels at the bottom of the site: i18n/ imports no other part of it (store types are fine)', async () => {
    const files = await sourceFiles(ROOT, ['site/src/i18n']);
    const outside = await importsWhere(files, (_file, _specifier, target) => target?.startsWith('site/src/') === true && !target.startsWith('site/src/i18n/'));
    expect(files.length).toBeGreaterThan(3);
    expect(outside).toEqual([]);
  });

  it('keeps the crawler away from files: it turns ModelScope into a Snapshot value and nothing more', async () => {
    const files = await sourceFiles(ROOT, ['crawler']);
    const touching = await importsWhere(files, (_file, specifier, target) => {
      const fileSystem = /^node:fs(\/|$)|^fs(\/|$)/.test(specifier);
      // From store/ it may take the record schema, dates and orders, never the file readers and writers.
      const storeIo = target?.startsWith('store/') === true && !['store/record.ts', 'store/dates.ts', 'store/order.ts'].includes(target);
      return fileSystem || storeIo;
    });
    expect(files.length).toBeGreaterThan(5);
    expect(touching).toEqual([]);
  });
});
