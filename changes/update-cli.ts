// `npm run changes:update -- --date DATE`: bring the event log (events/) and history/ up to one snapshot.
import { type Io, processIo } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { DATA_DIR, flag, type Options } from '../core/options.ts';
import { dateFlag } from '../store/dates.ts';
import { MissingDataError } from '../store/errors.ts';
import { withDataDirLock } from '../store/lock.ts';
import { listSnapshotDates } from '../store/snapshots.ts';
import type { UpdateSummary } from './summary.ts';
import { updateChanges } from './update.ts';

/** The changes:update command. */
export const CHANGES_UPDATE = {
  name: 'changes:update',
  usage: 'npm run changes:update',
  about: `Derive the events and per-model history for one snapshot (default: the newest), after the crawl
wrote <data-dir>/snapshots/<date>.json. Re-running a date replaces that day; an older date or an
out-of-step log rebuilds everything from the snapshots.`,
  options: {
    date: dateFlag({ shown: 'the newest snapshot', doc: 'snapshot date to process' }),
    'data-dir': DATA_DIR,
    json: flag('print the summary as JSON'),
  },
  exit: '0 done, 1 failed (missing or unusable data), 2 usage error',
} as const satisfies Command<Options>;

/** One line for people: what the update found and wrote. */
export function describeSummary(summary: UpdateSummary): string {
  const against = summary.previous === null ? 'baseline (no events)' : `vs ${summary.previous}`;
  const gap = summary.missing.length === 0 ? '' : `, ${summary.missing.length} missing night(s): ${summary.missing.join(' ')}`;
  const files = summary.filesWritten.length + summary.filesRemoved.length;
  return (
    `${summary.date} ${against}${gap}: ${summary.models} models, ${summary.entered} entered, ` +
    `${summary.returned} returned, ${summary.left} left [${summary.mode}; ${files} file(s) changed]\n`
  );
}

export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(CHANGES_UPDATE, argv, async (options) => {
    const dataDir = options['data-dir'];
    const date = options.date ?? (await listSnapshotDates(dataDir)).at(-1);
    if (date === undefined) throw new MissingDataError('no snapshots yet', dataDir);
    const summary = await withDataDirLock(dataDir, `changes:update ${date}`, () => updateChanges(dataDir, date), { create: false });
    io.out(options.json ? `${JSON.stringify(summary, null, 2)}\n` : describeSummary(summary));
  }, io);
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
