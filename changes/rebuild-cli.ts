// `npm run rebuild`: recompute events.json and history/ from the snapshots alone.
import { defaultDataDir, type Io, parseOptions, processIo, runCli } from '../core/cli.ts';
import { withDataDirLock } from '../store/lock.ts';
import { rebuildChanges } from './rebuild.ts';

const HELP = `Usage: npm run rebuild -- [--data-dir DIR] [--json]

Rebuild the event log (events.json) and the per-model history (history/*.shard.json) from every snapshot
in <data-dir>/snapshots, oldest first. Writes only files whose content changes.

  --data-dir  data directory (default: $CATALOG_DATA_DIR or "data")
  --json      print the summary as JSON
  --help      show this help

Exit status: 0 done, 1 failed (missing or unusable data), 2 usage error.
`;

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCli('rebuild', io, async () => {
    const options = parseOptions(argv, {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    });
    if (options.help) {
      io.out(HELP);
      return;
    }
    const dataDir = options['data-dir'] ?? defaultDataDir();
    const summary = await withDataDirLock(dataDir, 'rebuild', () => rebuildChanges(dataDir), { create: false });
    if (options.json) {
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    const changed = summary.filesWritten.length + summary.filesRemoved.length;
    io.out(`rebuilt ${summary.days} snapshot day(s) through ${summary.date}; ${changed} file(s) changed\n`);
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
