// Every command is declared once (test/commands.ts lists them): its --help is made from its declaration
// and names everything it declares, a bad value of any of its options is one line naming that option,
// and no command reads argv on its own.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { helpText, optionNames } from '../core/command.ts';
import { UsageError } from '../core/errors.ts';
import { readOptions, type Option } from '../core/options.ts';
import { COMMANDS } from './commands.ts';
import { runScript } from './helpers.ts';

const ROOT = new URL('../', import.meta.url);
const read = (path: string): Promise<string> => readFile(new URL(path, ROOT), 'utf8');
const scripts = async (): Promise<Record<string, string>> => (JSON.parse(await read('package.json')) as { scripts: Record<string, string> }).scripts;

/** Flags that satisfy a command's required options, so one other option can be tried alone. */
function requiredArgs(options: Readonly<Record<string, Option<unknown>>>, except?: string): string[] {
  return Object.entries(options).filter(([name, o]) => o.required && name !== except).flatMap(([name]) => [`--${name}`, '/tmp/somewhere']);
}

describe('commands', () => {
  it('are every npm script that runs a command of ours, each run by its declaration', async () => {
    const all = await scripts();
    // Tooling (tests, type checks, the dev server, set-up) and the benchmarks (below: their bodies run on import).
    const commands = Object.keys(all).filter((name) => !/^(test|typecheck|preinstall|dev|check:astro|bench:.*)$/.test(name));
    expect(Object.keys(COMMANDS).sort()).toEqual(commands.sort());
    for (const [script, command] of Object.entries(COMMANDS)) {
      expect(command.usage, script).toBe(`npm run ${script}`);
      const file = /\b([\w/-]+\.ts)\b/.exec(all[script] ?? '')?.[1] as string;
      expect(await read(file), file).toMatch(/runCommand\(/);
    }
  });

  it('include the benchmarks, each reading its options by its declaration: help, and one line for a bad value', async () => {
    const all = await scripts();
    const benches = Object.keys(all).filter((name) => name.startsWith('bench:'));
    expect(benches.length).toBeGreaterThan(4);
    for (const script of benches) {
      const file = /\b([\w/-]+\.ts)\b/.exec(all[script] ?? '')?.[1] as string;
      expect(await read(file), file).toMatch(/scriptOptions\(/);
      const help = await runScript(file, ['--help']);
      expect(help.code, `${script}: ${help.stderr}`).toBe(0);
      expect(help.stdout, script).toMatch(new RegExp(`^Usage: npm run ${script} -- `));
      const bad = await runScript(file, ['--bogus']);
      expect(bad.code, script).toBe(2);
      expect(bad.stderr, script).toMatch(new RegExp(`^${script}: command line: Unknown option '--bogus'.*\n$`));
    }
  }, 120_000);

  it('make their --help from the declaration: every option, other name, variable and action in it, no line over 100 columns', () => {
    for (const [script, command] of Object.entries(COMMANDS)) {
      const help = helpText(command);
      expect(help, script).toMatch(new RegExp(`^Usage: npm run ${script} -- `));
      const named = [
        ...Object.entries(command.options).flatMap(([name, o]) => [optionNames(name, o), o.alias, o.env]),
        ...Object.keys(command.environment ?? {}),
        ...Object.keys(command.actions ?? {}),
        '-h, --help',
      ];
      for (const name of named) if (name !== undefined) expect(help, `${script}: ${name}`).toContain(name);
      for (const line of help.split('\n')) expect(line.length, `${script}: ${line}`).toBeLessThanOrEqual(100);
    }
  });

  it('refuse a bad value of any option in one line that names it', () => {
    for (const [script, command] of Object.entries(COMMANDS)) {
      for (const [name, declared] of Object.entries(command.options)) {
        if (declared.type === 'boolean') continue;
        const argv = [...requiredArgs(command.options, name), `--${name}`, ''];
        let message = '';
        try {
          readOptions(command.options, argv, {});
        } catch (error) {
          expect(error, `${script} --${name}`).toBeInstanceOf(UsageError);
          message = (error as Error).message;
        }
        expect(message, `${script} --${name} ''`).toContain(`--${name}`);
        expect(message.split('\n'), `${script} --${name}`).toHaveLength(1);
      }
    }
  });

  it('fall back from a flag to its variable, and from a variable set to nothing to the default', () => {
    let variables = 0;
    for (const [script, command] of Object.entries(COMMANDS)) {
      for (const [name, declared] of Object.entries(command.options)) {
        if (declared.env === undefined) continue;
        variables += 1;
        const blank = readOptions(command.options, requiredArgs(command.options), { [declared.env]: '  ' });
        expect(blank === 'help' ? blank : blank[name], `${script} ${declared.env}`).toEqual(declared.fallback);
      }
    }
    expect(variables).toBeGreaterThan(8);
    const env = { CATALOG_DATA_DIR: '/env/data', SITE_URL: 'https://u.github.io/repo', MODELSCOPE_ORIGIN: 'http://127.0.0.1:9/' };
    expect(readOptions(COMMANDS['diff']!.options, [], env)).toMatchObject({ 'data-dir': '/env/data' });
    expect(readOptions(COMMANDS['dataset']!.options, ['--out', '/o'], env)).toMatchObject({ data: '/env/data' });
    expect(readOptions(COMMANDS['build']!.options, [], env)).toMatchObject({ 'data-dir': '/env/data', 'site-url': 'https://u.github.io/repo/' });
    expect(readOptions(COMMANDS['probe']!.options, [], env)).toMatchObject({ origin: 'http://127.0.0.1:9' });
    expect(readOptions(COMMANDS['probe']!.options, ['--origin', 'http://h/'], env)).toMatchObject({ origin: 'http://h' });
  });

  it('read argv only through their declarations (core/options.ts)', async () => {
    const offenders: string[] = [];
    // What a parent process hands its own child (JSON, or a phase and its inputs), and a process naming itself.
    const internal = ['publish/build-worker.ts', 'bench/history-phase.ts', 'bench/peak-rss.ts'];
    for (const dir of ['bench', 'changes', 'core', 'crawler', 'pipeline', 'publish', 'scripts', 'simulator', 'store']) {
      for (const entry of await readdir(new URL(`${dir}/`, ROOT), { recursive: true })) {
        const path = `${dir}/${entry}`;
        if (!entry.endsWith('.ts') || path === 'core/options.ts' || internal.includes(path)) continue;
        if (/\bparseArgs\(|\bparseOptions\(|process\.argv\[/.test(await read(path))) offenders.push(path);
      }
    }
    expect(offenders).toEqual([]);
  });
});
