// Shared plumbing for the change-tracking CLIs: option parsing, the data-dir default, exit codes.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { isIsoDate } from './dates.ts';
import { UsageError } from './errors.ts';

/** Exit codes: 0 done, 1 the data or files are the problem, 2 the command line is. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Where the data lives unless --data-dir says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['CATALOG_DATA_DIR'] || 'data';
}

/** Parse `argv` strictly; unknown options and stray arguments are usage errors. */
export function parseOptions<T extends ParseArgsOptionsConfig>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments', 'arguments', { cause: error });
  }
}

/** A date option's value, checked. */
export function dateOption(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !isIsoDate(value)) {
    throw new UsageError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`, `--${name}`);
  }
  return value;
}

/** Output sinks, injectable so tests can run a CLI's main in-process. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Run a CLI body, turning errors into one line on stderr and an exit code. */
export async function runCli(name: string, io: Io, body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return EXIT_OK;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.err(`${name}: ${message}\n`);
    if (error instanceof UsageError) {
      io.err(`Try: ${name} --help\n`);
      return EXIT_USAGE;
    }
    return EXIT_FAILED;
  }
}

