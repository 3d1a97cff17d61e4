// store/transaction.ts: several files change as one, or none does.
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesTogether } from '../store/transaction.ts';
import { tempDir, treeContents } from './helpers.ts';

async function dir(): Promise<string> {
  const root = await tempDir('transaction-');
  await mkdir(join(root, 'history'));
  await writeFile(join(root, 'events.json'), 'old events\n');
  await writeFile(join(root, 'history', 'aa.shard.json'), 'old aa\n');
  await writeFile(join(root, 'history', 'bb.shard.json'), 'old bb\n');
  await writeFile(join(root, 'history', 'cc.shard.json'), 'same\n');
  return root;
}

describe('store/transaction', () => {
  it('writes, adds and removes files together, leaves equal ones alone, and says what changed', async () => {
    const root = await dir();
    const changed = await writeFilesTogether([
      { path: join(root, 'history', 'aa.shard.json'), content: 'new aa\n' },
      { path: join(root, 'history', 'bb.shard.json'), content: null },
      { path: join(root, 'history', 'cc.shard.json'), content: 'same\n' },
      { path: join(root, 'history', 'dd.shard.json'), content: 'new dd\n' },
      { path: join(root, 'history', 'ee.shard.json'), content: null },
      { path: join(root, 'events.json'), content: 'new events\n' },
    ]);
    expect(changed.map((p) => p.slice(root.length + 1)).sort()).toEqual(['events.json', 'history/aa.shard.json', 'history/bb.shard.json', 'history/dd.shard.json']);
    expect(await treeContents(root)).toEqual({
      'events.json': 'new events\n',
      'history/aa.shard.json': 'new aa\n',
      'history/cc.shard.json': 'same\n',
      'history/dd.shard.json': 'new dd\n',
    });
  });

  it('a failure while preparing leaves every file byte-identical and no temp file', async () => {
    const root = await dir();
    const before = await treeContents(root);
    await writeFile(join(root, 'blocker'), 'a file where a directory is needed');
    const attempt = writeFilesTogether([
      { path: join(root, 'history', 'aa.shard.json'), content: 'new aa\n' },
      { path: join(root, 'blocker', 'x.json'), content: 'cannot be written\n' },
      { path: join(root, 'events.json'), content: 'new events\n' },
    ]);
    await expect(attempt).rejects.toThrow(/blocker\/x\.json: cannot (read|write)/);
    expect(await treeContents(root)).toEqual({ ...before, blocker: 'a file where a directory is needed' });
    expect((await readdir(join(root, 'history'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a rename that fails halfway puts back every file already renamed or removed', async () => {
    const root = await dir();
    const before = await treeContents(root);
    let renames = 0;
    const failing = {
      rename: async (from: string, to: string) => {
        renames += 1;
        if (renames === 3) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return rename(from, to);
      },
    };
    const attempt = writeFilesTogether(
      [
        { path: join(root, 'history', 'aa.shard.json'), content: 'new aa\n' },
        { path: join(root, 'history', 'bb.shard.json'), content: null },
        { path: join(root, 'history', 'dd.shard.json'), content: 'new dd\n' },
        { path: join(root, 'events.json'), content: 'new events\n' },
      ],
      failing,
    );
    await expect(attempt).rejects.toThrow(/events\.json: cannot write \(ENOSPC\)/);
    expect(await treeContents(root)).toEqual(before);
    expect([...(await readdir(root)), ...(await readdir(join(root, 'history')))].filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
