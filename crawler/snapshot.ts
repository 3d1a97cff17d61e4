// Reading and writing dated snapshot files. Pure serialisation plus the file I/O edges.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelRecord, Snapshot, SnapshotSource } from './record.ts';
import { jsonWithItemLinesChunks } from './json-lines.ts';
import { readIfExists, writeChunksIfChanged } from './storage.ts';

const MODEL_KEYS = Object.keys(ModelRecord.shape) as (keyof ModelRecord)[];
const SOURCE_KEYS = Object.keys(SnapshotSource.shape) as (keyof SnapshotSource)[];

function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out = {} as T;
  for (const key of keys) out[key] = value[key];
  return out;
}

function snapshotChunks(snapshot: Snapshot): Generator<string> {
  const models = [...snapshot.models].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The key list as replacer fixes the key order without copying 60k records first.
  return jsonWithItemLinesChunks({ date: snapshot.date, source: ordered(snapshot.source, SOURCE_KEYS) }, 'models', models, MODEL_KEYS);
}

/** Sort by id (code-unit order, locale-independent) and serialise with one model per line. */
export function serialiseSnapshot(snapshot: Snapshot): string {
  return [...snapshotChunks(snapshot)].join('');
}

/** Parse and validate snapshot text against our strict schema; throws with the file named. */
export function parseSnapshot(text: string, where = 'snapshot'): Snapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const result = Snapshot.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${where}: does not match the snapshot schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return result.data;
}

export const snapshotsDir = (dataDir: string): string => join(dataDir, 'snapshots');
export const snapshotPath = (dataDir: string, date: string): string => join(snapshotsDir(dataDir), `${date}.json`);

/** Dates of all snapshots in `dataDir`, ascending. */
export async function listSnapshotDates(dataDir: string): Promise<string[]> {
  const names = await readdir(snapshotsDir(dataDir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .map((name) => /^(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1])
    .filter((date): date is string => date !== undefined)
    .sort();
}

/** Read one snapshot, or `undefined` if that date has none. */
export async function readSnapshot(dataDir: string, date: string): Promise<Snapshot | undefined> {
  const path = snapshotPath(dataDir, date);
  const text = await readIfExists(path);
  return text === undefined ? undefined : parseSnapshot(text, path);
}

/** The newest snapshot strictly before `date`, if any. */
export async function readPreviousSnapshot(dataDir: string, date: string): Promise<Snapshot | undefined> {
  const earlier = (await listSnapshotDates(dataDir)).filter((d) => d < date);
  const last = earlier.at(-1);
  return last === undefined ? undefined : readSnapshot(dataDir, last);
}

/** Write a snapshot atomically; returns whether the file changed. */
export async function writeSnapshot(dataDir: string, snapshot: Snapshot): Promise<boolean> {
  return writeChunksIfChanged(snapshotPath(dataDir, snapshot.date), snapshotChunks(snapshot));
}
