// What an update or rebuild reports back to its caller (the crawler, the CLIs, the benchmark).
import type { WriteResult } from '../store/change-files.ts';
import { dayFields } from '../store/events-file.ts';
import type { ChangeState, ObservedDay } from '../store/types.ts';

/** How the files were brought up to date. */
export type UpdateMode = 'append' | 'replace' | 'rebuild';

/** Outcome of updateChanges / rebuildChanges: the day described (for a rebuild, the newest), plus what was done. */
export interface UpdateSummary extends ObservedDay {
  /** append = new newest day; replace = re-run of the newest day; rebuild = recomputed from all snapshots. */
  mode: UpdateMode;
  /** Snapshot days in the event log afterwards. */
  days: number;
  /** Files written, relative to the data dir, sorted; empty when every file already held its content. */
  filesWritten: string[];
  /** History shard files deleted because no model is left in them. */
  filesRemoved: string[];
}

/** Summarise `date` (which must be in the log) after a write. */
export function summarise(state: ChangeState, date: string, mode: UpdateMode, write: WriteResult): UpdateSummary {
  const day = state.log.days.find((d) => d.date === date);
  if (day === undefined) throw new Error(`internal: ${date} is not in the event log after updating`);
  return {
    ...dayFields(day),
    mode,
    days: state.log.days.length,
    filesWritten: write.written,
    filesRemoved: write.removed,
  };
}
