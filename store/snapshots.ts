// Dated snapshot files, `<data-dir>/snapshots/<date>.json`: serialising, parsing, listing, reading and
// writing them. The format is documented in data/README.md.
import { constants } from 'node:fs';
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSystemError, listIfExists, readIfExists, writeChunksIfChanged, writeFileAtomic } from './atomic.ts';
import { nearestDates } from './dates.ts';
import { DataFileError, SnapshotNotFoundError } from './errors.ts';
import { jsonWithItemLinesChunks } from './json-lines.ts';
import { compareIds } from './order.ts';
import { z } from 'zod';
import { checkAs, parseJson, parseJsonAs } from './read-json.ts';
import { GatewayRecord, ModelRecord, Snapshot, SnapshotSource } from './record.ts';

/**
 * Key order of a model line. JSON.stringify's replacer list filters nested objects too, so the keys of
 * nested records (a base model's `id`, `revision`) are in it as well; they follow in schema order.
 */
const MODEL_KEYS = [...new Set([
  ...Object.keys(ModelRecord.shape),
  ...Object.keys(ModelRecord.shape.baseModels.element.shape),
  ...Object.keys(ModelRecord.shape.officialTags.unwrap().element.shape),
  ...Object.keys(ModelRecord.shape.companion.unwrap().unwrap().shape),
  // The gateway's lines share the replacer list.
  ...Object.keys(GatewayRecord.shape),
])];
const SOURCE_KEYS = Object.keys(SnapshotSource.shape) as (keyof SnapshotSource)[];

function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out = {} as T;
  for (const key of keys) out[key] = value[key];
  return out;
}

function snapshotChunks(snapshot: Snapshot): Generator<string> {
  const models = [...snapshot.models].sort((a, b) => compareIds(a.id, b.id));
  // The key list as replacer fixes the key order without copying 60k records first.
  const head: Record<string, unknown> = { date: snapshot.date, source: ordered(snapshot.source, SOURCE_KEYS), models };
  if (snapshot.gateway !== undefined) head['gateway'] = [...snapshot.gateway].sort((a, b) => compareIds(a.id, b.id));
  return jsonWithItemLinesChunks(head, { lineArrays: ['models', 'gateway'], itemKeys: MODEL_KEYS });
}

/** Sort by id (code-unit order, locale-independent) and serialise with one model per line. */
export function serialiseSnapshot(snapshot: Snapshot): string {
  return [...snapshotChunks(snapshot)].join('');
}

/** Parse and validate snapshot text against our strict schema; throws DataFileError naming `where`. */
export function parseSnapshot(text: string, where = 'snapshot'): Snapshot {
  return parseJsonAs(Snapshot, text, where, 'the snapshot schema');
}

/** A snapshot without its models: what parseSnapshotEach returns once it has handed them out. */
export type SnapshotEnvelope = Omit<Snapshot, 'models'>;

const Envelope = Snapshot.extend({ models: z.array(z.unknown()) });

/**
 * Parse and validate snapshot text as parseSnapshot does, handing each model record to `visit` in file
 * order and keeping none of them. A 60,000-model night is ~300 MB as parsed objects and twice that while
 * the schema copies them whole; checked one record at a time, each raw record is let go as soon as it is
 * checked, and a reader that needs a few fields of each (the rebuild) never holds the night.
 */
export function parseSnapshotEach(text: string, where: string, visit: (model: ModelRecord) => void): SnapshotEnvelope {
  const raw = parseJson(text, where);
  const envelope = checkAs(Envelope, raw, where, 'the snapshot schema');
  const models = (raw as { models: unknown[] }).models;
  for (let i = 0; i < models.length; i++) {
    const result = ModelRecord.safeParse(models[i]);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new DataFileError(`does not match the snapshot schema at ${['models', i, ...(issue?.path ?? [])].join('.')}: ${issue?.message}`, where);
    }
    models[i] = envelope.models[i] = undefined;
    visit(result.data);
  }
  const { models: _models, ...rest } = envelope;
  return rest;
}

export const snapshotsDir = (dataDir: string): string => join(dataDir, 'snapshots');
export const snapshotPath = (dataDir: string, date: string): string => join(snapshotsDir(dataDir), `${date}.json`);

/** Dates of all snapshots in `dataDir`, ascending. */
export async function listSnapshotDates(dataDir: string): Promise<string[]> {
  const names = await listIfExists(snapshotsDir(dataDir));
  return names
    .map((name) => /^(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1])
    .filter((date): date is string => date !== undefined)
    .sort();
}

/** Read one snapshot, or `undefined` if that date has none; an unusable file is a DataFileError. */
export async function readSnapshot(dataDir: string, date: string): Promise<Snapshot | undefined> {
  const path = snapshotPath(dataDir, date);
  const text = await readIfExists(path);
  return text === undefined ? undefined : parseSnapshot(text, path);
}

/**
 * Read the snapshot of `date`, which must exist: a missing one is a SnapshotNotFoundError naming the
 * nearest dates (from `available`, else the directory), a file whose `date` disagrees with its name a
 * DataFileError.
 */
export async function loadSnapshot(dataDir: string, date: string, available?: readonly string[]): Promise<Snapshot> {
  const text = await snapshotText(dataDir, date, available);
  return namedAs(parseSnapshot(text, snapshotPath(dataDir, date)), dataDir, date);
}

/** loadSnapshot's checks, with the records handed to `visit` one at a time (parseSnapshotEach). */
export async function loadSnapshotEach(dataDir: string, date: string, available: readonly string[] | undefined, visit: (model: ModelRecord) => void): Promise<SnapshotEnvelope> {
  const text = await snapshotText(dataDir, date, available);
  return namedAs(parseSnapshotEach(text, snapshotPath(dataDir, date), visit), dataDir, date);
}

/** The text of the snapshot of `date`, which must exist (a SnapshotNotFoundError naming the nearest dates). */
async function snapshotText(dataDir: string, date: string, available: readonly string[] | undefined): Promise<string> {
  const text = await readIfExists(snapshotPath(dataDir, date));
  if (text === undefined) throw new SnapshotNotFoundError(date, nearestDates(available ?? (await listSnapshotDates(dataDir)), date), dataDir);
  return text;
}

/** `snapshot`, if its `date` is the one its file is named by. */
function namedAs<T extends { date: string }>(snapshot: T, dataDir: string, date: string): T {
  if (snapshot.date !== date) throw new DataFileError(`file is named ${date} but says "date": "${snapshot.date}"`, snapshotPath(dataDir, date));
  return snapshot;
}

/**
 * The records of `ids` on the snapshot of `date` (those it holds), without parsing the other 60,000: a
 * snapshot has one model per line, so each line's id is read first and only a wanted line is parsed and
 * checked against the record schema. `undefined` when that date has no snapshot.
 */
export async function readSnapshotRecords(dataDir: string, date: string, ids: ReadonlySet<string>): Promise<Map<string, ModelRecord> | undefined> {
  const path = snapshotPath(dataDir, date);
  const text = await readIfExists(path);
  if (text === undefined) return undefined;
  const found = new Map<string, ModelRecord>();
  for (const line of text.split('\n')) {
    // The gateway's list follows the models and has `{"id":` lines too: it holds no records.
    if (line.startsWith('  "gateway":')) break;
    const start = line.indexOf('{"id":');
    if (start < 0) continue;
    const id = leadingString(line, start + '{"id":'.length);
    if (id === undefined || !ids.has(id)) continue;
    const item = line.slice(start).replace(/,\s*$/, '');
    found.set(id, parseJsonAs(ModelRecord, item, `${path} (model ${JSON.stringify(id)})`, 'the model record schema'));
  }
  return found;
}

/** The JSON string literal that starts at `at` in `line`, decoded; `undefined` when there is none. */
function leadingString(line: string, at: number): string | undefined {
  if (line[at] !== '"') return undefined;
  for (let end = at + 1; end < line.length; end++) {
    if (line[end] === '\\') end++;
    else if (line[end] === '"') {
      try {
        return JSON.parse(line.slice(at, end + 1)) as string;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
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

/** Copy the snapshot file of `date` byte for byte to `target`, which must not exist yet (a published copy). */
export async function copySnapshotFile(dataDir: string, date: string, target: string): Promise<void> {
  await copyFile(snapshotPath(dataDir, date), target, constants.COPYFILE_EXCL).catch((error: unknown) => {
    throw fileSystemError(error, snapshotPath(dataDir, date), 'copy');
  });
}

/**
 * Remember the snapshot file of `date` as it is now (its bytes, or that there is none) and return the
 * function that puts it back: what a run calls when a later step fails, so no file is left changed.
 */
export async function keepSnapshotFile(dataDir: string, date: string): Promise<() => Promise<void>> {
  const path = snapshotPath(dataDir, date);
  const before = await readIfExists(path);
  return async () => {
    if (before === undefined) await rm(path, { force: true }).catch((error: unknown) => Promise.reject(fileSystemError(error, path, 'remove')));
    else await writeFileAtomic(path, before);
  };
}
