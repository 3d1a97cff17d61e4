// Git plumbing for the history benchmark: a throwaway repository over the data dir, and the size of
// its packs after `git gc`, split by what the objects are.
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Run git in `repo`, returning stdout. */
export async function git(repo: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', repo, ...args], { maxBuffer: 1 << 30 });
  return stdout;
}

/** A repository with a fixed identity and no automatic gc (we gc when we measure). */
export async function initRepo(repo: string): Promise<void> {
  await git(repo, ['init', '-q']);
  const settings: [string, string][] = [['user.name', 'bench'], ['user.email', 'bench@example.invalid'], ['gc.auto', '0'], ['commit.gpgsign', 'false']];
  for (const [key, value] of settings) await git(repo, ['config', key, value]);
}

/** Stage `paths` (relative to the repo) and commit them. */
export async function commit(repo: string, paths: readonly string[], message: string): Promise<void> {
  await git(repo, ['add', '--all', '--', ...paths]);
  await git(repo, ['commit', '-q', '-m', message]);
}

/** Packed size after gc, in bytes: total and by object category. */
export interface PackSize {
  total: number;
  /** snapshots/, events/, history/, and `git` for trees and commits. */
  byCategory: Record<string, number>;
  /** Snapshot blobs stored whole and as deltas (git only deltas between files it pairs by name). */
  snapshotObjects: { whole: number; deltas: number; medianBaseDays: number };
}

function category(path: string | undefined): string {
  if (path === undefined || path === '') return 'git';
  if (path.startsWith('snapshots/')) return 'snapshots';
  if (path.startsWith('history/')) return 'history';
  if (path.startsWith('events/') || path === 'events.json') return 'events';
  return 'git'; // trees (directories) and commits
}

/** Days between two snapshot paths (`snapshots/<date>.json`), if both are snapshots. */
function daysBetween(a: string | undefined, b: string | undefined): number | undefined {
  const date = (path: string | undefined): number | undefined => {
    const match = /^snapshots\/(\d{4}-\d{2}-\d{2})\.json$/.exec(path ?? '');
    return match === null ? undefined : Date.parse(`${match[1]}T00:00:00Z`) / 86_400_000;
  };
  const [from, to] = [date(a), date(b)];
  return from === undefined || to === undefined ? undefined : Math.abs(to - from);
}

/** `git gc`, then sum the pack files and attribute each packed object to a category. */
export async function gcAndMeasure(repo: string): Promise<PackSize> {
  await git(repo, ['gc', '--quiet', '--prune=now']);
  const packDir = join(repo, '.git', 'objects', 'pack');
  const names = await readdir(packDir);
  let total = 0;
  for (const name of names.filter((n) => n.endsWith('.pack'))) total += (await stat(join(packDir, name))).size;
  const paths = new Map<string, string>();
  for (const line of (await git(repo, ['rev-list', '--objects', '--all'])).split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) paths.set(line.slice(0, space), line.slice(space + 1));
  }
  const byCategory: Record<string, number> = { snapshots: 0, events: 0, history: 0, git: 0 };
  const snapshotObjects = { whole: 0, deltas: 0, medianBaseDays: Number.NaN };
  const baseDays: number[] = [];
  for (const name of names.filter((n) => n.endsWith('.idx'))) {
    const listing = await git(repo, ['verify-pack', '-v', join(packDir, name)]);
    for (const line of listing.split('\n')) {
      const match = /^([0-9a-f]{40}) (\w+)\s+\d+ (\d+) \d+(?: \d+ ([0-9a-f]{40}))?/.exec(line);
      if (match === null) continue;
      const [, sha, type, inPack, base] = match as unknown as [string, string, string, string, string | undefined];
      const key = type === 'blob' ? category(paths.get(sha)) : 'git';
      byCategory[key] = (byCategory[key] ?? 0) + Number(inPack);
      if (key !== 'snapshots') continue;
      snapshotObjects[base === undefined ? 'whole' : 'deltas']++;
      const days = base === undefined ? undefined : daysBetween(paths.get(sha), paths.get(base));
      if (days !== undefined) baseDays.push(days);
    }
  }
  baseDays.sort((a, b) => a - b);
  snapshotObjects.medianBaseDays = baseDays[Math.floor(baseDays.length / 2)] ?? Number.NaN;
  return { total, byCategory, snapshotObjects };
}
