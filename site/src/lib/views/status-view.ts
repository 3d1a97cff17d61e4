// The status page's figures: how fresh the data is and what is missing, in public.
import type { NightOutcome, NightRecord } from '../../../../store/nights-file.ts';
import type { SnapshotSource } from '../../../../store/record.ts';
import type { EventLog } from '../../../../store/types.ts';
import { checkedDayNumber } from '../../../../store/days.ts';

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
  /** Every night without a snapshot since the first, newest first: gaps between snapshots and nights after the newest. */
  missing: MissedNight[];
  /** Observed nights. */
  observed: number;
  /** Ids the gateway served on the newest night; `null` when that snapshot kept no gateway list. */
  gateway: number | null;
  /** The newest listing's stable shortfall (TotalCount above the rows it yielded); 0 when none. */
  shortfall: number;
  /** Records of the newest snapshot kept with an unknown inference type (empty SupportInference). */
  unknownInference: number;
  /** The data came from a simulator on this machine (`npm run demo`), not from ModelScope. */
  demo: boolean;
}

/** A night without a snapshot, and why when it was recorded (data/nights.json). */
export interface MissedNight {
  date: string;
  /** `null` when nothing was recorded (the run never got as far as recording, or the data predates it). */
  outcome: NightOutcome | null;
  reason: string | null;
}

/** The nights missing from `log` (gaps) and those `nights` records after its newest snapshot, newest first. */
export function missedNights(log: EventLog, nights: readonly NightRecord[]): MissedNight[] {
  const observed = new Set(log.days.map((day) => day.date));
  const recorded = new Map(nights.filter((night) => !observed.has(night.date)).map((night) => [night.date, night]));
  const dates = new Set([...log.days.flatMap((day) => day.missing), ...recorded.keys()]);
  return [...dates]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((date) => {
      const night = recorded.get(date);
      return { date, outcome: night?.outcome ?? null, reason: night?.reason ?? null };
    });
}

/** The status figures on `today` (`YYYY-MM-DD`, the build's date in Shanghai), with the newest snapshot's `source`. */
export function statusView(
  log: EventLog,
  today: string,
  source?: Pick<SnapshotSource, 'shortfall' | 'unknownInference' | 'origin'>,
  nights: readonly NightRecord[] = [],
): StatusView {
  const last = log.days.at(-1);
  const before = log.days.at(-2);
  return {
    newest: last?.date ?? null,
    ageDays: last === undefined ? null : checkedDayNumber(today) - checkedDayNumber(last.date),
    models: last?.models ?? 0,
    previous: before === undefined ? null : { date: before.date, models: before.models },
    missing: missedNights(log, nights),
    observed: log.days.length,
    gateway: last?.gateway ?? null,
    shortfall: source?.shortfall ?? 0,
    unknownInference: source?.unknownInference ?? 0,
    demo: source !== undefined && isLoopback(source.origin),
  };
}

/** Whether `origin` is this machine: the demo's simulator answers on 127.0.0.1 (or localhost). */
function isLoopback(origin: string): boolean {
  try {
    const host = new URL(origin).hostname;
    return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/** Whether the newest snapshot is older than the night the data should have by `today`: yesterday's at the latest. */
export function isStale(newest: string | null, today: string): boolean {
  return newest === null || checkedDayNumber(today) - checkedDayNumber(newest) > 1;
}
