// `npm run bench:decade`: what years of unattended nights do to the repository (issue 23). Plays quiet
// nights (0.2% of the list leaving and as many entering, 1% of downloads moving) through the real
// nightly steps — snapshot file, `changes:update` in its own process, pruning to the newest snapshots,
// a git commit — in a real repository, then prints per-night growth and the projection to 1, 3 and 10
// years: working tree, largest file, git pack, the rebuild's peak memory and the nightly's shallow
// checkout. Growth is measured once the kept-snapshot window is full, so the bounded parts are not
// mistaken for growth.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { scriptOptions, type Command } from '../core/command.ts';
import { flag, integer, type Options } from '../core/options.ts';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import { KEEP_SNAPSHOTS, pruneSnapshots } from '../store/snapshot-archive.ts';
import { listSnapshotDates } from '../store/snapshots.ts';
import { runMeasured } from './child.ts';
import { git, initRepo } from './history-git.ts';
import { World } from './history-world.ts';

const BENCH_DECADE = {
  name: 'bench:decade',
  usage: 'npm run bench:decade',
  about: `Plays N quiet nights into a git repository as the nightly does and projects the growth to 1, 3 and
10 years at the same number of models.`,
  options: {
    models: integer({ value: 'N', default: 60_000, doc: 'models on the list, at least 1' }),
    nights: integer({ value: 'N', default: 40, doc: 'nights played, more than --keep-snapshots + 10' }),
    'keep-snapshots': integer({ value: 'N', default: KEEP_SNAPSHOTS, doc: 'snapshot files kept in the working tree, as the nightly keeps them; at least 1' }),
    keep: flag('keep the temporary repository and print where it is'),
  },
  exit: '0 every budget held, 1 one failed, 2 usage error',
} as const satisfies Command<Options>;

const { values } = scriptOptions(BENCH_DECADE);
const { models: MODELS, nights: NIGHTS, 'keep-snapshots': KEEP } = values;
if (![MODELS, NIGHTS, KEEP].every(Number.isSafeInteger) || MODELS < 1 || KEEP < 1 || NIGHTS < KEEP + 10) {
  process.stderr.write(`bench:decade: --models and --keep-snapshots must be whole numbers ≥ 1 and --nights at least --keep-snapshots + 10\n`);
  process.exit(2);
}

/** The budgets of issue 23 at ten years. */
const BUDGET = { workingTreeBytes: 1024 ** 3, largestFileBytes: 50 * 1024 ** 2, packBytesPerNight: 1024 ** 2, rebuildRssBytes: 1024 ** 3, checkoutBytes: 200 * 1024 ** 2 };
const YEARS = [1, 3, 10] as const;

const run = promisify(execFile);
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/** Total and largest file size below `dir` (its .git left out). */
async function treeSize(dir: string): Promise<{ bytes: number; largest: number; largestPath: string }> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  let bytes = 0;
  let largest = 0;
  let largestPath = '';
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || relative(dir, path).split('/')[0] === '.git') continue;
    const size = (await stat(path)).size;
    bytes += size;
    if (size > largest) [largest, largestPath] = [size, relative(dir, path)];
  }
  return { bytes, largest, largestPath };
}

/** The pack size after gc (what a full clone fetches). */
async function packBytes(repo: string): Promise<number> {
  await git(repo, ['gc', '--quiet', '--prune=now']);
  const out = await git(repo, ['count-objects', '-v']);
  return Number(/size-pack: (\d+)/.exec(out)?.[1] ?? 0) * 1024;
}

/** The nightly's `fetch-depth: 1` checkout: what it moves (the shallow clone's pack) and what it unpacks. */
async function shallowCheckout(repo: string): Promise<{ moved: number; onDisk: number }> {
  const clone = await mkdtemp(join(tmpdir(), 'decade-clone-'));
  try {
    await run('git', ['clone', '-q', '--depth', '1', '--no-local', `file://${repo}`, clone]);
    const objects = await git(clone, ['count-objects', '-v']);
    return { moved: Number(/size-pack: (\d+)/.exec(objects)?.[1] ?? 0) * 1024, onDisk: (await treeSize(clone)).bytes };
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
}

/** `npm run rebuild` of the data dir as it was at `commit` (a worktree of it): reads the older nights from git. */
async function rebuildAt(repo: string, commit: string): Promise<{ ms: number; rss: number }> {
  const tree = await mkdtemp(join(tmpdir(), 'decade-rebuild-'));
  try {
    await git(repo, ['worktree', 'add', '-q', '--detach', tree, commit]);
    const result = await runMeasured('changes/rebuild-cli.ts', ['--data-dir', join(tree, 'data')]);
    if (result.code !== 0) throw new Error(`rebuild at ${commit} failed: ${result.stderr.trim()}`);
    return { ms: result.wallMs, rss: result.peakRssBytes };
  } finally {
    await git(repo, ['worktree', 'remove', '--force', tree]).catch(() => '');
    await rm(tree, { recursive: true, force: true });
  }
}

/** Bytes of the change files (events/, history/, nights.json): what grows with the nights, beside the bounded snapshot files. */
async function changeFilesBytes(dataDir: string): Promise<number> {
  const [events, history] = await Promise.all([treeSize(join(dataDir, 'events')), treeSize(join(dataDir, 'history'))]);
  return events.bytes + history.bytes;
}

/** A figure now and its growth per night, projected to `nights`. */
const project = (now: number, perNight: number, playedNights: number, nights: number): number => now + perNight * (nights - playedNights);

const repo = await mkdtemp(join(tmpdir(), 'bench-decade-'));
const dataDir = join(repo, 'data');
try {
  await initRepo(repo);
  const world = new World({ models: MODELS, leaveRate: 0.002, returnShare: 0.3, downloadsRate: 0.01, likesRate: 0.005 });
  const first = dayNumber('2026-01-01');
  const samples: { night: number; tree: number; changeFiles: number; largest: number; largestPath: string; updateMs: number; updateRss: number; commit: string }[] = [];
  const started = performance.now();
  let packAtWindow = 0;
  for (let night = 0; night < NIGHTS; night++) {
    if (night > 0) world.advance();
    const date = dateOfDay(first + night);
    await world.writeSnapshot(dataDir, date);
    const update = await runMeasured('changes/update-cli.ts', ['--data-dir', dataDir, '--date', date]);
    if (update.code !== 0) throw new Error(`changes:update ${date} failed: ${update.stderr.trim()}`);
    await pruneSnapshots(dataDir, await listSnapshotDates(dataDir), KEEP);
    await git(repo, ['add', '--all', 'data']);
    await git(repo, ['commit', '-q', '-m', `data: ${date}`]);
    const tree = await treeSize(repo);
    const commit = (await git(repo, ['rev-parse', 'HEAD'])).trim();
    samples.push({ night: night + 1, tree: tree.bytes, changeFiles: await changeFilesBytes(dataDir), largest: tree.largest, largestPath: tree.largestPath, updateMs: update.wallMs, updateRss: update.peakRssBytes, commit });
    if (night + 1 === KEEP + 1) packAtWindow = await packBytes(repo);
    log(`night ${night + 1}/${NIGHTS} ${date}: tree ${mb(tree.bytes)}, largest ${tree.largestPath} ${mb(tree.largest)}, update ${(update.wallMs / 1000).toFixed(1)} s ${mb(update.peakRssBytes)}`);
  }
  const pack = await packBytes(repo);
  const halfway = samples[Math.floor(samples.length / 2)] as (typeof samples)[number];
  const last = samples.at(-1) as (typeof samples)[number];
  const rebuildHalf = await rebuildAt(repo, halfway.commit);
  const rebuild = await rebuildAt(repo, last.commit);
  const measured = NIGHTS - (KEEP + 1);
  // Growth once the window is full: the snapshot files are then a bounded window, and what grows is
  // the change files (the snapshots' own size moves with the list, not with the nights).
  const windowFull = samples[KEEP] as (typeof samples)[number];
  const changePerNight = (last.changeFiles - windowFull.changeFiles) / (last.night - windowFull.night);
  const largestPerNight = Math.max(0, (last.largest - halfway.largest) / (last.night - halfway.night));
  const packPerNight = (pack - packAtWindow) / measured;
  const rssPerNight = Math.max(0, (rebuild.rss - rebuildHalf.rss) / (last.night - halfway.night));
  const checkout = await shallowCheckout(repo);
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const around = (index: number): number[] => samples.slice(Math.max(0, index - 2), index + 3).map((sample) => sample.updateMs);
  const updateHalf = median(around(samples.indexOf(halfway)));
  const updateLast = median(samples.slice(-5).map((sample) => sample.updateMs));
  const updatePerNight = Math.max(0, (updateLast - updateHalf) / (last.night - 2 - halfway.night));
  const grow = (now: number, perNight: number) => (n: number) => project(now, perNight, NIGHTS, n);
  const rows: [string, number, (nights: number) => number, number][] = [
    ['working tree (data/)', last.tree, grow(last.tree, changePerNight), BUDGET.workingTreeBytes],
    [`  of which events/ and history/`, last.changeFiles, grow(last.changeFiles, changePerNight), Number.POSITIVE_INFINITY],
    [`largest file (${last.largestPath})`, last.largest, grow(last.largest, largestPerNight), BUDGET.largestFileBytes],
    ['git pack', pack, grow(pack, packPerNight), Number.POSITIVE_INFINITY],
    // The change files are what a night's checkout adds; git compresses them about fivefold, counted whole here.
    ['nightly checkout moves (shallow pack)', checkout.moved, grow(checkout.moved, changePerNight), BUDGET.checkoutBytes],
    ['nightly checkout on disk', checkout.onDisk, grow(checkout.onDisk, changePerNight), Number.POSITIVE_INFINITY],
    // The higher of the two runs: a peak is the garbage collector's timing as much as the history's size.
    ['rebuild peak memory', Math.max(rebuild.rss, rebuildHalf.rss), grow(Math.max(rebuild.rss, rebuildHalf.rss), rssPerNight), BUDGET.rebuildRssBytes],
  ];
  const lines = [
    `bench:decade — ${MODELS.toLocaleString('en')} models, ${NIGHTS} nights played in ${((performance.now() - started) / 1000).toFixed(0)} s, newest ${KEEP} snapshots kept`,
    `per night once the window is full: change files +${(changePerNight / 1024).toFixed(1)} KB, git pack +${(packPerNight / 1024).toFixed(1)} KB (budget ≤ ${mb(BUDGET.packBytesPerNight)}) ${packPerNight <= BUDGET.packBytesPerNight ? 'PASS' : 'FAIL'}`,
    `nightly changes:update (median of 5 nights): ${(updateHalf / 1000).toFixed(1)} s by night ${halfway.night}, ${(updateLast / 1000).toFixed(1)} s by night ${last.night} (peak ${mb(last.updateRss)}); at 10 years ~${(project(updateLast, updatePerNight, NIGHTS, 3650) / 1000).toFixed(0)} s (the job's own work ≤ 300 s) ${project(updateLast, updatePerNight, NIGHTS, 3650) <= 300_000 ? 'PASS' : 'FAIL'}`,
    `rebuild (older nights read from git): ${halfway.night} nights ${(rebuildHalf.ms / 1000).toFixed(1)} s, peak ${mb(rebuildHalf.rss)}; ${NIGHTS} nights ${(rebuild.ms / 1000).toFixed(1)} s, peak ${mb(rebuild.rss)}`,
    '',
    `| what | now | 1 year | 3 years | 10 years | budget at 10 years |`,
    `|---|---|---|---|---|---|`,
  ];
  for (const [name, now, at, budget] of rows) {
    const ten = at(3650);
    const verdict = Number.isFinite(budget) ? `${mb(budget)} ${ten <= budget ? 'PASS' : 'FAIL'}` : '—';
    lines.push(`| ${name} | ${mb(now)} | ${YEARS.map((y) => mb(at(365 * y))).join(' | ')} | ${verdict} |`);
  }
  lines.push('', 'Linear projections from the nights played; the site is measured by bench:site.');
  console.log(lines.join('\n'));
  if (lines.some((line) => /\bFAIL\b/.test(line))) process.exitCode = 1;
  if (values.keep) console.log(`kept ${repo}`);
} finally {
  if (!values.keep) await rm(repo, { recursive: true, force: true });
}
