// The node flags and entry file of an npm script (`node --max-semi-space-size=16 pipeline/crawl-cli.ts`), so a
// command that runs another as a child (the nightly job, the benchmarks) runs exactly what `npm run` would.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `npm run <name>` as node arguments: its flags and its script, relative to the project root. */
export async function npmScriptCommand(name: string): Promise<{ nodeArgs: string[]; script: string }> {
  const { scripts } = JSON.parse(await readFile(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = scripts[name]?.split(/\s+/) ?? [];
  if (words[0] !== 'node' || words.length < 2) throw new Error(`npm script ${name} is not "node [flags] script": ${scripts[name]}`);
  return { nodeArgs: words.slice(1, -1), script: join(import.meta.dirname, '..', words.at(-1) as string) };
}
