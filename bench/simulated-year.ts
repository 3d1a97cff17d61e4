// The data dir the site and dataset benchmarks measure: `days` simulated nights of the history World,
// written as the nightly would leave it (events and history; the newest snapshots), a missed night now
// and then (a gap, never removals). Generated once and cached: a `.complete` marker says it is whole.
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyDay, emptyState } from '../changes/history.ts';
import { writeState } from '../store/change-files.ts';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import { nightRecord, recordNight, type NightRecord } from '../store/nights-file.ts';
import { World } from './history-world.ts';

/** What to generate. */
export interface SimulatedYearOptions {
  /** Nights, ending 2026-11-24. */
  days: number;
  /** Models on the list each night. */
  models: number;
  /** The newest N nights keep their snapshot file (at least the newest: latest.json is made from it). */
  snapshotDays: number;
  /** Record the missed nights in nights.json with a reason, as `npm run record-night` does (default false). */
  recordMissed?: boolean;
  /** Progress lines (to stderr). */
  log: (text: string) => void;
}

/** Every 97th night, from the 51st, has no snapshot. */
const missed = (i: number): boolean => i % 97 === 50;

/** Writes the simulated nights into `dataDir` unless a complete copy is there already. */
export async function generateSimulatedYear(dataDir: string, options: SimulatedYearOptions): Promise<void> {
  const { days, models, snapshotDays, log } = options;
  const done = join(dataDir, '.complete');
  if (await access(done).then(() => true, () => false)) return log(`using cached data in ${dataDir}`);
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const first = dayNumber('2026-11-24') - days + 1;
  const world = new World({ models });
  const state = emptyState();
  const nights: NightRecord[] = [];
  const started = performance.now();
  for (let i = 0; i < days; i++) {
    if (i > 0) world.advance();
    const date = dateOfDay(first + i);
    if (missed(i)) {
      if (options.recordMissed === true) nights.push(nightRecord(date, 'failed', 'PUT https://modelscope.cn/api/v1/dolphin/models page 7: HTTP 503 after 6 attempts'));
      continue;
    }
    if (i >= days - Math.max(1, snapshotDays)) await world.writeSnapshot(dataDir, date);
    applyDay(state, date, world.observations(), { ids: world.gateway(), complete: true });
    if (i % 100 === 0) log(`  generated ${date} (${i + 1}/${days})`);
  }
  await writeState(dataDir, state);
  for (const night of nights) await recordNight(dataDir, night);
  await writeFile(done, '');
  log(`generated ${days} nights, ${state.tracks.size} models ever seen, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
