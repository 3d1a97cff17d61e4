// The status page's figures: how fresh the data is and what is missing, in public.
import type { SnapshotSource } from '../../../store/record.ts';
import type { EventLog } from '../../../store/types.ts';
import { dateToDay } from './stays.ts';

/** What the status page shows. */
export interface StatusView {
  /** Newest snapshot date, `null` before the first. */
  newest: string | null;
  /** Whole days between the newest snapshot and `today` (Shanghai), `null` before the first. */
  ageDays: number | null;
  /** Models on the newest snapshot. */
  models: number;
  /** The previous snapshot and its model count, when there is one. */
  previous: { date: string; models: number } | null;
  /** Every night without a snapshot since the first, newest first. */
  missing: string[];
  /** Observed nights. */
  observed: number;
  /** Ids the gateway served on the newest night; `null` when that snapshot kept no gateway list. */
  gateway: number | null;
  /** The newest listing's stable shortfall (TotalCount above the rows it yielded); 0 when none. */
  shortfall: number;
  /** Records of the newest snapshot kept with an unknown inference type (empty SupportInference). */
  unknownInference: number;
}

/** The status figures on `today` (`YYYY-MM-DD`, the build's date in Shanghai), with the newest snapshot's `source`. */
export function statusView(log: EventLog, today: string, source?: Pick<SnapshotSource, 'shortfall' | 'unknownInference'>): StatusView {
  const last = log.days.at(-1);
  const before = log.days.at(-2);
  return {
    newest: last?.date ?? null,
    ageDays: last === undefined ? null : dateToDay(today) - dateToDay(last.date),
    models: last?.models ?? 0,
    previous: before === undefined ? null : { date: before.date, models: before.models },
    missing: log.days.flatMap((day) => day.missing).reverse(),
    observed: log.days.length,
    gateway: last?.gateway ?? null,
    shortfall: source?.shortfall ?? 0,
    unknownInference: source?.unknownInference ?? 0,
  };
}
