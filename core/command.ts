// A command declared once: what it does, its options (core/options.ts), the variables it reads and its
// exit statuses. Its --help text and its parsing are both made from the declaration, and runCommand
// gives every command the same skeleton: read the options, answer --help, run, report a failure as
// `<name>: <reason>` with the exit status of its class.
import { EXIT, processIo, reportFailure, runCli, type Io } from './cli.ts';
import { UsageError } from './errors.ts';
import { optionValues, parseCommandLine, type Env, type Option, type Options, type Values } from './options.ts';

/** One command of the project. */
export interface Command<O extends Options> {
  /** What its failures start with: `diff` for `diff: --to …`. */
  readonly name: string;
  /** How it is run, before `--`: `npm run diff`, `node simulator/cli.ts`. */
  readonly usage: string;
  /** Words one of which comes first (`open`, `close`), each with one line of doc. */
  readonly actions?: Readonly<Record<string, string>>;
  /** One free word it may take among its options (a benchmark's data dir), as help names and documents it. */
  readonly operand?: { readonly name: string; readonly doc: string };
  /** What it does, as help prints it (lines kept as written). */
  readonly about: string;
  readonly options: O;
  /** Variables it reads that no option stands for, each with one line of doc. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Anything help says after the options and variables. */
  readonly notes?: string;
  /** Its exit statuses, after `Exit status: ` (`0 done, 1 failed, 2 usage error`). */
  readonly exit?: string;
}

/** Lines of help are kept to this width. */
const WIDTH = 100;
/** The option column's widest; a longer name puts its doc on the next line. */
const COLUMN = 26;

/** The --help option every command has. */
const HELP_ROW = { names: '-h, --help', doc: 'show this help' };

/** `text` cut into lines of at most `width` after an `indent` on every line but the first. */
function wrap(text: string, first: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  let room = WIDTH - first;
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = WIDTH - indent;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/** Two columns: each name, then its doc wrapped beside it (or below it, when the name is long). */
function table(rows: readonly { names: string; doc: string }[]): string[] {
  const width = Math.min(COLUMN, Math.max(...rows.map((row) => row.names.length)));
  const indent = 2 + width + 2;
  const out: string[] = [];
  for (const { names, doc } of rows) {
    if (names.length > width) {
      out.push(`  ${names}`);
      out.push(...wrap(doc, indent, indent).map((line) => `${' '.repeat(indent)}${line}`));
      continue;
    }
    const [head, ...rest] = wrap(doc, indent, indent);
    out.push(`  ${names.padEnd(width)}  ${head}`, ...rest.map((line) => `${' '.repeat(indent)}${line}`));
  }
  return out;
}

/** How help names an option: `--top N`, `-h, --help`. */
export function optionNames(name: string, declared: Option<unknown>): string {
  const long = `--${name}${declared.value === '' ? '' : ` ${declared.value}`}`;
  return declared.short === undefined ? long : `-${declared.short}, ${long}`;
}

/** An option's doc with what else help says of it: its range, other name, variable and default. */
function optionDoc(declared: Option<unknown>): string {
  const facts = [
    declared.range,
    declared.alias === undefined ? undefined : `also --${declared.alias}`,
    declared.env === undefined ? undefined : `env ${declared.env}`,
    declared.required ? 'required' : declared.shown === undefined ? undefined : `default${declared.shown.includes(' ') ? ':' : ''} ${declared.shown}`,
    declared.multiple ? 'repeatable' : undefined,
  ].filter((fact) => fact !== undefined);
  return facts.length === 0 ? declared.doc : `${declared.doc} (${facts.join('; ')})`;
}

/** The usage line's arguments: the actions, the required options, then the others. */
function usageArguments(command: Command<Options>): string[] {
  const entries = Object.entries(command.options);
  const named = (name: string, declared: Option<unknown>): string => `--${name}${declared.value === '' ? '' : ` ${declared.value}`}`;
  const required = entries.filter(([, declared]) => declared.required).map(([name, declared]) => named(name, declared));
  const optional = entries.filter(([, declared]) => !declared.required);
  const actions = command.actions === undefined ? [] : [Object.keys(command.actions).join('|')];
  const operand = command.operand === undefined ? [] : [`[${command.operand.name}]`];
  return [...actions, ...required, ...optional.map(([name, declared]) => `[${named(name, declared)}]`), ...operand];
}

/** The command's --help, made from its declaration; ends with a newline. */
export function helpText<O extends Options>(command: Command<O>): string {
  const args = usageArguments(command);
  const listed = `Usage: ${command.usage} -- ${args.join(' ')}`;
  // All of them when they fit on the line, else the required ones and `[options]`.
  const usage = listed.length <= WIDTH ? listed : `Usage: ${command.usage} -- ${[...args.filter((arg) => !arg.startsWith('[')), '[options]'].join(' ')}`;
  const sections = [usage, command.about];
  if (command.actions !== undefined) {
    sections.push(['Actions:', ...table(Object.entries(command.actions).map(([names, doc]) => ({ names, doc })))].join('\n'));
  }
  if (command.operand !== undefined) sections.push(['Arguments:', ...table([{ names: command.operand.name, doc: command.operand.doc }])].join('\n'));
  const rows = Object.entries(command.options).map(([name, declared]) => ({ names: optionNames(name, declared), doc: optionDoc(declared) }));
  sections.push(['Options:', ...table([...rows, HELP_ROW])].join('\n'));
  if (command.environment !== undefined) {
    sections.push(['Environment:', ...table(Object.entries(command.environment).map(([names, doc]) => ({ names, doc })))].join('\n'));
  }
  if (command.notes !== undefined) sections.push(command.notes);
  if (command.exit !== undefined) sections.push(wrap(`Exit status: ${command.exit}.`, 0, 0).join('\n'));
  return `${sections.join('\n\n')}\n`;
}

/** The free words of a command line: its action and its operand, when the command takes them. */
export interface Words {
  readonly action: string | undefined;
  readonly operand: string | undefined;
}

/** A command's line read by its declaration: its option values and words, or `'help'` when --help was asked for. */
export function readCommand<O extends Options>(command: Command<O>, argv: readonly string[], env: Env): { values: Values<O>; words: Words } | 'help' {
  const actions = command.actions === undefined ? undefined : Object.keys(command.actions);
  const given = parseCommandLine(command.options, argv, (actions === undefined ? 0 : 1) + (command.operand === undefined ? 0 : 1));
  if (given === 'help') return 'help';
  const [first, ...rest] = given.words;
  // A missing action is said before any option's problem.
  if (actions !== undefined && !actions.includes(first ?? '')) {
    throw new UsageError(`expected ${actions.join(' or ')} first, got ${JSON.stringify(first ?? argv[0] ?? '')}`, 'arguments');
  }
  const words = actions === undefined ? { action: undefined, operand: first } : { action: first, operand: rest[0] };
  return { values: optionValues(command.options, given, env), words };
}

/** What a command's body is given: its options' values and its words. */
export type Run<O extends Options> = (values: Values<O>, words: Words) => Promise<number | void>;

/**
 * Run a command from its declaration: read `argv` and `env` into its options, print its help for
 * --help, else run `body`; a failure is printed as `<name>: <reason>` and becomes the exit status.
 */
export function runCommand<O extends Options>(command: Command<O>, argv: readonly string[], body: Run<O>, io: Io = processIo, env: Env = process.env): Promise<number> {
  return runCli(command.name, io, async () => {
    const read = readCommand(command, argv, env);
    if (read === 'help') {
      io.out(helpText(command));
      return;
    }
    return body(read.values, read.words);
  });
}

/**
 * For a script that is its module's body (a benchmark): its options' values and words; for --help the help
 * is printed and the process exits 0, for a problem the one line is printed and it exits with its status.
 */
export function scriptOptions<O extends Options>(command: Command<O>, argv: readonly string[] = process.argv.slice(2), io: Io = processIo, env: Env = process.env): { values: Values<O>; words: Words } {
  let read: ReturnType<typeof readCommand<O>>;
  try {
    read = readCommand(command, argv, env);
  } catch (error) {
    process.exit(reportFailure(command.name, io, error));
  }
  if (read === 'help') {
    io.out(helpText(command));
    process.exit(EXIT.ok);
  }
  return read;
}
