// `npm run demo` is the one-command offline tour: it must keep working on a fresh clone.
import { execFile, spawn } from 'node:child_process';
import { access, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { runScript, tempDir, treeContents, type CommandResult } from './helpers.ts';

const exec = promisify(execFile);

/** Run the demo to the end of its build (not serving); never throws, returns the exit code and output. */
const demo = (args: string[]): Promise<CommandResult> => runScript('scripts/demo.ts', ['--no-serve', ...args]);

// Each test runs the demo (a simulator, crawls and a build) in a child process: seconds alone, more beside
// the rest of the suite.
describe('demo/offline-run', { timeout: 120_000 }, () => {
  it('crawls simulated nights, records the refused one as a gap and builds the site', async () => {
    const root = await tempDir('demo-');
    const dataDir = join(root, 'data');
    const out = join(root, 'dist');
    const { stdout } = await exec(process.execPath, ['scripts/demo.ts', '--no-serve', '--nights', '6', '--size', '150', '--data-dir', dataDir, '--out', out]);
    expect(stdout).toMatch(/crawl 2026-01-04: refused — the API-Inference filter was ignored/);
    expect(stdout).toMatch(/crawl 2026-01-05: published[\s\S]*no data for 2026-01-04/);
    expect(stdout).toMatch(/crawl 2026-01-06: published[\s\S]*\(2 retries/);
    await access(join(out, 'index.html'));
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { version: string; items: unknown[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.length).toBeGreaterThan(0);
  });

  it('refuses to write into data/', async () => {
    const result = await exec(process.execPath, ['scripts/demo.ts', '--no-serve', '--data-dir', 'data']).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).not.toBe(0);
    expect((result as { stderr: string }).stderr).toMatch(/never writes to data\//);
  });

  it('recognises data/ however the path is written, and leaves it byte-identical', async () => {
    const root = await tempDir('demo-');
    await symlink(join(process.cwd(), 'data'), join(root, 'link'));
    // A link into the project, then `..`: the file system resolves the link first, so this is data/ too.
    await symlink(join(process.cwd(), 'site'), join(root, 'into-site'));
    const before = await treeContents('data');
    expect(Object.keys(before)).toContain('README.md');
    const variants = [join(process.cwd(), 'data'), './data//', `../${basename(process.cwd())}/data`, join(root, 'link'), 'data/inside', '.', `${root}/into-site/../data`, `${root}/into-site/../data/x/..`];
    for (const dataDir of variants) {
      const result = await demo(['--nights', '1', '--size', '20', '--data-dir', dataDir]);
      expect(result.code, dataDir).toBe(2);
      expect(result.stderr.trim().split('\n'), dataDir).toHaveLength(1);
      expect(result.stderr, dataDir).toMatch(/^demo: the demo never writes to data\//);
    }
    expect(await treeContents('data')).toEqual(before);
  });

  it('never wipes a directory it did not make, and does wipe its own', async () => {
    const root = await tempDir('demo-');
    const foreign = join(root, 'mine');
    await mkdir(foreign);
    await writeFile(join(foreign, 'thesis.tex'), 'years of work');
    const refused = await demo(['--nights', '1', '--size', '20', '--data-dir', foreign, '--out', join(root, 'dist')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not empty and the demo did not make it/);
    expect(await treeContents(foreign)).toEqual({ 'thesis.tex': 'years of work' });

    const own = join(root, 'demo-data');
    expect((await demo(['--nights', '1', '--size', '20', '--data-dir', own, '--out', join(root, 'dist')])).code).toBe(0);
    await writeFile(join(own, 'stray.txt'), 'x');
    expect((await demo(['--nights', '1', '--size', '20', '--data-dir', own, '--out', join(root, 'dist')])).code).toBe(0);
    expect(Object.keys(await treeContents(own))).not.toContain('stray.txt');
  });

  it('by default crawls 14 nights into a temporary dir, one refused and one failed, then serves the site and prints its URL', async () => {
    const root = await tempDir('demo-');
    const env = { ...process.env };
    delete env['CI'];
    const child = spawn(process.execPath, ['scripts/demo.ts', '--size', '150', '--out', join(root, 'dist'), '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const url = await new Promise<string>((done, fail) => {
        child.stdout.on('data', () => {
          const match = /serving the site on (http:\/\/localhost:\d+\/)/.exec(stdout);
          if (match?.[1] !== undefined) done(match[1]);
        });
        child.once('exit', (code) => fail(new Error(`demo exited (${code}) before serving:\n${stdout}`)));
      });
      expect(stdout).toMatch(/crawl 2026-01-04: refused/);
      expect(stdout).toMatch(/crawl 2026-01-09: failed/);
      expect(stdout).toMatch(/crawl 2026-01-14: published/);
      const dataDir = /data in (\S+);/.exec(stdout)?.[1] ?? '';
      expect(dataDir.startsWith(tmpdir())).toBe(true);
      const home = await fetch(url);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<table');
      const missing = await fetch(`${url}models/nobody/never/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('data-departed');
      // The refused and the failed night are kept with their reasons, and the status page says why, and
      // that this is demo data.
      const nights = JSON.parse(await readFile(join(dataDir, 'nights.json'), 'utf8')) as { nights: { date: string; outcome: string; reason: string }[] };
      expect(nights.nights.map((night) => `${night.date} ${night.outcome}`)).toEqual(['2026-01-04 refused', '2026-01-09 failed']);
      expect(nights.nights.every((night) => night.reason.length > 10)).toBe(true);
      const status = cheerio.load(await (await fetch(`${url}status/`)).text());
      expect(status('[data-demo]').length).toBe(1);
      const missed = status('[data-missed] li').map((_, li) => status(li).text()).get();
      expect(missed).toEqual([`2026-01-09: failed — ${nights.nights[1]?.reason}`, `2026-01-04: refused — ${nights.nights[0]?.reason}`]);
      await rm(dataDir, { recursive: true, force: true });
    } finally {
      child.kill();
    }
  }, 120_000);
});
