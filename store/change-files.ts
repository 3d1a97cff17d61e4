// File I/O for change tracking: read and write the event log (`events/<year>.json` and its
// `events/index.json`, events-years.ts) and the history shards (`history/<xx>.shard.json`) under a data dir.
import { join, relative, sep } from 'node:path';
import { mapBounded } from '../core/concurrency.ts';
import { listIfExists, readIfExists } from './atomic.ts';
import { DataFileError, OutdatedFileError } from './errors.ts';
import { parseEventLog, serialiseEventLog } from './events-file.ts';
import { INDEX_FILE, indexOf, joinYears, parseIndex, serialiseIndex, splitByYear, YEAR_FILE_PATTERN, yearFile } from './events-years.ts';
import { parseShard, serialiseShard, SHARD_FILE_PATTERN, shardFileName, shardOf } from './history-file.ts';
import { writeFilesTogether, type FileChange } from './transaction.ts';
import type { ChangeState, EventLog, Track } from './types.ts';

export const eventsDir = (dataDir: string): string => join(dataDir, 'events');
export const eventsIndexPath = (dataDir: string): string => join(eventsDir(dataDir), INDEX_FILE);
/** The single-file event log of data dirs before the split by year: read, and replaced by the next write. */
export const legacyEventsPath = (dataDir: string): string => join(dataDir, 'events.json');
export const historyDir = (dataDir: string): string => join(dataDir, 'history');
export const shardPath = (dataDir: string, shard: string): string => join(historyDir(dataDir), shardFileName(shard));

/**
 * The event log, or an empty one when there is none yet: the year files the index lists, or a data dir's
 * older single `events.json` (which the next writeState replaces with the year files).
 */
export async function readEventLog(dataDir: string): Promise<EventLog> {
  const indexText = await readIfExists(eventsIndexPath(dataDir));
  if (indexText === undefined) {
    const legacy = await readIfExists(legacyEventsPath(dataDir));
    return legacy === undefined ? { days: [], events: [] } : parseEventLog(legacy, legacyEventsPath(dataDir));
  }
  const index = parseIndex(indexText, eventsIndexPath(dataDir));
  const path = (file: string): string => join(eventsDir(dataDir), file);
  // A year file the index does not list is a half-done copy or hand edit: refuse rather than leave it out.
  const listed = new Set(index.years.map((entry) => entry.file));
  const stray = (await listYearFiles(dataDir)).find((name) => !listed.has(name));
  if (stray !== undefined) throw new DataFileError(`is not listed in ${INDEX_FILE}`, path(stray));
  return joinYears(index, (file) => readIfExists(path(file)), path);
}

/**
 * The dates the event log lists, for checks that must not trust it further (is every night's snapshot
 * still to be found?): also from a log of an older format, `undefined` when there is none or it is unreadable.
 */
export async function readLoggedDates(dataDir: string): Promise<string[] | undefined> {
  try {
    const log = await readEventLog(dataDir);
    return log.days.length === 0 ? undefined : log.days.map((day) => day.date);
  } catch (error) {
    if (!(error instanceof OutdatedFileError)) return undefined;
    // An older format still names its days; read just their dates.
    const text = await readIfExists(legacyEventsPath(dataDir));
    const days = (JSON.parse(text ?? '{}') as { days?: { date?: unknown }[] }).days ?? [];
    const dates = days.map((day) => day.date).filter((date): date is string => typeof date === 'string');
    return dates.length === days.length && dates.length > 0 ? dates : undefined;
  }
}

/** Names of the year files present in `events/` (`2026.json`), ascending. */
async function listYearFiles(dataDir: string): Promise<string[]> {
  return (await listIfExists(eventsDir(dataDir))).filter((name) => YEAR_FILE_PATTERN.test(name)).sort();
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

/** Read every shard into one map of tracks (tests read them as dates: test/history-helpers.ts). */
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

/** What a write changed, as paths relative to the data dir, sorted. */
export interface WriteResult {
  written: string[];
  removed: string[];
}

/**
 * Write the state as one change (store/transaction.ts): every history shard whose content changed, removal
 * of shards left with no model, the event log's year files and index (and removal of an older single
 * events.json). Either all of them take their new bytes or none does, so a failure halfway (disk full, a
 * permission) never leaves shards a night ahead of the log. A night changes only its own year's file.
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
  // Each year's text made when its turn comes, as the shards are.
  const years = splitByYear(state.log);
  for (const [year, part] of years) changes.push({ path: join(eventsDir(dataDir), yearFile(year)), content: () => serialiseEventLog(part) });
  for (const name of await listYearFiles(dataDir)) if (!years.has(name.slice(0, 4))) changes.push({ path: join(eventsDir(dataDir), name), content: null });
  changes.push({ path: eventsIndexPath(dataDir), content: serialiseIndex(indexOf(years)) });
  changes.push({ path: legacyEventsPath(dataDir), content: null });
  const changed = new Set(await writeFilesTogether(changes));
  const written: string[] = [];
  const removed: string[] = [];
  for (const change of changes) {
    if (!changed.has(change.path)) continue;
    const relative = relativeToDataDir(dataDir, change.path);
    (change.content === null ? removed : written).push(relative);
  }
  return { written: written.sort(), removed: removed.sort() };
}

/** `path` relative to the data dir, with forward slashes (`events/2026.json`, `history/6e.shard.json`). */
function relativeToDataDir(dataDir: string, path: string): string {
  return relative(dataDir, path).split(sep).join('/');
}
