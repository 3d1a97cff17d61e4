// `npm run rebuild`: recompute the event log (events/) and history/ from the snapshots alone (files and git's history).
import { type Io, processIo } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { DATA_DIR, flag, type Options } from '../core/options.ts';
import { withDataDirLock } from '../store/lock.ts';
import { rebuildChanges } from './rebuild.ts';

/** The rebuild command. */
export const REBUILD = {
  name: 'rebuild',
  usage: 'npm run rebuild',
  about: `Rebuild the event log (events/) and the per-model history (history/*.shard.json) from every
snapshot, oldest first: the files in <data-dir>/snapshots and those in git's history (a shallow
clone must fetch it first: git fetch --unshallow). Writes only files whose content changes.`,
  options: { 'data-dir': DATA_DIR, json: flag('print the summary as JSON') },
  exit: '0 done, 1 failed (missing or unusable data), 2 usage error',
} as const satisfies Command<Options>;

export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(REBUILD, argv, async ({ 'data-dir': dataDir, json }) => {
    const summary = await withDataDirLock(dataDir, 'rebuild', () => rebuildChanges(dataDir), { create: false });
    if (json) {
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    const changed = summary.filesWritten.length + summary.filesRemoved.length;
    io.out(`rebuilt ${summary.days} snapshot day(s) through ${summary.date}; ${changed} file(s) changed\n`);
  }, io);
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
