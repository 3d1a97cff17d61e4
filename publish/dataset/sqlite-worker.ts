// Worker thread of `npm run dataset`: reads the data dir itself and writes the SQLite database, while the
// main thread writes the long form (Parquet and CSV). Replies once, with the row counts or the error.
import { parentPort, workerData } from 'node:worker_threads';
import { CatalogError } from '../../core/errors.ts';
import { writeDatabase } from './build.ts';
import type { SqliteCounts } from './sqlite.ts';

/** What to write. */
export interface SqliteJob {
  dataDir: string;
  path: string;
}

export type SqliteReply = { ok: true; counts: SqliteCounts } | { ok: false; what: string; where: string | undefined };

const job = workerData as SqliteJob;
let reply: SqliteReply;
try {
  reply = { ok: true, counts: await writeDatabase(job.dataDir, job.path) };
} catch (error) {
  reply = error instanceof CatalogError ? { ok: false, what: error.what, where: error.where } : { ok: false, what: String((error as Error).stack ?? error), where: undefined };
}
parentPort?.postMessage(reply);
