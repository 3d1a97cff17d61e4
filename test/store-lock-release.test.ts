// The data dir's lock is given up on every path after it is taken: a failure in the clean-up that runs
// while holding it must not leave it behind (every later run would then refuse the data dir).
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir, withDataDirLock } from '../store/lock.ts';
import { tempDir } from './helpers.ts';

describe('store/lock: released on every failure path', () => {
  it('a clean-up that fails after the lock was taken gives the lock up before it throws', async () => {
    const dataDir = await tempDir('lock-release-');
    // `snapshots` is a file, so listing it for stale temp files fails (ENOTDIR) while the lock is held.
    await writeFile(join(dataDir, 'snapshots'), 'not a directory');
    await expect(lockDataDir(dataDir, 'crawl 2026-03-01')).rejects.toThrow();
    expect(existsSync(join(dataDir, '.lock'))).toBe(false);
    // Nothing else is left either: no aside file of the lock.
    expect(await readdir(dataDir)).toEqual(['snapshots']);
  });

  it('withDataDirLock releases when the body throws, and the next run takes the lock', async () => {
    const dataDir = await tempDir('lock-release-');
    await expect(withDataDirLock(dataDir, 'build', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(join(dataDir, '.lock'))).toBe(false);
    const lock = await lockDataDir(dataDir, 'crawl');
    await lock.release();
  });
});
