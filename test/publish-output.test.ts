// The site build's file-system edge: leftovers of killed builds are cleared, running ones are not.
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeStagingDir, removeStaleLeftovers, STALE_LEFTOVER_MS } from '../publish/output.ts';
import { tempDir } from './helpers.ts';

/** A directory with one file in it, its mtime set `ageMs` in the past. */
async function leftover(parent: string, name: string, ageMs: number): Promise<void> {
  const dir = join(parent, name);
  await mkdir(dir);
  await writeFile(join(dir, 'index.html'), 'partial');
  const at = new Date(Date.now() - ageMs);
  await utimes(dir, at, at);
}

describe('publish/output', () => {
  it('stale-leftovers: deletes old .dist.build-* and .dist.old-* beside the output, keeps young ones and others', async () => {
    const parent = await tempDir('publish-output-');
    await leftover(parent, '.dist.build-killed', STALE_LEFTOVER_MS * 2);
    await leftover(parent, '.dist.old-killed', STALE_LEFTOVER_MS * 2);
    await leftover(parent, '.dist.build-running', 60_000);
    await leftover(parent, '.distant.build-other', STALE_LEFTOVER_MS * 2);
    await leftover(parent, 'dist', STALE_LEFTOVER_MS * 2);

    const removed = await removeStaleLeftovers(join(parent, 'dist'));

    expect(removed.map((path) => path.slice(parent.length + 1)).sort()).toEqual(['.dist.build-killed', '.dist.old-killed']);
    expect((await readdir(parent)).sort()).toEqual(['.dist.build-running', '.distant.build-other', 'dist']);
  });

  it('stale-leftovers: a missing output parent is nothing to clean', async () => {
    const parent = await tempDir('publish-output-');
    expect(await removeStaleLeftovers(join(parent, 'not-yet', 'dist'))).toEqual([]);
  });

  it('staging: a new staging directory is made after the stale ones are gone', async () => {
    const parent = await tempDir('publish-output-');
    await leftover(parent, '.dist.build-killed', STALE_LEFTOVER_MS + 1000);
    const staged = await makeStagingDir(join(parent, 'dist'));
    const names = await readdir(parent);
    expect(names).toHaveLength(1);
    expect(join(parent, names[0] ?? '')).toBe(staged);
    expect(names[0]).toMatch(/^\.dist\.build-/);
  });
});
