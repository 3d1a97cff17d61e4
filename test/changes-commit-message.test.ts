// The nightly data commit says what the night did: `data: DATE +entered −left ↺returned (N models)`.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../changes/commit-message-cli.ts';
import { commitMessage } from '../changes/commit-message.ts';
import { updateChanges } from '../changes/update.ts';
import type { ObservedDay } from '../store/types.ts';
import { model, tempDataDir, writeDay } from './changes-factory.ts';

const night = (overrides: Partial<ObservedDay> = {}): ObservedDay => ({
  date: '2026-11-24', previous: '2026-11-23', missing: [], models: 61_234, entered: 3, left: 1, returned: 2, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0, ...overrides,
});

describe('changes/commit-message', () => {
  it('gives the night, its entered, left and returned counts and the size of the list', () => {
    expect(commitMessage(night())).toBe('data: 2026-11-24 +3 −1 ↺2 (61,234 models)');
    expect(commitMessage(night({ entered: 0, left: 0, returned: 0, models: 1 }))).toBe('data: 2026-11-24 +0 −0 ↺0 (1 model)');
  });

  it('names the nights missed before it, and calls the first night a baseline', () => {
    expect(commitMessage(night({ previous: '2026-11-21', missing: ['2026-11-22', '2026-11-23'] }))).toBe(
      'data: 2026-11-24 +3 −1 ↺2 (61,234 models, after missing 2026-11-22, 2026-11-23)',
    );
    expect(commitMessage(night({ previous: null, entered: 0, left: 0, returned: 0 }))).toBe('data: 2026-11-24 baseline (61,234 models)');
  });

  it('adds renames and the gateway list’s own moves when the night had them', () => {
    expect(commitMessage(night({ renamed: 2 }))).toBe('data: 2026-11-24 +3 −1 ↺2 (61,234 models, 2 renamed)');
    expect(commitMessage(night({ gateway: 56, served: 1, unserved: 2, servedAgain: 0 }))).toBe('data: 2026-11-24 +3 −1 ↺2 (61,234 models); gateway +1 −2 ↺0 (56 ids)');
    expect(commitMessage(night({ gateway: 56 }))).toBe('data: 2026-11-24 +3 −1 ↺2 (61,234 models)');
  });
});

describe('changes/commit-message-cli', () => {
  const made: string[] = [];
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  };

  it('prints the message of the newest night in the event log', async () => {
    const root = await tempDataDir();
    made.push(root);
    const dataDir = join(root, 'data');
    await writeDay(dataDir, '2026-11-23', [model('a/one'), model('b/two')]);
    await updateChanges(dataDir, '2026-11-23');
    await writeDay(dataDir, '2026-11-24', [model('a/one'), model('c/three'), model('d/four')]);
    await updateChanges(dataDir, '2026-11-24');
    expect(await run(['--data-dir', dataDir])).toEqual({ code: 0, out: 'data: 2026-11-24 +2 −1 ↺0 (3 models)\n', err: '' });
  });

  it('fails with one line when there is no night to describe', async () => {
    const root = await tempDataDir();
    made.push(root);
    const result = await run(['--data-dir', join(root, 'nothing')]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^commit-message: .*no night yet.*\n$/);
    expect(result.err.split('\n')).toHaveLength(2);
  });
});
