// What every command line of the project shares: one exit-code scheme and one way of reporting a failure
// (`<command>: <reason>`, one line on stderr). Options are declared in core/options.ts, whole commands
// (help, parsing, running) in core/command.ts.
import { CatalogError, errorLine, RefusalError, UsageError } from './errors.ts';
import { logLine } from './text.ts';

// The site's dev data loader (site/src/data.ts) takes the data-dir default from here.
export { defaultDataDir } from './options.ts';

/** Exit statuses of every command: 0 done, 1 failed, 2 usage error, 3 refused (the result looked wrong). */
export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3 } as const;

/** One of the EXIT values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit status an error ends a command with. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof RefusalError) return EXIT.refused;
  return EXIT.failed;
}

/** Text of several lines made safe line by line (see logLine), ending in a newline. */
export function logLines(text: string): string {
  return `${text.split('\n').map(logLine).join('\n')}\n`;
}

/** Output sinks, injectable so tests can run a command's main in-process. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The process's own stdout and stderr. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Print `error` as `<name>: <reason>` on one line; the exit code of its class. */
export function reportFailure(name: string, io: Io, error: unknown): ExitCode {
  io.err(`${logLine(`${name}: ${errorLine(error)}`)}\n`);
  // A failure that is not one of ours is a bug: keep its stack for whoever debugs it.
  if (!(error instanceof CatalogError) && error instanceof Error && error.stack) io.err(logLines(error.stack));
  return exitCodeOf(error);
}

/**
 * Run a command's body: its result (an exit code, or nothing for 0) or its error, printed as
 * `<name>: <reason>` on one line and turned into the exit code of its class.
 */
export async function runCli(name: string, io: Io, body: () => Promise<number | void>): Promise<number> {
  try {
    return (await body()) ?? EXIT.ok;
  } catch (error) {
    return reportFailure(name, io, error);
  }
}
