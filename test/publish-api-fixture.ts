// The publish/api tests' shared fixture: a data dir of a few snapshots and its change log, built the way
// the nightly job builds it, and the default one built once per test file (a build is seconds of CPU).
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { updateChanges } from '../changes/update.ts';
import type { Snapshot } from '../store/record.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import { buildSite, type BuildOptions, type BuildSummary } from '../publish/site.ts';
import { model, snapshot, track } from './factories.ts';
import { tempDir } from './fixtures/publish/fs.ts';

/** The site URL every fixture is built for. */
export const siteUrl = 'https://user.github.io/repo/';
/** Directories `fixture` made, removed after each test. */
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** `old/gone` leaves and returns; `new/comer` comes and goes, so it is the one model off the list at the end. */
export const SNAPSHOTS: Snapshot[] = [
  snapshot('2026-03-01', [model('Qwen/Qwen3-8B', { likes: 5 }), model('acme/my model'), model('old/gone')]),
  snapshot('2026-03-02', [model('Qwen/Qwen3-8B', { likes: 7 }), model('acme/my model'), model('new/comer', { downloads: 99, chineseName: '新来者' })]),
  snapshot('2026-03-04', [model('Qwen/Qwen3-8B', { likes: 7 }), model('acme/my model'), model('old/gone')]),
];

/**
 * A data dir holding `snapshots` and the change log the nightly step derives from them (the build reads
 * both from disk), and the log the test factory expects.
 */
export async function fixture(snapshots: readonly Snapshot[] = SNAPSHOTS, owner: string[] = made) {
  const root = await tempDir();
  owner.push(root);
  const dataDir = join(root, 'data');
  await mkdir(dataDir); // a fresh clone has data/ (its README) before the first crawl
  for (const snap of snapshots) await writeSnapshot(dataDir, snap);
  if (snapshots.length > 0) await rebuildChanges(dataDir);
  const { log } = track(snapshots);
  const options: BuildOptions = { dataDir, outDir: join(root, 'site', 'dist'), siteUrl, snapshotDays: 'all' };
  return { root, dataDir, log, options };
}

/** Directories of the shared build, removed after the file's last test. */
const sharedRoots: string[] = [];
afterAll(async () => {
  await Promise.all(sharedRoots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
let shared: Promise<Awaited<ReturnType<typeof fixture>> & { summary: BuildSummary }> | undefined;

/**
 * The default fixture, built once (a build is seconds of CPU) for the tests that only read its output or
 * build the same data again into it: those leave it with the same contents (one of them proves it).
 */
export function sharedBuild(): NonNullable<typeof shared> {
  shared ??= (async () => {
    const built = await fixture(SNAPSHOTS, sharedRoots);
    return { ...built, summary: await buildSite(built.options) };
  })();
  return shared;
}

/** Write one more night's snapshot and bring the change log up to it, as the nightly job does. */
export async function addNight(dataDir: string, snap: Snapshot): Promise<void> {
  await writeSnapshot(dataDir, snap);
  await updateChanges(dataDir, snap.date);
}

/** A JSON file of the built site. */
export async function readJson(dir: string, path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, path), 'utf8')) as Record<string, unknown>;
}

/** The URL paths docs/api.md documents (`## \`GET /…\``), with placeholders filled in. */
export async function documentedPaths(fill: Record<string, string>): Promise<string[]> {
  const docs = await readFile(new URL('../docs/api.md', import.meta.url), 'utf8');
  return [...docs.matchAll(/^## `GET \/([^`]+)`$/gm)].map((match) =>
    (match[1] ?? '').replace(/<(\w+)>/g, (_, key: string) => fill[key] ?? `<${key}>`),
  );
}
