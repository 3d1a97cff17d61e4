// `npm run commit-message`: the nightly workflow's data commit message, from the event log's newest night.
import { defaultDataDir, type Io, parseOptions, processIo, runCli } from '../core/cli.ts';
import { readEventLog } from '../store/change-files.ts';
import { MissingDataError } from '../store/errors.ts';
import { commitMessage } from './commit-message.ts';

const HELP = `Usage: npm run commit-message -- [--data-dir DIR]

Prints the message for committing the newest night's data, from the event log:
  data: 2026-11-24 +3 −1 ↺2 (61,234 models)
(entered, left, returned; renames and the gateway list's moves when there were any; nights missed
before it are named).

  --data-dir  data directory (default: $CATALOG_DATA_DIR or "data")
  --help      show this help

Exit status: 0 printed, 1 no event log or no night in it, 2 usage error.
`;

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCli('commit-message', io, async () => {
    const options = parseOptions(argv, { 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } });
    if (options.help) {
      io.out(HELP);
      return;
    }
    const dataDir = options['data-dir'] ?? defaultDataDir();
    const night = (await readEventLog(dataDir)).days.at(-1);
    if (night === undefined) throw new MissingDataError('the event log has no night yet: nothing to commit', dataDir);
    io.out(`${commitMessage(night)}\n`);
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
