import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { access, cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import { model, snapshot } from './factories.ts';
import { tempDir, treeContents } from './fixtures/publish/fs.ts';
import { runScript, type CommandResult, SITE_BUILDS } from './helpers.ts';

const cli = fileURLToPath(new URL('../publish/build.ts', import.meta.url));
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Run the build CLI with a clean environment plus `env`; never throws, returns code and output. */
function build(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return buildIn(process.cwd(), args, env);
}

/** The same, run from directory `cwd`. */
function buildIn(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runScript(cli, args, { cwd, env: { PATH: process.env['PATH'] ?? '', ...env } });
}

async function dataWithChanges(owner: string[] = made) {
  const root = await tempDir();
  owner.push(root);
  const dataDir = join(root, 'data');
  await writeSnapshot(dataDir, snapshot('2026-03-01', [model('a/one'), model('b/two')]));
  await writeSnapshot(dataDir, snapshot('2026-03-03', [model('a/one'), model('c/three', { likes: 4 })]));
  await rebuildChanges(dataDir);
  return { root, dataDir, out: join(root, 'dist') };
}

let previous: Promise<string> | undefined;
const previousRoots: string[] = [];
afterAll(async () => {
  await Promise.all(previousRoots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Puts "the previous site" at `out`, as a good build of dataWithChanges() writes it: built once by the CLI
 * (a build is seconds of CPU) and copied for each test that proves a failed build leaves it untouched.
 */
async function previousSite(out: string): Promise<void> {
  previous ??= (async () => {
    const { dataDir, out: first } = await dataWithChanges(previousRoots);
    const result = await build(['--data-dir', dataDir, '--out', first]);
    if (result.code !== 0) throw new Error(`the previous site did not build: ${result.stderr}`);
    return first;
  })();
  await cp(await previous, out, { recursive: true });
}

describe('publish/cli', SITE_BUILDS, () => {
  it('--help prints usage and exits 0', async () => {
    const result = await build(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run build');
    expect(result.stdout).toContain('SITE_SNAPSHOT_DAYS');
    expect(result.stdout).toContain('SITE_TOMBSTONE_DAYS');
  });

  it('builds from CATALOG_DATA_DIR and SITE_URL using the change log on disk', async () => {
    const { dataDir, out } = await dataWithChanges();
    const result = await build(['--out', out], { CATALOG_DATA_DIR: dataDir, SITE_URL: 'https://u.github.io/repo' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Built ${out} for https://u.github.io/repo/: latest 2026-03-03, 2 models on the list, 3 model pages (English and Chinese in one), 1 feed item, 2 snapshots.`);
    // Readable by a web server running as another user (mkdtemp alone would leave it 0700).
    expect((await stat(out)).mode & 0o777).toBe(0o755);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { feed_url: string; items: { title: string; content_text: string }[] };
    expect(feed.feed_url).toBe('https://u.github.io/repo/feed.json');
    expect(feed.items.map((item) => item.title)).toEqual(['1 entered, 1 left']);
    expect(feed.items[0]?.content_text).toContain('no data for 2026-03-02');
    // The model that left keeps its page, a tombstone, and (issue 21.4, intentionally changed: it lost it)
    // its JSON file, within the tombstone window, as a model off the list; the others have both.
    const tomb = await readFile(join(out, 'models/b/two/index.html'), 'utf8');
    expect(tomb).toContain('Left the list on 2026-03-03 after 1 day.');
    const gone = JSON.parse(await readFile(join(out, 'api/models/b/two.json'), 'utf8')) as { onList: boolean; current: unknown };
    expect(gone).toMatchObject({ onList: false, current: null });
    const kept = JSON.parse(await readFile(join(out, 'api/models/a/one.json'), 'utf8')) as { onList: boolean; events: { kind: string }[] };
    expect(kept.onList).toBe(true);
    // Three models ever seen: one page each (the Chinese view is the same page at ?lang=zh).
    for (const id of ['a/one', 'b/two', 'c/three']) {
      await access(join(out, 'models', id, 'index.html'));
      await expect(access(join(out, 'zh', 'models', id, 'index.html'))).rejects.toThrow(/ENOENT/);
    }
  });

  it('refuses a data dir without snapshots with one line, leaving the previous site, unless --allow-empty', async () => {
    const { root, dataDir, out } = await dataWithChanges();
    await previousSite(out);
    const before = await treeContents(out);
    await mkdir(join(root, 'empty'));
    const refused = await build(['--data-dir', join(root, 'empty'), '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`build: ${join(root, 'empty')}: no snapshots yet, nothing to build: run npm run crawl (or npm run demo for an offline site); --allow-empty builds an empty site\n`);
    expect(await treeContents(out)).toEqual(before);
    const result = await build(['--data-dir', join(root, 'empty'), '--out', join(root, 'dist-empty'), '--allow-empty']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No snapshots in');
    expect(Object.keys(await treeContents(join(root, 'dist-empty')))).toContain('api/latest.json');
  });

  it('fails with one line when the data dir does not exist, leaving the previous site in place', async () => {
    const { root, dataDir, out } = await dataWithChanges();
    await previousSite(out);
    const before = await treeContents(out);
    const result = await build(['--data-dir', join(root, 'typo'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`build: ${join(root, 'typo')}: the data dir does not exist\n`);
    expect(await treeContents(out)).toEqual(before);
    await expect(access(join(root, 'typo'))).rejects.toThrow();
  });

  it('fails with one line and exit 2 (usage) on a bad setting, leaving the output alone', async () => {
    const { dataDir, out } = await dataWithChanges();
    await previousSite(out);
    const before = await treeContents(out);
    const result = await build(['--data-dir', dataDir, '--out', out], { SITE_SNAPSHOT_DAYS: 'lots' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('build: SITE_SNAPSHOT_DAYS: expected a whole number of days or "all", got "lots"\n');
    expect(await treeContents(out)).toEqual(before);
  });

  it('fails when the change log lags the newest snapshot', async () => {
    const { dataDir, out } = await dataWithChanges();
    await writeSnapshot(dataDir, snapshot('2026-03-04', [model('a/one')]));
    const result = await build(['--data-dir', dataDir, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('the change log ends at 2026-03-03 but the newest snapshot is 2026-03-04');
  });
});

describe('publish/cli-snapshot-copies', SITE_BUILDS, () => {
  it('fails with one line naming a truncated older snapshot instead of publishing it, leaving the previous site', async () => {
    const { dataDir, out } = await dataWithChanges();
    await previousSite(out);
    const before = await treeContents(out);
    const path = join(dataDir, 'snapshots', '2026-03-01.json');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, text.length - 20));
    const result = await build(['--data-dir', dataDir, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^build: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`))]);
    expect(await treeContents(out)).toEqual(before);
  });
});

describe('publish/cli-output-safety', SITE_BUILDS, () => {
  it.each([
    ['the current directory (a checkout)', '.'],
    ['the data dir', 'data'],
    ['a directory of other files', 'notes'],
    ['a parent of the data dir', 'parent'],
  ])('refuses to replace %s, with one line and exit 2, and deletes nothing', async (_what, target) => {
    const root = await tempDir();
    made.push(root);
    const checkout = join(root, 'checkout');
    await mkdir(join(checkout, '.git'), { recursive: true });
    await writeFile(join(checkout, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await writeFile(join(checkout, 'README.md'), '# mine\n');
    await mkdir(join(checkout, 'notes'));
    await writeFile(join(checkout, 'notes', 'todo.txt'), 'keep me\n');
    const dataDir = join(checkout, target === 'parent' ? 'parent/data' : 'data');
    await writeSnapshot(dataDir, snapshot('2026-03-01', [model('a/one')]));
    await rebuildChanges(dataDir);
    const before = await treeContents(checkout);
    const out = target === 'parent' ? 'parent' : target;
    const result = await buildIn(checkout, ['--data-dir', dataDir, '--out', out]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^build: --out: /);
    expect(await treeContents(checkout)).toEqual(before);
  });

  it('refuses a file as the output', async () => {
    const { root, dataDir } = await dataWithChanges();
    await writeFile(join(root, 'site.txt'), 'x');
    const result = await build(['--data-dir', dataDir, '--out', join(root, 'site.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a directory a build made');
    expect(await readFile(join(root, 'site.txt'), 'utf8')).toBe('x');
  });

  it('replaces its own earlier output and an empty directory', async () => {
    const { dataDir, out } = await dataWithChanges();
    await mkdir(out);
    expect((await build(['--data-dir', dataDir, '--out', out])).code).toBe(0);
    expect(await readdir(out)).toContain('.catalog-build');
    await writeFile(join(out, 'stale.html'), 'from an older build');
    expect((await build(['--data-dir', dataDir, '--out', out])).code).toBe(0);
    expect(await readdir(out)).not.toContain('stale.html');
  });

  it('never deletes a folder that only looks like a build: file names, a foreign or linked marker prove nothing', async () => {
    const { root, dataDir, out } = await dataWithChanges();
    // A user's own site: the names a build writes, but no marker.
    await mkdir(join(out, 'api'), { recursive: true });
    for (const name of ['index.html', 'feed.json', 'rss.xml', 'api/index.json']) await writeFile(join(out, name), 'mine');
    const before = await treeContents(out);
    const refused = await build(['--data-dir', dataDir, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^build: --out: .* is not a directory a build made \(no \.catalog-build in it\)/);
    expect(await treeContents(out)).toEqual(before);
    // A marker file of other content, and a marker that is a link to a real one, are not ours either.
    await writeFile(join(out, '.catalog-build'), 'anything');
    expect((await build(['--data-dir', dataDir, '--out', out])).code).toBe(2);
    await rm(join(out, '.catalog-build'));
    const real = join(root, 'real-site');
    expect((await build(['--data-dir', dataDir, '--out', real])).code).toBe(0);
    await symlink(join(real, '.catalog-build'), join(out, '.catalog-build'));
    expect((await build(['--data-dir', dataDir, '--out', out])).code).toBe(2);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('mine');
  });
});

describe('preview', SITE_BUILDS, () => {
  it('answers a path that is not valid percent-encoding with 400 and keeps serving', async () => {
    const { dataDir, out } = await dataWithChanges();
    expect((await build(['--data-dir', dataDir, '--out', out])).code).toBe(0);
    const child = spawn(process.execPath, ['scripts/preview.ts', '--dir', out, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const origin = /(http:\/\/localhost:\d+)\//.exec(line)?.[1] as string;
      expect((await fetch(`${origin}/%ZZ`)).status).toBe(400);
      expect((await fetch(`${origin}/api/%E0%A4%A`)).status).toBe(400);
      const feed = await fetch(`${origin}/feed.json`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
