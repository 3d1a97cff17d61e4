// What every command line of the project shares: strict option parsing, the data-dir default, one
// exit-code scheme and one way of reporting a failure (`<command>: <reason>`, one line on stderr).
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { CatalogError, RefusalError, UsageError } from './errors.ts';
import { logLine } from './text.ts';

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

/** The first line of an error's message: what a command prints. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** Where the data lives unless `--data-dir` says otherwise: `$CATALOG_DATA_DIR` when set and not blank, else `data`. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const dir = env['CATALOG_DATA_DIR'];
  return dir !== undefined && dir.trim() !== '' ? dir : 'data';
}

/**
 * `--days -3` as `--days=-3`: node's parser calls a value starting with a dash "ambiguous", where the
 * person meant a negative number and deserves the option's own message about it.
 */
function joinNegativeValues(argv: readonly string[], options: ParseArgsOptionsConfig): string[] {
  const takesValue = new Set<string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (option.short !== undefined) takesValue.add(`-${option.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (takesValue.has(arg) && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

/** Parse `argv` strictly (no unknown options, no stray arguments); problems are UsageErrors. */
export function parseOptions<T extends ParseArgsOptionsConfig>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${errorLine(error)} (see --help)`, 'command line', { cause: error });
  }
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

/**
 * Run a command's body: its result (an exit code, or nothing for 0) or its error, printed as
 * `<name>: <reason>` on one line and turned into the exit code of its class.
 */
export async function runCli(name: string, io: Io, body: () => Promise<number | void>): Promise<number> {
  try {
    return (await body()) ?? EXIT.ok;
  } catch (error) {
    io.err(`${logLine(`${name}: ${errorLine(error)}`)}\n`);
    // A failure that is not one of ours is a bug: keep its stack for whoever debugs it.
    if (!(error instanceof CatalogError) && error instanceof Error && error.stack) io.err(logLines(error.stack));
    return exitCodeOf(error);
  }
}
