// `npm run commit-message`: the nightly workflow's data commit message, from the event log's newest night.
import { type Io, processIo } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { DATA_DIR, type Options } from '../core/options.ts';
import { readEventLog } from '../store/change-files.ts';
import { MissingDataError } from '../store/errors.ts';
import { commitMessage } from './commit-message.ts';

/** The commit-message command. */
export const COMMIT_MESSAGE = {
  name: 'commit-message',
  usage: 'npm run commit-message',
  about: `Prints the message for committing the newest night's data, from the event log:
  data: 2026-11-24 +3 −1 ↺2 (61,234 models)
(entered, left, returned; renames and the gateway list's moves when there were any; nights missed
before it are named).`,
  options: { 'data-dir': DATA_DIR },
  exit: '0 printed, 1 no event log or no night in it, 2 usage error',
} as const satisfies Command<Options>;

export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(COMMIT_MESSAGE, argv, async ({ 'data-dir': dataDir }) => {
    const night = (await readEventLog(dataDir)).days.at(-1);
    if (night === undefined) throw new MissingDataError('the event log has no night yet: nothing to commit', dataDir);
    io.out(`${commitMessage(night)}\n`);
  }, io);
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
