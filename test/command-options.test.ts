// core/options.ts and core/command.ts: options read from their declarations (flag, else variable, else
// default), one-line errors that name the option, and help made from the same declarations.
import { describe, expect, it } from 'vitest';
import { helpText, runCommand, type Command } from '../core/command.ts';
import { UsageError } from '../core/errors.ts';
import { choice, custom, decimal, flag, integer, readOptions, repeated, text, type Options } from '../core/options.ts';

const OPTIONS = {
  name: text({ value: 'NAME', env: 'TEST_NAME', default: 'anon', doc: 'who it is for' }),
  count: integer({ value: 'N', min: 1, max: 9, default: 3, env: 'TEST_COUNT', doc: 'how many' }),
  rate: decimal({ value: 'R', min: 0.5, max: 2, what: 'a rate', doc: 'how fast' }),
  kind: choice({ value: 'KIND', values: ['a', 'b'], doc: 'which kind' }),
  when: custom({ value: 'WHEN', shown: 'now', doc: 'when', parse: (given, from) => {
    if (given !== 'soon') throw new UsageError(`${from} must be soon, got ${JSON.stringify(given)}`);
    return 'soon';
  } }),
  tag: repeated({ value: 'TAG', doc: 'a tag', parse: (given, from) => {
    if (given.length > 3) throw new UsageError(`too long: ${given}`, from);
    return given.toUpperCase();
  } }),
  loud: flag('say it loud', { short: 'l' }),
} as const satisfies Options;

/** A problem as it is reported: the error's message, which must be one line. */
function problem(argv: string[], env: Record<string, string> = {}): string {
  try {
    readOptions(OPTIONS, argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('core/options: reading', () => {
  it('takes a flag, else its variable, else its default; a variable set to nothing counts as unset', () => {
    expect(readOptions(OPTIONS, [], {})).toEqual({ name: 'anon', count: 3, rate: undefined, kind: undefined, when: undefined, tag: [], loud: false });
    expect(readOptions(OPTIONS, [], { TEST_NAME: 'env', TEST_COUNT: '7' })).toMatchObject({ name: 'env', count: 7 });
    expect(readOptions(OPTIONS, ['--name', 'flag', '--count', '2'], { TEST_NAME: 'env', TEST_COUNT: '7' })).toMatchObject({ name: 'flag', count: 2 });
    expect(readOptions(OPTIONS, [], { TEST_NAME: ' ', TEST_COUNT: '' })).toMatchObject({ name: 'anon', count: 3 });
  });

  it('reads every kind, a switch by its short name and a repeated option as a list', () => {
    expect(readOptions(OPTIONS, ['--rate', '1.5', '--kind', 'b', '--when', 'soon', '--tag', 'x', '--tag', 'yz', '-l'], {})).toEqual({
      name: 'anon', count: 3, rate: 1.5, kind: 'b', when: 'soon', tag: ['X', 'YZ'], loud: true,
    });
  });

  it('refuses a bad value in one line that names the option, or the variable it came from', () => {
    expect(problem(['--count', '0'])).toBe('--count must be a whole number from 1 to 9, got "0"');
    expect(problem(['--count', '2.5'])).toBe('--count must be a whole number from 1 to 9, got "2.5"');
    expect(problem(['--count', '-3'])).toBe('--count must be a whole number from 1 to 9, got "-3"');
    expect(problem([], { TEST_COUNT: 'many' })).toBe('TEST_COUNT must be a whole number from 1 to 9, got "many"');
    expect(problem(['--rate', '3'])).toBe('--rate must be a rate from 0.5 to 2, got "3"');
    expect(problem(['--rate', 'Infinity'])).toBe('--rate must be a rate from 0.5 to 2, got "Infinity"');
    expect(problem(['--kind', 'c'])).toBe('--kind must be one of a, b, got "c"');
    expect(problem(['--name', ''])).toBe('--name must not be empty');
    expect(problem(['--when', 'later'])).toBe('--when must be soon, got "later"');
    expect(problem(['--tag', 'ok', '--tag', 'long'])).toBe('--tag #2: too long: long');
    expect(problem(['--nope'])).toMatch(/^command line: Unknown option '--nope'.* \(see --help\)$/);
  });

  it('says what is required, refuses both names of one option, and answers --help before any of it', () => {
    const declared = { out: text({ value: 'DIR', required: true, doc: 'where' }), data: { ...text({ value: 'DIR', doc: 'from' }), alias: 'data-dir' } } as const;
    expect(() => readOptions(declared, [], {})).toThrow(/^--out DIR is required \(see --help\)$/);
    expect(readOptions(declared, ['--out', 'o', '--data-dir', 'd'], {})).toEqual({ out: 'o', data: 'd' });
    expect(() => readOptions(declared, ['--out', 'o', '--data', 'd', '--data-dir', 'd'], {})).toThrow(/^command line: give --data or --data-dir, not both$/);
    expect(readOptions(declared, ['--help'], {})).toBe('help');
    expect(readOptions(declared, ['-h'], {})).toBe('help');
    const named = { run: text({ value: 'URL', required: 'the run URL is required', doc: 'the run' }) } as const;
    expect(() => readOptions(named, [], {})).toThrow(/^--run: the run URL is required$/);
  });
});

const COMMAND = {
  name: 'try',
  usage: 'npm run try',
  actions: { go: 'go now', stop: 'stop now' },
  about: 'Tries things.',
  options: OPTIONS,
  environment: { TEST_TOKEN: 'a token' },
  notes: 'Nothing else.',
  exit: '0 done, 2 usage error',
} as const satisfies Command<Options>;

/** Output collected from a command run in-process. */
function capture(): { out: (text: string) => void; err: (text: string) => void; text: { out: string; err: string } } {
  const text = { out: '', err: '' };
  return { out: (t) => void (text.out += t), err: (t) => void (text.err += t), text };
}

describe('core/command', () => {
  it('makes help from the declaration: usage, actions, every option with its range, variable and default, the environment, the exit statuses', () => {
    const help = helpText(COMMAND);
    expect(help.split('\n')[0]).toBe('Usage: npm run try -- go|stop [options]');
    for (const line of [
      '  go    go now',
      '  --name NAME  who it is for (env TEST_NAME; default anon)',
      '  --count N    how many (1 to 9; env TEST_COUNT; default 3)',
      '  --rate R     how fast (0.5 to 2)',
      '  --kind KIND  which kind (one of a, b)',
      '  --when WHEN  when (default now)',
      '  --tag TAG    a tag (repeatable)',
      '  -l, --loud   say it loud',
      '  -h, --help   show this help',
      '  TEST_TOKEN  a token',
      'Nothing else.',
      'Exit status: 0 done, 2 usage error.',
    ]) {
      expect(help.split('\n')).toContain(line);
    }
    expect(help.endsWith('\n')).toBe(true);
  });

  it('lists the options in the usage line when they fit, and wraps every line at 100 columns', () => {
    const { actions: _, ...plain } = COMMAND;
    const small = { ...plain, options: { count: OPTIONS.count, out: text({ value: 'DIR', required: true, doc: 'where' }) } };
    expect(helpText(small).split('\n')[0]).toBe('Usage: npm run try -- --out DIR [--count N]');
    const long = { ...COMMAND, options: { long: text({ value: 'X', doc: 'word '.repeat(60).trim() }) } };
    const lines = helpText(long).split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(lines.filter((line) => line.trim().startsWith('word')).length).toBeGreaterThan(2);
  });

  it('runs the body with the values and the action, prints help for --help, and reports a problem in one line with its exit status', async () => {
    const seen: unknown[] = [];
    const body = async (values: unknown, { action }: { action: string | undefined }): Promise<number> => {
      seen.push(action, values);
      return 0;
    };
    const ok = capture();
    expect(await runCommand(COMMAND, ['go', '--count', '4'], body, ok, {})).toBe(0);
    expect(seen).toEqual(['go', expect.objectContaining({ count: 4 })]);
    const help = capture();
    expect(await runCommand(COMMAND, ['--help'], body, help, {})).toBe(0);
    expect(help.text.out).toBe(helpText(COMMAND));
    const bad = capture();
    expect(await runCommand(COMMAND, ['stop', '--count', 'x'], body, bad, {})).toBe(2);
    expect(bad.text.err).toBe('try: --count must be a whole number from 1 to 9, got "x"\n');
    const noAction = capture();
    expect(await runCommand(COMMAND, ['--count', 'x'], body, noAction, {})).toBe(2);
    expect(noAction.text.err).toBe('try: arguments: expected go or stop first, got "--count"\n');
    expect(seen).toHaveLength(2);
  });
});
