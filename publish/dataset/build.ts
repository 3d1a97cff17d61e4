// The whole history as a dataset, from a data dir: the long form as Parquet and as gzip CSV, everything
// as one SQLite database, a manifest with each file's size, rows and SHA-256, and SHA256SUMS. Read only
// through store/; rows are streamed in batches, so memory stays that of the history itself. The same
// data dir gives the same bytes (no dates of writing anywhere): a dataset can be checked against the
// commit of data/ it names.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readEventLog, readTracks } from '../../store/change-files.ts';
import { dayNumber } from '../../store/dates.ts';
import { DataFileError, MissingDataError } from '../../store/errors.ts';
import { readNights, type NightRecord } from '../../store/nights-file.ts';
import type { EventLog, Track } from '../../store/types.ts';
import { compareIds } from '../../store/order.ts';
import { listSnapshotDates, readSnapshotRecords } from '../../store/snapshots.ts';
import { GZIP_LEVEL, LongFormCsv } from './csv.ts';
import { DATASET_FILES } from './files.ts';
import { LongFormParquet } from './parquet.ts';
import { longRows } from './rows.ts';
import { writeSqlite, type KnownRecord, type SqliteCounts } from './sqlite.ts';
import type { SqliteJob, SqliteReply } from './sqlite-worker.ts';

/** Version of the dataset's layout (columns, tables), in the manifest; bumped on an incompatible change. */
export const DATASET_FORMAT = 1;

/** Rows per batch, and per Parquet row group. */
export const DEFAULT_BATCH_ROWS = 1 << 16;

export interface DatasetOptions {
  dataDir: string;
  /** Where the files go (created if missing); only the dataset's own file names are written there. */
  outDir: string;
  /** Rows per batch and Parquet row group (default DEFAULT_BATCH_ROWS). */
  batchRows?: number;
  /** Progress lines (default none). */
  log?: (line: string) => void;
}

/** One file of the dataset as the manifest lists it. */
export interface DatasetFile {
  name: string;
  bytes: number;
  sha256: string;
  /** Long-form rows (Parquet, CSV) or rows per table (SQLite). */
  rows: number | SqliteCounts;
  /** For the gzip-compressed database: the file `gunzip` gives, its size and SHA-256. */
  uncompressed?: { name: string; bytes: number; sha256: string };
}

/** `manifest.json`. */
export interface DatasetManifest {
  dataset: string;
  format: number;
  /** First and newest night with a snapshot. */
  first: string;
  through: string;
  /** Nights with a snapshot, and calendar nights between first and through without one. */
  nights: { observed: number; withoutSnapshot: number };
  /** Ids ever on either list. */
  models: number;
  files: DatasetFile[];
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The catalog record of every model on the newest snapshot (`through`). */
async function currentRecords(dataDir: string, through: string, listed: ReadonlySet<string>): Promise<Map<string, KnownRecord>> {
  const found = await readSnapshotRecords(dataDir, through, listed);
  if (found === undefined) throw new DataFileError(`the event log goes through ${through} but there is no snapshot of that date; run: npm run rebuild`, dataDir);
  const records = new Map<string, KnownRecord>();
  for (const [id, record] of found) records.set(id, { date: through, record });
  return records;
}

/** What the dataset is made of, read through store/ and checked to agree. */
export interface DatasetInputs {
  log: EventLog;
  tracks: Map<string, Track>;
  nights: NightRecord[];
  /** First and newest observed night. */
  first: string;
  through: string;
  /** Every id ever on either list, in code-unit order (the files' order). */
  ids: string[];
  /** Day numbers of the observed nights, ascending. */
  observed: number[];
}

/** Read and check the data dir: the event log, the history shards and the newest snapshot must agree. */
export async function readDatasetInputs(dataDir: string): Promise<DatasetInputs> {
  const [log, stored, nights, dates] = await Promise.all([readEventLog(dataDir), readTracks(dataDir), readNights(dataDir), listSnapshotDates(dataDir)]);
  if (log.days.length === 0) throw new MissingDataError('no night has been processed yet (the event log has no days): nothing to publish', dataDir);
  const first = log.days[0]?.date as string;
  const through = log.days.at(-1)?.date as string;
  if (stored.through.length !== 1 || stored.through[0] !== through) {
    throw new DataFileError(`history goes through ${stored.through.join(', ') || 'nothing'} but the event log through ${through}; run: npm run rebuild`, dataDir);
  }
  if (dates.at(-1) !== through) {
    throw new DataFileError(`the event log goes through ${through} but the newest snapshot is ${dates.at(-1) ?? 'none'}; run: npm run rebuild`, dataDir);
  }
  const ids = [...stored.tracks.keys()].sort(compareIds);
  return { log, tracks: stored.tracks, nights, first, through, ids, observed: log.days.map((day) => dayNumber(day.date)) };
}

/** Write the SQLite database of `dataDir` at `path`: what the worker thread does (sqlite-worker.ts). */
export async function writeDatabase(dataDir: string, path: string): Promise<SqliteCounts> {
  const { log, tracks, nights, through, ids } = await readDatasetInputs(dataDir);
  const throughDay = dayNumber(through);
  const listed = new Set<string>();
  for (const [id, track] of tracks) if (track.presence.at(-1) === throughDay) listed.add(id);
  const records = await currentRecords(dataDir, through, listed);
  return writeSqlite(path, { ids, tracks, log, nights, records });
}

/** The database written by a worker thread, beside the long form: the two take about as long. */
function databaseInWorker(dataDir: string, path: string): { done: Promise<SqliteCounts>; stop: () => Promise<number> } {
  const worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), { workerData: { dataDir, path } satisfies SqliteJob });
  const done = new Promise<SqliteCounts>((resolve, reject) => {
    let reply: SqliteReply | undefined;
    worker.once('message', (message: SqliteReply) => (reply = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (reply?.ok === true) resolve(reply.counts);
      else if (reply?.ok === false) reject(new DataFileError(reply.what, reply.where ?? path));
      else reject(new DataFileError(`the database's worker thread stopped (exit ${code})`, path));
    });
  });
  done.catch(() => undefined);
  return { done, stop: () => worker.terminate() };
}

/** Write the dataset of `dataDir` into `outDir`; returns its manifest (also written there). */
export async function writeDataset(options: DatasetOptions): Promise<DatasetManifest> {
  const { dataDir, outDir } = options;
  const say = options.log ?? (() => undefined);
  const started = performance.now();
  const log = (line: string): void => say(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`);
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;

  const { tracks, first, through, ids, observed } = await readDatasetInputs(dataDir);
  log(`read ${ids.length} models over ${observed.length} nights (${first} to ${through})`);

  await mkdir(outDir, { recursive: true });
  const staged = (name: string): string => join(outDir, `.${name}.tmp`);
  const names = [DATASET_FILES.parquet, DATASET_FILES.csv, DATASET_FILES.sqlite];
  const database = DATASET_FILES.sqlite.replace(/\.gz$/, '');
  try {
    await Promise.all([...names, database].map((name) => rm(staged(name), { force: true })));
    const metadata = { dataset: 'modelscope-inference-catalog', format: String(DATASET_FORMAT), first, through };
    const databaseJob = databaseInWorker(dataDir, staged(database));
    const parquet = new LongFormParquet(staged(DATASET_FILES.parquet), metadata);
    const csv = new LongFormCsv(staged(DATASET_FILES.csv));
    try {
      for (const batch of longRows(ids, tracks, observed, batchRows)) {
        parquet.write(batch);
        await csv.write(batch);
      }
      parquet.finish();
      await csv.finish();
    } catch (error) {
      parquet.abort();
      await csv.abort();
      await databaseJob.stop();
      throw error;
    }
    log(`long form: ${parquet.rows} rows`);

    const counts = await databaseJob.done;
    log(`sqlite: ${Object.entries(counts).map(([table, n]) => `${table} ${n}`).join(', ')}`);
    const uncompressed = { name: database, bytes: (await stat(staged(database))).size, sha256: await sha256(staged(database)) };
    await pipeline(createReadStream(staged(database), { highWaterMark: 1 << 20 }), createGzip({ level: GZIP_LEVEL }), createWriteStream(staged(DATASET_FILES.sqlite)));
    await rm(staged(database));
    log('sqlite: compressed');

    const files: DatasetFile[] = [];
    for (const [name, rows] of [[DATASET_FILES.parquet, parquet.rows], [DATASET_FILES.csv, csv.rows], [DATASET_FILES.sqlite, counts]] as const) {
      const path = staged(name);
      const file: DatasetFile = { name, bytes: (await stat(path)).size, sha256: await sha256(path), rows };
      files.push(name === DATASET_FILES.sqlite ? { ...file, uncompressed } : file);
    }
    log('checksums');
    for (const name of names) await rename(staged(name), join(outDir, name));
    const span = dayNumber(through) - dayNumber(first) + 1;
    const manifest: DatasetManifest = {
      dataset: 'modelscope-inference-catalog: the history of ModelScope’s API-Inference list',
      format: DATASET_FORMAT,
      first,
      through,
      nights: { observed: observed.length, withoutSnapshot: span - observed.length },
      models: ids.length,
      files,
    };
    await writeFile(join(outDir, DATASET_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(outDir, DATASET_FILES.sums), files.map((file) => `${file.sha256}  ${file.name}\n`).join(''));
    return manifest;
  } finally {
    await Promise.all([...names, database].map((name) => rm(staged(name), { force: true })));
  }
}
