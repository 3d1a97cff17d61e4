// The project's import graph, read from the sources, for the architecture test: which module imports
// which, folded into which top-level folder imports which, and the cycles among folders.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative, sep } from 'node:path';

/** One import: the importing file and the imported file, both relative to the root, POSIX separators. */
export interface ImportEdge {
  from: string;
  to: string;
}

// Static imports and re-exports (`import … from '…'`, `export … from '…'`, `import '…'`), dynamic
// `import('…')` and worker URLs (`new URL('./x.ts', import.meta.url)`): every way a module here loads another.
const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
];

/** The specifiers a source text imports, in order of appearance (duplicates kept). */
export function importSpecifiers(source: string): string[] {
  return specifiersOf(source, false);
}

/**
 * The specifiers a source text loads at run time: `import type` and `export type` statements are left
 * out, since TypeScript erases them and they load nothing.
 */
export function valueImportSpecifiers(source: string): string[] {
  return specifiersOf(source, true);
}

function specifiersOf(source: string, valuesOnly: boolean): string[] {
  const found: { at: number; specifier: string }[] = [];
  for (const pattern of SPECIFIERS) {
    for (const match of source.matchAll(pattern)) {
      if (valuesOnly && /^(?:import|export)\s+type\s/.test(match[0])) continue;
      found.push({ at: match.index, specifier: match[1] as string });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.specifier);
}

/** The two kinds of code an `.astro` file holds: its frontmatter (run by the build) and its `<script>`s (bundled for the browser). */
export interface AstroParts {
  frontmatter: string;
  scripts: string[];
}

/**
 * Split an `.astro` component into its frontmatter (between the opening `---` fences) and the bodies of
 * its processed `<script>` elements; `is:inline` scripts are left as they are by Astro, so import nothing.
 */
export function astroParts(source: string): AstroParts {
  const fence = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*$/m.exec(source);
  const frontmatter = fence !== null && source.slice(0, fence.index).trim() === '' ? (fence[1] as string) : '';
  const template = fence === null ? source : source.slice(fence.index + fence[0].length);
  const scripts: string[] = [];
  for (const match of template.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bis:inline\b/.test(match[1] as string)) continue;
    scripts.push(match[2] as string);
  }
  return { frontmatter, scripts };
}

/** The source text whose imports count: all of a `.ts` file, the frontmatter and scripts of an `.astro` file. */
export function importingText(path: string, source: string): string {
  if (!path.endsWith('.astro')) return source;
  const { frontmatter, scripts } = astroParts(source);
  return [frontmatter, ...scripts].join('\n');
}

/** The imported file of a relative specifier, relative to the root; undefined for packages and `node:` modules. */
export function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return normalize(join(dirname(fromFile), specifier)).split(sep).join('/');
}

/** The top-level folder a root-relative path lies in (`crawler/http/client.ts` → `crawler`); `.` for root files. */
export function folderOf(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

/** Folder → folders it imports from (itself left out), from file-level edges. */
export function folderGraph(edges: readonly ImportEdge[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    if (a !== b) graph.get(a)?.add(b);
  }
  return graph;
}

/** Every cycle's folders (strongly connected components of two or more), each sorted, sorted among themselves. */
export function folderCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  // Tarjan's algorithm; the graph has a dozen nodes, so recursion depth is no concern.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

/** Directories that hold no source of ours: installed packages, build output, tool caches and dot-directories. */
const NOT_SOURCE = new Set(['node_modules', 'dist']);

/**
 * Every source file under `folders` of `root` whose name ends in one of `extensions` (default `.ts`);
 * `node_modules`, build output (`dist`) and dot-directories (`.astro`, leftovers of builds) never looked at.
 */
export async function sourceFiles(root: string, folders: readonly string[], extensions: readonly string[] = ['.ts']): Promise<string[]> {
  const files: string[] = [];
  for (const folder of folders) {
    const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() || !extensions.some((ext) => entry.name.endsWith(ext))) continue;
      const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (path.split('/').some((part) => NOT_SOURCE.has(part) || part.startsWith('.'))) continue;
      files.push(path);
    }
  }
  return files.sort();
}

/** The file-level import edges among `files` (imports of packages and node: modules left out); `.astro` files by their frontmatter and scripts. */
export async function importEdges(root: string, files: readonly string[]): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    for (const specifier of importSpecifiers(importingText(from, await readFile(join(root, from), 'utf8')))) {
      const to = resolveSpecifier(from, specifier);
      if (to !== undefined) edges.push({ from, to });
    }
  }
  return edges;
}
