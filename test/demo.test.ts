// `npm run demo` is the one-command offline tour: it must keep working on a fresh clone.
import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const exec = promisify(execFile);

describe('demo/offline-run', () => {
  it('crawls simulated nights, records the refused one as a gap and builds the site', async () => {
    const root = await tempDir('demo-');
    const dataDir = join(root, 'data');
    const out = join(root, 'dist');
    const { stdout } = await exec(process.execPath, ['scripts/demo.ts', '--nights', '6', '--size', '150', '--data-dir', dataDir, '--out', out]);
    expect(stdout).toMatch(/crawl 2026-01-04: refused — the API-Inference filter was ignored/);
    expect(stdout).toMatch(/crawl 2026-01-05: published[\s\S]*no data for 2026-01-04/);
    expect(stdout).toMatch(/crawl 2026-01-06: published[\s\S]*\(2 retries/);
    await access(join(out, 'index.html'));
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { version: string; items: unknown[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.length).toBeGreaterThan(0);
  });

  it('refuses to write into data/', async () => {
    const result = await exec(process.execPath, ['scripts/demo.ts', '--data-dir', 'data']).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).not.toBe(0);
    expect((result as { stderr: string }).stderr).toMatch(/never writes to data\//);
  });
});
