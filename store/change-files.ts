// File I/O for change tracking: read and write the event log (`events.json`) and the history shards
// (`history/<xx>.shard.json`) under a data dir.
import { basename, join } from 'node:path';
import { mapBounded } from '../core/concurrency.ts';
import { listIfExists, readIfExists } from './atomic.ts';
import { DataFileError } from './errors.ts';
import { parseEventLog, serialiseEventLog } from './events-file.ts';
import { parseShard, serialiseShard, SHARD_FILE_PATTERN, shardFileName, shardOf, toModelHistory } from './history-file.ts';
import { writeFilesTogether, type FileChange } from './transaction.ts';
import type { ChangeState, EventLog, ModelHistory, Track } from './types.ts';

export const eventsPath = (dataDir: string): string => join(dataDir, 'events.json');
export const historyDir = (dataDir: string): string => join(dataDir, 'history');
export const shardPath = (dataDir: string, shard: string): string => join(historyDir(dataDir), shardFileName(shard));

/** The event log, or an empty one when there is none yet. */
export async function readEventLog(dataDir: string): Promise<EventLog> {
  const path = eventsPath(dataDir);
  const text = await readIfExists(path);
  return text === undefined ? { days: [], events: [] } : parseEventLog(text, path);
}

/** Names (two hex digits) of the shard files present, ascending. */
export async function listShards(dataDir: string): Promise<string[]> {
  const names = await listIfExists(historyDir(dataDir));
  return names
    .map((name) => SHARD_FILE_PATTERN.exec(name)?.[1])
    .filter((shard): shard is string => shard !== undefined)
    .sort();
}

/** Shard files read or written at once (file I/O waits, not CPU). */
const IO_PARALLEL = 16;

/** All history shards decoded into tracks. */
export interface StoredTracks {
  tracks: Map<string, Track>;
  /** The distinct `through` dates of the shards: one when consistent, none when there are no shards. */
  through: string[];
}

/** Read every shard into one map of tracks (the compact form; see readHistories for the contract form). */
export async function readTracks(dataDir: string): Promise<StoredTracks> {
  const tracks = new Map<string, Track>();
  const through = new Set<string>();
  const names = await listShards(dataDir);
  const texts = await mapBounded(names, IO_PARALLEL, (name) => readIfExists(shardPath(dataDir, name)));
  names.forEach((name, index) => {
    const path = shardPath(dataDir, name);
    const text = texts[index];
    texts[index] = undefined; // let each shard's text go once decoded
    if (text === undefined) return;
    const shard = parseShard(text, path);
    if (shard.name !== name) throw new DataFileError(`header says shard ${shard.name}`, path);
    through.add(shard.through);
    for (const [id, track] of shard.tracks) tracks.set(id, track);
  });
  return { tracks, through: [...through].sort() };
}

/** Every model's history (any order); throws if the shards disagree on how far they go. */
export async function readHistories(dataDir: string): Promise<Map<string, ModelHistory>> {
  const { tracks, through } = await readTracks(dataDir);
  if (through.length > 1) {
    throw new DataFileError(`history shards disagree on their date (${through.join(', ')}); run the rebuild`, historyDir(dataDir));
  }
  const histories = new Map<string, ModelHistory>();
  for (const [id, track] of tracks) histories.set(id, toModelHistory(id, track));
  return histories;
}

/** What a write changed, as paths relative to the data dir, sorted. */
export interface WriteResult {
  written: string[];
  removed: string[];
}

/**
 * Write the state as one change (store/transaction.ts): every history shard whose content changed, removal
 * of shards left with no model, and events.json. Either all of them take their new bytes or none does, so
 * a failure halfway (disk full, a permission) never leaves shards a night ahead of the log.
 */
export async function writeState(dataDir: string, state: ChangeState): Promise<WriteResult> {
  const through = state.log.days.at(-1)?.date ?? null;
  const shards = new Map<string, Map<string, Track>>();
  for (const [id, track] of state.tracks) {
    const name = shardOf(id);
    let shard = shards.get(name);
    if (shard === undefined) shards.set(name, (shard = new Map()));
    shard.set(id, track);
  }
  const changes: FileChange[] = [];
  if (through !== null) {
    // Serialised when its turn comes, so that only one shard text exists at a time.
    for (const name of [...shards.keys()].sort()) {
      changes.push({ path: shardPath(dataDir, name), content: () => serialiseShard(name, through, shards.get(name) as Map<string, Track>) });
    }
  }
  for (const name of await listShards(dataDir)) if (through === null || !shards.has(name)) changes.push({ path: shardPath(dataDir, name), content: null });
  changes.push({ path: eventsPath(dataDir), content: () => serialiseEventLog(state.log) });
  const changed = new Set(await writeFilesTogether(changes));
  const written: string[] = [];
  const removed: string[] = [];
  for (const change of changes) {
    if (!changed.has(change.path)) continue;
    const relative = change.path === eventsPath(dataDir) ? 'events.json' : `history/${basename(change.path)}`;
    (change.content === null ? removed : written).push(relative);
  }
  return { written: written.sort(), removed: removed.sort() };
}
