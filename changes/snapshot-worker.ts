// Worker thread for rebuilds: reads and validates snapshots (JSON.parse + the strict zod schema, the
// slow part of a rebuild) and sends back only what change tracking needs, so several parse at once.
import { parentPort } from 'node:worker_threads';
import { CatalogError } from '../core/errors.ts';
import type { ArchivedSnapshot } from '../store/snapshot-archive.ts';
import { observeNight, packDay, type PackedDay } from './observe.ts';

/** A request: read this snapshot. */
export interface SnapshotRequest {
  dataDir: string;
  date: string;
  /** All snapshot dates, for "nearest" hints in errors. */
  dates: string[];
  /** Set when the snapshot is only in git's history: where to read it. */
  archived?: ArchivedSnapshot;
}

/** The reply: the snapshot's observations as parallel arrays (cheap to clone), or the error. */
export type SnapshotReply =
  | ({ ok: true } & PackedDay)
  | { date: string; ok: false; what: string; where: string };

parentPort?.on('message', async (request: SnapshotRequest) => {
  let reply: SnapshotReply;
  try {
    const night = request.archived === undefined ? { date: request.date } : { date: request.date, archived: request.archived };
    reply = { ok: true, ...packDay(await observeNight(request.dataDir, night, request.dates)) };
  } catch (error) {
    const known = error instanceof CatalogError;
    reply = {
      date: request.date,
      ok: false,
      what: known ? error.what : String((error as Error).message ?? error),
      where: (known ? error.where : undefined) ?? `snapshot ${request.date}`,
    };
  }
  parentPort?.postMessage(reply);
});
