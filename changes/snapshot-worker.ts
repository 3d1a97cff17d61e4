// Worker thread for rebuilds: reads and validates snapshots (JSON.parse + the strict zod schema, the
// slow part of a rebuild) and sends back only what change tracking needs, so several parse at once.
import { parentPort } from 'node:worker_threads';
import { CatalogError } from '../core/errors.ts';
import { loadSnapshot } from '../store/snapshots.ts';

/** A request: read this snapshot. */
export interface SnapshotRequest {
  dataDir: string;
  date: string;
  /** All snapshot dates, for "nearest" hints in errors. */
  dates: string[];
}

/** The reply: the snapshot's observations as parallel arrays (cheap to clone), or the error. */
export type SnapshotReply =
  | { date: string; ok: true; ids: string[]; likes: number[]; downloads: number[] }
  | { date: string; ok: false; what: string; where: string };

parentPort?.on('message', async (request: SnapshotRequest) => {
  let reply: SnapshotReply;
  try {
    const snapshot = await loadSnapshot(request.dataDir, request.date, request.dates);
    reply = {
      date: request.date,
      ok: true,
      ids: snapshot.models.map((m) => m.id),
      likes: snapshot.models.map((m) => m.likes),
      downloads: snapshot.models.map((m) => m.downloads),
    };
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
