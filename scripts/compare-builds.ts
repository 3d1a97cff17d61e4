// `npm run compare-builds`: proves a refactor changed no byte of the site. Builds the same data dir with
// the working tree and with an earlier revision (a detached git worktree sharing this checkout's
// node_modules), then compares the two outputs file by file. Without --data-dir it first runs the demo
// (the working tree's) for its data. Exit 0 identical, 1 different (the first differences are listed).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EXIT } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { flag, text, type Options } from '../core/options.ts';
import { UsageError } from '../core/errors.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

/** The compare-builds command. */
export const COMPARE_BUILDS = {
  name: 'compare-builds',
  usage: 'npm run compare-builds',
  about: `Builds one data dir twice, with the working tree and with git revision REV, and compares the two
sites byte for byte. A refactor that should change nothing the site shows must leave them identical.
When browser code moved, its bundles get new content-hashed names: such files are also compared with
those names blanked, and the report says which differ only by them (the exit status is still 1).`,
  options: {
    base: text({ value: 'REV', default: 'HEAD', doc: 'the revision to compare with; HEAD is the last commit' }),
    'data-dir': text({ value: 'DIR', shown: "a fresh demo run's, 14 nights of 1,500 models", doc: 'the data to build' }),
    keep: flag('keep the temporary directory (both sites) and print where it is'),
  },
  exit: '0 identical, 1 different or failed, 2 usage error',
} as const satisfies Command<Options>;

/** Every file below `dir`, as paths relative to it, sorted. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** Paths only in `a`, only in `b`, and in both with different bytes. */
async function compareTrees(a: string, b: string): Promise<{ onlyA: string[]; onlyB: string[]; differ: string[]; renamed: string[]; same: number }> {
  const [left, right] = await Promise.all([filesOf(a), filesOf(b)]);
  const inRight = new Set(right);
  const inLeft = new Set(left);
  const differ: string[] = [];
  const renamed: string[] = [];
  let same = 0;
  for (const path of left.filter((p) => inRight.has(p))) {
    const [x, y] = await Promise.all([readFile(join(a, path)), readFile(join(b, path))]);
    if (x.equals(y)) same++;
    else if (sameButAssetNames(x, y)) renamed.push(path);
    else differ.push(path);
  }
  return { onlyA: left.filter((p) => !inRight.has(p)), onlyB: right.filter((p) => !inLeft.has(p)), differ, renamed, same };
}

/** A bundled asset's content-hashed name, as pages and other assets refer to it. */
const ASSET_NAME = /_assets\/[\w-]+\.(js|css)/g;

/** Whether two files differ only in the names of bundled assets they refer to. */
const sameButAssetNames = (x: Buffer, y: Buffer): boolean => x.toString('utf8').replace(ASSET_NAME, '_assets/*.$1') === y.toString('utf8').replace(ASSET_NAME, '_assets/*.$1');

/** `node publish/build.ts` of the tree at `cwd` (its own copy of the build), for one fixed site URL. */
async function build(cwd: string, dataDir: string, out: string): Promise<void> {
  await run(process.execPath, ['publish/build.ts', '--data-dir', dataDir, '--out', out, '--site-url', 'https://example.github.io/repo/'], { cwd, maxBuffer: 16 * 1024 * 1024 });
}

/** Build the data dir with the working tree and with `--base`, and compare. */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(COMPARE_BUILDS, argv, async (values) => {
    const base = await run('git', ['rev-parse', '--verify', `${values.base}^{commit}`], { cwd: ROOT }).then(
      ({ stdout }) => stdout.trim(),
      () => {
        throw new UsageError(`not a revision of this repository: ${JSON.stringify(values.base)}`, '--base');
      },
    );
    const work = await mkdtemp(join(tmpdir(), 'compare-builds-'));
    const tree = join(work, 'base');
    try {
      let dataDir = values['data-dir'] === undefined ? undefined : resolve(values['data-dir']);
      if (dataDir === undefined) {
        dataDir = join(work, 'data');
        console.log('running the demo for its data…');
        await run(process.execPath, ['scripts/demo.ts', '--no-serve', '--data-dir', dataDir, '--out', join(work, 'demo-site')], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
      }
      await run('git', ['worktree', 'add', '--detach', '--quiet', tree, base], { cwd: ROOT });
      await symlink(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
      console.log(`building ${dataDir} with the working tree and with ${base.slice(0, 12)}…`);
      // One after the other: a build locks the data dir.
      await build(ROOT, dataDir, join(work, 'site-now'));
      await build(tree, dataDir, join(work, 'site-base'));
      const { onlyA, onlyB, differ, renamed, same } = await compareTrees(join(work, 'site-now'), join(work, 'site-base'));
      const problems = [...onlyA.map((p) => `only now:  ${p}`), ...onlyB.map((p) => `only base: ${p}`), ...differ.map((p) => `differs:   ${p}`)];
      if (values.keep) console.log(`kept ${work}`);
      if (renamed.length > 0) console.log(`${renamed.length} file(s) differ only in the names of bundled assets (browser code changed): ${renamed.slice(0, 3).join(', ')}${renamed.length > 3 ? ', …' : ''}`);
      if (problems.length === 0 && renamed.length === 0) {
        console.log(`identical: ${same} files`);
        return EXIT.ok;
      }
      console.log(`${problems.length} difference(s), ${same} files identical:\n${problems.slice(0, 40).join('\n')}${problems.length > 40 ? '\n…' : ''}`);
      return EXIT.failed;
    } finally {
      await run('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT }).catch(() => undefined);
      if (!values.keep) await rm(work, { recursive: true, force: true });
    }
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
