// The folders are the pipeline: core → store → crawler, changes → pipeline; store → publish; every
// import pointing one way. This reads the real import graph and fails on a cycle between folders, on an
// import a folder is not meant to make, and on a crawler that touches files.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderGraph, folderOf, importEdges, importSpecifiers, resolveSpecifier, sourceFiles, type ImportEdge } from './import-graph.ts';

const ROOT = join(import.meta.dirname, '..');

/** What each folder may import from. `test/` may import anything and is not listed. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  store: ['core'],
  crawler: ['core', 'store'],
  changes: ['core', 'store'],
  pipeline: ['core', 'store', 'crawler', 'changes'],
  publish: ['core', 'store'],
  simulator: ['core'],
  scripts: ['core', 'store', 'pipeline', 'publish', 'simulator'],
  bench: ['core', 'store', 'crawler', 'changes', 'pipeline', 'publish', 'simulator'],
};
const FOLDERS = Object.keys(MAY_IMPORT);

async function projectEdges(): Promise<ImportEdge[]> {
  return importEdges(ROOT, await sourceFiles(ROOT, FOLDERS));
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
    expect(folderCycles(folderGraph(edges))).toEqual([]);
  });

  it('has every folder import only from the folders beneath it', async () => {
    const unexpected = (await projectEdges())
      .filter(({ from, to }) => folderOf(from) !== folderOf(to) && folderOf(to) !== '.')
      .filter(({ from, to }) => !(MAY_IMPORT[folderOf(from)] ?? []).includes(folderOf(to)))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(unexpected).toEqual([]);
  });

  it('keeps the crawler away from files: it turns ModelScope into a Snapshot value and nothing more', async () => {
    const files = await sourceFiles(ROOT, ['crawler']);
    const touching: string[] = [];
    for (const file of files) {
      for (const specifier of importSpecifiers(await readFile(join(ROOT, file), 'utf8'))) {
        const target = resolveSpecifier(file, specifier);
        const fileSystem = /^node:fs(\/|$)|^fs(\/|$)/.test(specifier);
        // From store/ it may take the record schema, dates and orders, never the file readers and writers.
        const storeIo = target?.startsWith('store/') === true && !['store/record.ts', 'store/dates.ts', 'store/order.ts'].includes(target);
        if (fileSystem || storeIo) touching.push(`${file} → ${specifier}`);
      }
    }
    expect(files.length).toBeGreaterThan(5);
    expect(touching).toEqual([]);
  });
});
