// `npm run changes:update -- --date DATE`: bring events.json and history/ up to one snapshot.
import { defaultDataDir, type Io, parseOptions, processIo, runCli } from '../core/cli.ts';
import { dateOption } from '../store/dates.ts';
import { MissingDataError } from '../store/errors.ts';
import { withDataDirLock } from '../store/lock.ts';
import { listSnapshotDates } from '../store/snapshots.ts';
import type { UpdateSummary } from './summary.ts';
import { updateChanges } from './update.ts';

const HELP = `Usage: npm run changes:update -- [--date YYYY-MM-DD] [--data-dir DIR] [--json]

Derive the events and per-model history for one snapshot (default: the newest), after the crawl
wrote <data-dir>/snapshots/<date>.json. Re-running a date replaces that day; an older date or an
out-of-step log rebuilds everything from the snapshots.

  --date      snapshot date to process (default: newest snapshot)
  --data-dir  data directory (default: $CATALOG_DATA_DIR or "data")
  --json      print the summary as JSON
  --help      show this help

Exit status: 0 done, 1 failed (missing or unusable data), 2 usage error.
`;

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

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCli('changes:update', io, async () => {
    const options = parseOptions(argv, {
      date: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    });
    if (options.help) {
      io.out(HELP);
      return;
    }
    const dataDir = options['data-dir'] ?? defaultDataDir();
    let date = dateOption(options.date, '--date');
    if (date === undefined) {
      date = (await listSnapshotDates(dataDir)).at(-1);
      if (date === undefined) throw new MissingDataError('no snapshots yet', dataDir);
    }
    const summary = await withDataDirLock(dataDir, `changes:update ${date}`, () => updateChanges(dataDir, date as string), { create: false });
    io.out(options.json ? `${JSON.stringify(summary, null, 2)}\n` : describeSummary(summary));
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
