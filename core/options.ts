// Command-line options, each declared once: its name (the key it is declared under), type, default,
// environment variable, range and one line of doc. Reading argv and the environment is made from the
// declarations here, and each command's --help from the same ones (core/command.ts), so what an option
// accepts, what it defaults to and what its help says cannot drift apart.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { errorLine, UsageError } from './errors.ts';

/** Environment variables as a command reads them (`process.env`, or a test's own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** One option, as a builder below declares it. `T` is its value once read. */
export interface Option<T> {
  /** A switch (`--json`) or an option with a value (`--top N`). */
  readonly type: 'boolean' | 'string';
  /** The value's placeholder in help: `N`, `DIR`, `YYYY-MM-DD` (empty for a switch). */
  readonly value: string;
  /** What it is for, one line. */
  readonly doc: string;
  /** One-letter form. */
  readonly short?: string | undefined;
  /** Another name for the same option; giving both is a usage error. */
  readonly alias?: string | undefined;
  /** The variable read when the flag is absent; set to nothing, it counts as unset. */
  readonly env?: string | undefined;
  /** The values it takes, as help says it: `1 to 64`, `one of refused, failed, cancelled`. */
  readonly range?: string | undefined;
  /** The default as help says it; absent when there is none to say. */
  readonly shown?: string | undefined;
  /** Missing it is a usage error: true for the usual message, or the message itself (the flag is its where). */
  readonly required?: boolean | string | undefined;
  /** May be given more than once; the value is the list. */
  readonly multiple?: boolean | undefined;
  /** The value when neither the flag nor the variable is given. */
  readonly fallback: T;
  /** One given text as a value, or a UsageError naming `from` (the flag or variable it came from). */
  readonly convert: (text: string, from: string) => unknown;
}

/** A command's options by name (`'data-dir'` for `--data-dir`). */
export type Options = Readonly<Record<string, Option<unknown>>>;

/** What a command's options hold once read, by name. */
export type Values<O extends Options> = { -readonly [K in keyof O]: O[K] extends Option<infer T> ? T : never };

/** What every builder takes. */
interface Common {
  /** What it is for, one line. */
  doc: string;
  /** The variable read when the flag is absent. */
  env?: string;
  /** One-letter form. */
  short?: string;
  /** Another name for the same option. */
  alias?: string;
  /** The default as help says it, when it is not simply the default value (`today in Asia/Shanghai`). */
  shown?: string;
}

/** Builder input for an option with a value; `D` is its default, `undefined` when it has none. */
type Valued<D> = Common & { value: string; default?: D; required?: boolean | string };

function option<T>(spec: Common & { value: string; default?: unknown; required?: boolean | string; range?: string }, convert: Option<T>['convert']): Option<T> {
  const { default: fallback, ...rest } = spec;
  return { type: 'string', ...rest, shown: spec.shown ?? (fallback === undefined ? undefined : String(fallback)), fallback: fallback as T, convert };
}

/** A switch: false unless given. */
export function flag(doc: string, more: { short?: string } = {}): Option<boolean> {
  return { type: 'boolean', value: '', doc, ...more, fallback: false, convert: () => true };
}

/** Text, not blank (a blank value is a mistake, such as an unset shell variable, never a choice). */
export function text(spec: Valued<undefined> & { required: true | string }): Option<string>;
export function text<D extends string | undefined = undefined>(spec: Valued<D>): Option<string | D>;
export function text(spec: Valued<string | undefined>): Option<string | undefined> {
  return option(spec, (given, from) => {
    if (given.trim() === '') throw new UsageError(`${from} must not be empty`);
    return given;
  });
}

/** Numbers: whole or not, with a range the value must be in (both ends included). */
interface NumberSpec<D> extends Valued<D> {
  min?: number;
  max?: number;
  /** How the error names the kind of number: `seconds` for `--timeout must be seconds from 1 to 600`. */
  what?: string;
}

function numberOption<D>(spec: NumberSpec<D>, whole: boolean): Option<number | D> {
  const { min = -Infinity, max = Infinity } = spec;
  const bounded = Number.isFinite(min) && Number.isFinite(max);
  const what = `${spec.what ?? (whole ? 'a whole number' : 'a number')}${bounded ? ` from ${min} to ${max}` : ''}`;
  return option({ ...spec, ...(bounded ? { range: `${min} to ${max}` } : {}) }, (given, from) => {
    const n = Number(given);
    const readable = whole ? /^-?\d+$/.test(given) : given.trim() !== '' && Number.isFinite(n);
    if (!readable || n < min || n > max) throw new UsageError(`${from} must be ${what}, got ${JSON.stringify(given)}`);
    return n;
  });
}

/** A whole number (digits only), in [min, max] when they are given. */
export function integer<D extends number | undefined = undefined>(spec: NumberSpec<D>): Option<number | D> {
  return numberOption(spec, true);
}

/** A finite number, in [min, max] when they are given. */
export function decimal<D extends number | undefined = undefined>(spec: NumberSpec<D>): Option<number | D> {
  return numberOption(spec, false);
}

/** One of a few words. */
export function choice<V extends string, D extends V | undefined = undefined>(spec: Valued<D> & { values: readonly V[] }): Option<V | D> {
  const { values, ...rest } = spec;
  return option({ ...rest, range: `one of ${values.join(', ')}` }, (given, from) => {
    if (!values.includes(given as V)) throw new UsageError(`${from} must be one of ${values.join(', ')}, got ${JSON.stringify(given)}`);
    return given;
  });
}

/** A value of its own kind (a date, a URL): `parse` checks and converts it, or throws a UsageError naming `from`. */
export function custom<T, D extends T | undefined = undefined>(spec: Valued<D> & { range?: string; parse: (given: string, from: string) => T }): Option<T | D> {
  const { parse, ...rest } = spec;
  return option(rest, parse);
}

/** An option given any number of times, each value parsed (its errors name `--flag #N`). */
export function repeated<T>(spec: Common & { value: string; parse: (given: string, from: string) => T }): Option<T[]> {
  const { parse, ...rest } = spec;
  return { ...option<T[]>(rest, parse), multiple: true, fallback: [] };
}

/** Where the data lives: the one data-dir option of every command that reads or writes it. */
export const DATA_DIR = text({ value: 'DIR', env: 'CATALOG_DATA_DIR', default: 'data', doc: 'where snapshots, events and history live' });

/** The data dir when no flag names one: `$CATALOG_DATA_DIR` when set and not blank, else `data`. */
export function defaultDataDir(env: Env = process.env): string {
  return fromEnvironment(DATA_DIR, env) as string;
}

/** An option's value from its variable, else its default. */
function fromEnvironment<T>(declared: Option<T>, env: Env): unknown {
  const set = declared.env === undefined ? undefined : env[declared.env];
  return set !== undefined && set.trim() !== '' ? declared.convert(set, declared.env as string) : declared.fallback;
}

/**
 * `--days -3` as `--days=-3`: node's parser calls a value starting with a dash "ambiguous", where the
 * person meant a negative number and deserves the option's own message about it.
 */
function joinNegativeValues(argv: readonly string[], options: ParseArgsOptionsConfig): string[] {
  const takesValue = new Set<string>();
  for (const [name, declared] of Object.entries(options)) {
    if (declared.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (declared.short !== undefined) takesValue.add(`-${declared.short}`);
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
  return parseWords(argv, options, 0).values;
}

/** parseOptions, allowing up to `words` free words (an action, an operand) among the options. */
function parseWords<T extends ParseArgsOptionsConfig>(argv: readonly string[], options: T, words: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: words > 0 });
  } catch (error) {
    throw new UsageError(`${errorLine(error)} (see --help)`, 'command line', { cause: error });
  }
  const extra = parsed.positionals[words];
  if (extra !== undefined) throw new UsageError(`Unexpected argument ${JSON.stringify(extra)} (see --help)`, 'command line');
  return parsed;
}

/** What parseOptions gives for one name. */
type Flag = string | boolean | (string | boolean)[] | undefined;

/** A command line split by the declarations, before any value is checked: the flags given and the free words. */
export interface Given {
  readonly flags: Readonly<Record<string, Flag>>;
  readonly words: readonly string[];
}

/** Split `argv` by the declared options (strictly; at most `words` free words), or `'help'` when --help was asked for. */
export function parseCommandLine(options: Options, argv: readonly string[], words = 0): Given | 'help' {
  const config: ParseArgsOptionsConfig = { help: { type: 'boolean', short: 'h' } };
  for (const [name, declared] of Object.entries(options)) {
    config[name] = { type: declared.type, ...(declared.short === undefined ? {} : { short: declared.short }), ...(declared.multiple ? { multiple: true } : {}) };
    if (declared.alias !== undefined) config[declared.alias] = { type: declared.type };
  }
  const { values, positionals } = parseWords(argv, config, words);
  return values['help'] === true ? 'help' : { flags: values as Record<string, Flag>, words: positionals };
}

function valueOf(name: string, declared: Option<unknown>, given: Readonly<Record<string, Flag>>, env: Env): unknown {
  const alias = declared.alias === undefined ? undefined : given[declared.alias];
  if (given[name] !== undefined && alias !== undefined) throw new UsageError(`give --${name} or --${declared.alias}, not both`, 'command line');
  const flagName = given[name] === undefined && alias !== undefined ? `--${declared.alias}` : `--${name}`;
  const value = given[name] ?? alias;
  if (declared.type === 'boolean') return value === true;
  if (declared.multiple) return ((value ?? []) as string[]).map((one, i) => declared.convert(one, `${flagName} #${i + 1}`));
  if (typeof value === 'string') return declared.convert(value, flagName);
  const fromEnv = fromEnvironment(declared, env);
  if (fromEnv === undefined && typeof declared.required === 'string') throw new UsageError(declared.required, `--${name}`);
  if (fromEnv === undefined && declared.required) throw new UsageError(`--${name} ${declared.value} is required (see --help)`);
  return fromEnv;
}

/** Every option's value: its flag's, else its variable's, else its default. */
export function optionValues<O extends Options>(options: O, given: Given, env: Env = process.env): Values<O> {
  const values: Record<string, unknown> = {};
  for (const [name, declared] of Object.entries(options)) values[name] = valueOf(name, declared, given.flags, env);
  return values as Values<O>;
}

/** Every option's value from `argv` (flags win), then `env`, then its default; `'help'` when --help was asked for. */
export function readOptions<O extends Options>(options: O, argv: readonly string[], env: Env = process.env): Values<O> | 'help' {
  const given = parseCommandLine(options, argv);
  return given === 'help' ? 'help' : optionValues(options, given, env);
}
