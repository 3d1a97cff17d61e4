// scripts/push-data.sh against real git repositories on disk: the night's data commit reaches the branch
// even when someone pushed meanwhile, and a push that keeps failing fails the step with one line that the
// failed-night issue will quote.
import { execFile } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const run = promisify(execFile);
const SCRIPT = resolve('scripts/push-data.sh');
const IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd, env: { ...process.env, ...IDENTITY } })).stdout.trim();
}

/** A bare origin with one commit on main, and two clones of it. */
async function world() {
  const root = await tempDir('push-data-');
  const origin = join(root, 'origin.git');
  await run('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  const seed = join(root, 'seed');
  await run('git', ['clone', '-q', origin, seed]);
  await git(seed, 'checkout', '-q', '-b', 'main');
  await writeFile(join(seed, 'README'), 'hi\n');
  await git(seed, 'add', '.');
  await git(seed, 'commit', '-q', '-m', 'seed');
  await git(seed, 'push', '-q', 'origin', 'main');
  const night = join(root, 'night');
  const other = join(root, 'other');
  await run('git', ['clone', '-q', origin, night]);
  await run('git', ['clone', '-q', origin, other]);
  return { root, origin, night, other };
}

async function pushData(cwd: string, reasonFile: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('bash', [SCRIPT, reasonFile], { cwd, env: { ...process.env, ...IDENTITY, PUSH_WAIT: '0', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('scripts/push-data.sh', () => {
  it('rebases the night’s commit onto code pushed meanwhile and pushes it', async () => {
    const { root, night, other, origin } = await world();
    await writeFile(join(other, 'code.ts'), 'export {};\n');
    await git(other, 'add', '.');
    await git(other, 'commit', '-q', '-m', 'code pushed during the crawl');
    await git(other, 'push', '-q', 'origin', 'main');
    await writeFile(join(night, 'snapshot.json'), '{}\n');
    await git(night, 'add', '.');
    await git(night, 'commit', '-q', '-m', 'data: the night');
    const result = await pushData(night, join(root, 'reason.log'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^push-data: pushed [0-9a-f]+ to main \(attempt 1 of 3\)$/m);
    expect((await git(origin, 'log', '--format=%s', 'main')).split('\n')).toEqual(['data: the night', 'code pushed during the crawl', 'seed']);
  });

  it('fails after the attempts with one line, appended to the reason file, when the push is refused', async () => {
    const { root, night, origin } = await world();
    const hook = join(origin, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "protected branch" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    await writeFile(join(night, 'snapshot.json'), '{}\n');
    await git(night, 'add', '.');
    await git(night, 'commit', '-q', '-m', 'data: the night');
    const reason = join(root, 'reason.log');
    await writeFile(reason, 'crawl: published 2026-12-07\n');
    const result = await pushData(night, reason, { PUSH_ATTEMPTS: '2' });
    expect(result.code).toBe(1);
    expect(result.stderr.match(/attempt \d of 2 failed/g)).toHaveLength(2);
    const lines = (await readFile(reason, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('crawl: published 2026-12-07');
    expect(lines[1]).toMatch(/^push-data: the night's data was committed but could not be pushed after 2 attempts: .*protected branch/);
    expect(lines).toHaveLength(2);
  });

  it('refuses nonsense settings with exit 2 before touching git', async () => {
    const { root, night } = await world();
    const result = await pushData(night, join(root, 'r.log'), { PUSH_ATTEMPTS: '0' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('push-data: PUSH_ATTEMPTS must be 1-99 and PUSH_WAIT 0-999 seconds');
  });
});
