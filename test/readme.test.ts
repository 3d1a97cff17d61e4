// The README cannot go stale silently: every npm command it shows is a script of package.json, and each
// script is exercised by a test here (its file is run or imported by one) or by CI.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CRAWL } from '../pipeline/options.ts';
import { BUILD } from '../publish/config.ts';
import { COMMANDS } from './commands.ts';
import { optionTable } from './readme-options.ts';

const ROOT = new URL('../', import.meta.url);
const read = (path: string): Promise<string> => readFile(new URL(path, ROOT), 'utf8');

describe('README', () => {
  it('shows only npm scripts that exist, and every one of them is exercised by a test or by CI', async () => {
    const readme = await read('README.md');
    const scripts = (JSON.parse(await read('package.json')) as { scripts: Record<string, string> }).scripts;
    const named = [...new Set([...readme.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((match) => match[1] as string))];
    expect(named.length).toBeGreaterThan(15);
    const tests = await Promise.all((await readdir(new URL('test/', ROOT))).filter((name) => name.endsWith('.ts')).map((name) => read(`test/${name}`)));
    const ci = `${await read('.ci/run')}\n${await read('.github/workflows/ci.yml')}\n${await read('.github/workflows/nightly.yml')}`;
    for (const name of named) {
      const command = scripts[name];
      expect(command, `README names npm run ${name}, which package.json lacks`).toBeDefined();
      // The file the script runs (`node x/y.ts`), or the tool (`astro dev`: the dev server test starts it).
      const file = /\b([\w-]+)\/([\w-]+\.ts)\b/.exec(command ?? '');
      // A test names the file (`scripts/demo.ts`, or joined: `'scripts', 'nightly.ts'`), or reads the script's command.
      const marks = file === null ? [`scripts['${name}']`] : [`${file[1]}/${file[2]}`, `'${file[1]}', '${file[2]}'`];
      const exercised = tests.some((source) => marks.some((mark) => source.includes(mark))) || ci.includes(`npm run ${name}`) || ci.includes(`npm run --silent ${name}`);
      expect(exercised, `npm run ${name} (${command}) is run by no test and not by CI`).toBe(true);
    }
    for (const command of ['npm ci', 'npm test']) expect(readme).toContain(command);
    expect(await read('.ci/run')).toMatch(/npm ci[\s\S]*npm test/);
  });

  it('shows the screenshots it links, taken by npm run screenshots', async () => {
    const readme = await read('README.md');
    const images = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((match) => match[1] as string);
    expect(images).toEqual(['docs/screenshots/catalog.png', 'docs/screenshots/model.png']);
    for (const image of images) expect((await readFile(new URL(image, ROOT))).subarray(1, 4).toString()).toBe('PNG');
  });

  it('lists every environment variable the code reads', async () => {
    const readme = await read('README.md');
    const table = readme.slice(readme.indexOf('## Environment variables'), readme.indexOf('## Layout'));
    const read_ = new Set<string>();
    for (const dir of ['core', 'crawler', 'pipeline', 'publish', 'scripts', 'site/src', 'store', 'changes']) {
      for (const entry of await readdir(new URL(`${dir}/`, ROOT), { recursive: true })) {
        if (!entry.endsWith('.ts') && !entry.endsWith('.astro')) continue;
        for (const match of (await read(`${dir}/${entry}`)).matchAll(/(?:process\.)?env\[['"]([A-Z_]+)['"]\]/g)) read_.add(match[1] as string);
      }
    }
    expect(read_.size).toBeGreaterThan(8);
    for (const name of read_) expect(table, name).toContain(`\`${name}\``);
  });
});

describe('README: options and variables, as the commands declare them', () => {
  it('shows the crawl options table the crawl declares (core/options.ts), row for row', async () => {
    const readme = await read('README.md');
    const section = readme.slice(readme.indexOf('### The crawl command'), readme.indexOf('### What it does'));
    const table = section.slice(section.indexOf('| option |'), section.indexOf('\n\n', section.indexOf('| option |')));
    expect(table).toBe(optionTable(CRAWL));
  });

  it('shows the build options table in docs/api.md as the build declares them', async () => {
    const api = await read('docs/api.md');
    const section = api.slice(api.indexOf('## Building'));
    const table = section.slice(section.indexOf('| option |'), section.indexOf('\n\n', section.indexOf('| option |')));
    expect(table).toBe(optionTable(BUILD));
  });

  it('lists every variable a command declares, read by that command, with its default; and no command it does not declare', async () => {
    const readme = await read('README.md');
    const rows = readme.slice(readme.indexOf('## Environment variables'), readme.indexOf('## Layout')).split('\n').filter((line) => line.startsWith('| `'));
    const rowOf = (name: string): string | undefined => rows.find((line) => (line.split('|')[1] ?? '').includes(`\`${name}\``));
    const readBy = (line: string): string[] => (line.split('|')[2] ?? '').split(',').map((word) => word.trim());
    const declared = new Map<string, Set<string>>();
    for (const [script, command] of Object.entries(COMMANDS)) {
      const variables = [
        ...Object.values(command.options).flatMap((o) => (o.env === undefined ? [] : [{ name: o.env, shown: o.shown }])),
        ...Object.keys(command.environment ?? {}).flatMap((key) => (key.match(/[A-Z][A-Z_]+/g) ?? []).map((name) => ({ name, shown: undefined }))),
      ];
      for (const { name, shown } of variables) {
        const line = rowOf(name);
        expect(line, `README lacks ${name}, which ${script} reads`).toBeDefined();
        expect(readBy(line ?? ''), `${name} is read by ${script}`).toContain(script);
        if (shown !== undefined) expect(line?.split('|')[3], `${name}'s default`).toContain(shown);
        declared.set(name, (declared.get(name) ?? new Set()).add(script));
      }
    }
    for (const line of rows) {
      const names = (line.split('|')[1] ?? '').match(/[A-Z][A-Z_]+/g) ?? [];
      for (const script of readBy(line).filter((word) => word in COMMANDS)) {
        expect(names.some((name) => declared.get(name)?.has(script)), `README says ${script} reads ${names.join(', ')}`).toBe(true);
      }
    }
  });
});

describe('set-up on an older Node', () => {
  it('says in one line that npm on Node 20 is fine, and nothing on Node 24', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const run = promisify(execFile);
    const old = await run(process.execPath, ['scripts/engine-note.mjs', 'v20.20.2']);
    expect(old.stdout).toBe('');
    expect(old.stderr.trimEnd().split('\n')).toEqual(["note: npm runs on Node 20.20.2; that is fine: every npm script runs on the project's own Node 24 (the node@24 devDependency)."]);
    expect((await run(process.execPath, ['scripts/engine-note.mjs', '24.21.0'])).stderr).toBe('');
    const pkg = JSON.parse(await (await import('node:fs/promises')).readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['preinstall']).toBe('node scripts/engine-note.mjs');
    expect(await (await import('node:fs/promises')).readFile('.npmrc', 'utf8')).toMatch(/^loglevel=error$/m);
  });
});
