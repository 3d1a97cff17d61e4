// npm run compare-builds: one data dir built by the working tree and by a git revision, compared.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import { model, snapshot } from './factories.ts';
import { runScript, tempDir } from './helpers.ts';

describe('scripts/compare-builds', () => {
  it('builds a data dir with the working tree and with HEAD and reports the comparison, cleaning up after itself', { timeout: 120_000 }, async () => {
    const root = await tempDir('compare-builds-test-');
    const dataDir = join(root, 'data');
    await mkdir(dataDir);
    await writeSnapshot(dataDir, snapshot('2026-03-01', [model('a/one'), model('b/two')]));
    await writeSnapshot(dataDir, snapshot('2026-03-02', [model('a/one')]));
    await rebuildChanges(dataDir);
    const result = await runScript('scripts/compare-builds.ts', ['--base', 'HEAD', '--data-dir', dataDir]);
    // Identical when the working tree's site code is HEAD's (a clean checkout); else the differences are listed.
    const identical = /^identical: (\d+) files$/m.exec(result.stdout);
    if (identical !== null) {
      expect(result.code, result.stderr).toBe(0);
      expect(Number(identical[1])).toBeGreaterThan(10);
    } else {
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toMatch(/difference\(s\)|differ only in the names of bundled assets/);
    }
    // Its worktree is removed again.
    const { stdout: worktrees } = await promisify(execFile)('git', ['worktree', 'list']);
    expect(worktrees).not.toMatch(/compare-builds-/);
  });

  it('refuses a revision the repository does not have, in one line with exit 2', async () => {
    const result = await runScript('scripts/compare-builds.ts', ['--base', 'no-such-revision-anywhere']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('compare-builds: --base: not a revision of this repository: "no-such-revision-anywhere"\n');
  });
});
