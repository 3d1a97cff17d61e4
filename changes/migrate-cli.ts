// `npm run migrate-data`: bring a data dir of an earlier version to today's layout (changes/migrate.ts).
import { type Io, processIo } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { DATA_DIR, flag, type Options } from '../core/options.ts';
import { withDataDirLock } from '../store/lock.ts';
import { KEEP_SNAPSHOTS } from '../store/snapshot-archive.ts';
import { migrateDataDir } from './migrate.ts';

/** The migrate-data command. */
export const MIGRATE_DATA = {
  name: 'migrate-data',
  usage: 'npm run migrate-data',
  about: `Convert a data directory written by an earlier version to today's layout, then commit the result:
  - the event log: one events.json becomes events/<year>.events.json and events/index.json;
  - snapshots: all but the newest ${KEEP_SNAPSHOTS} files leave the working tree; git's history keeps them
    (only files already committed unchanged are removed).
No event or history value changes; running it again changes nothing.`,
  options: { 'data-dir': DATA_DIR, json: flag('print the summary as JSON') },
  exit: '0 done, 1 failed (missing or unusable data), 2 usage error',
} as const satisfies Command<Options>;

export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(MIGRATE_DATA, argv, async (options) => {
    const dataDir = options['data-dir'];
    const summary = await withDataDirLock(dataDir, 'migrate-data', () => migrateDataDir(dataDir), { create: false });
    if (options.json) {
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    const changed = summary.written.length + summary.removed.length;
    if (changed === 0) {
      io.out('migrate-data: already in the current layout; nothing changed\n');
      return;
    }
    const parts = [`${summary.written.length} file(s) written, ${summary.removed.length} removed`];
    if (summary.rebuilt) parts.push('the change files were of an older format and were rebuilt from the snapshots');
    if (summary.pruned.length > 0) parts.push(`${summary.pruned.length} snapshot file(s) left for git's history (${summary.pruned[0]} … ${summary.pruned.at(-1)})`);
    io.out(`migrate-data: ${parts.join('; ')}. Commit the data dir to keep it.\n`);
  }, io);
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
