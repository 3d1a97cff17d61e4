import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeOf, runCli, type Io } from '../core/cli.ts';
import { parseOptions } from '../core/options.ts';
import { mapBounded } from '../core/concurrency.ts';
import { CatalogError, RefusalError, UsageError } from '../core/errors.ts';
import { formatCount } from '../core/text.ts';
import { DataFileError } from '../store/errors.ts';

const tick = (ms = 1): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function captureIo(): Io & { text: () => { out: string; err: string } } {
  let out = '';
  let err = '';
  return { out: (t) => void (out += t), err: (t) => void (err += t), text: () => ({ out, err }) };
}

describe('core/errors', () => {
  it('says where, then what, in one line, and keeps the cause', () => {
    const cause = new Error('EACCES');
    const error = new CatalogError('cannot read', 'data/events.json', { cause });
    expect(error.message).toBe('data/events.json: cannot read');
    expect([error.what, error.where, error.cause]).toEqual(['cannot read', 'data/events.json', cause]);
    expect(new CatalogError('nowhere in particular').message).toBe('nowhere in particular');
    expect(new UsageError('bad', '--top').name).toBe('UsageError');
  });
});

describe('core/cli', () => {
  it('gives each kind of failure its own exit status', () => {
    expect(exitCodeOf(new UsageError('x'))).toBe(EXIT.usage);
    expect(exitCodeOf(new RefusalError('shrink', 'x'))).toBe(EXIT.refused);
    expect(exitCodeOf(new DataFileError('x', 'f'))).toBe(EXIT.failed);
    expect(exitCodeOf(new TypeError('x'))).toBe(EXIT.failed);
    expect(Object.values(EXIT)).toEqual([0, 1, 2, 3]);
  });

  it('prints a failure as one line, "<command>: <where>: <what>", and returns its status', async () => {
    const io = captureIo();
    expect(await runCli('diff', io, async () => { throw new UsageError('expected a whole number, got "x"', '--top'); })).toBe(2);
    expect(io.text()).toEqual({ out: '', err: 'diff: --top: expected a whole number, got "x"\n' });
    const refused = captureIo();
    expect(await runCli('crawl', refused, async () => { throw new RefusalError('shrink', 'the list shrank 40%'); })).toBe(3);
    expect(refused.text().err).toBe('crawl: the list shrank 40%\n');
  });

  it('returns what the body returns, 0 when it returns nothing', async () => {
    expect(await runCli('x', captureIo(), async () => undefined)).toBe(0);
    expect(await runCli('x', captureIo(), async () => EXIT.refused)).toBe(3);
  });

  it('keeps the stack of an error that is not ours (a bug) after the one-line reason', async () => {
    const io = captureIo();
    expect(await runCli('build', io, async () => { throw new TypeError('x is undefined'); })).toBe(1);
    const [first, second] = io.text().err.split('\n');
    expect(first).toBe('build: x is undefined');
    expect(second).toBe('TypeError: x is undefined');
  });

  it('turns unknown options and stray arguments into usage errors that point at --help', () => {
    const options = { top: { type: 'string' } } as const;
    expect(parseOptions(['--top', '3'], options)).toEqual({ top: '3' });
    expect(() => parseOptions(['--bogus'], options)).toThrow(UsageError);
    expect(() => parseOptions(['--bogus'], options)).toThrow(/^command line: Unknown option '--bogus'.* \(see --help\)$/);
    expect(() => parseOptions(['stray'], options)).toThrow(UsageError);
  });

  it('hands a negative number after an option to that option, for its own message', () => {
    const options = { days: { type: 'string' }, n: { type: 'string', short: 'n' }, all: { type: 'boolean' } } as const;
    expect(parseOptions(['--days', '-3'], options)).toEqual({ days: '-3' });
    expect(parseOptions(['-n', '-0.5', '--all'], options)).toEqual({ n: '-0.5', all: true });
    expect(() => parseOptions(['--days', '--all'], options)).toThrow(UsageError);
  });
});

describe('core/concurrency', () => {
  it('returns results in input order with at most `limit` tasks running', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0, 2], 3, async (ms, index) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick(ms);
      running -= 1;
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:2']);
    expect(peak).toBe(3);
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });

  it('pulls items from a generator only as slots free up', async () => {
    let pulled = 0;
    let finished = 0;
    let ahead = 0;
    function* items(): Generator<number> {
      for (let i = 0; i < 200; i++) {
        pulled += 1;
        ahead = Math.max(ahead, pulled - finished);
        yield i;
      }
    }
    const results = await mapBounded(items(), 4, async (i) => {
      await tick();
      finished += 1;
      return i;
    });
    expect(results).toHaveLength(200);
    expect(ahead).toBeLessThanOrEqual(2 * 4 + 1);
  });

  it('starts nothing new after a failure, lets running tasks finish, then throws that failure', async () => {
    const started: number[] = [];
    const done: number[] = [];
    const failing = mapBounded(Array.from({ length: 50 }, (_, i) => i), 2, async (i) => {
      started.push(i);
      await tick(i === 3 ? 1 : 5);
      if (i === 3) throw new Error('disk full');
      done.push(i);
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(started.length).toBeLessThan(10);
    expect(done).not.toContain(3);
    expect([...started].sort((a, b) => a - b)).toEqual(started);
  });
});

describe('core/text', () => {
  it('writes counts with thousands separators on any machine', () => {
    expect([formatCount(0), formatCount(999), formatCount(1000), formatCount(1234567), formatCount(-1234)]).toEqual(['0', '999', '1,000', '1,234,567', '-1,234']);
  });
});

describe('core/paths', () => {
  it('resolves a link before the `..` that follows it, as the file system does', async () => {
    const { mkdtemp, mkdir: makeDir, symlink: link, realpath } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join: joinPath } = await import('node:path');
    const { isWithin, realPath } = await import('../core/paths.ts');
    const root = await realpath(await mkdtemp(joinPath(tmpdir(), 'paths-')));
    await makeDir(joinPath(root, 'project', 'site'), { recursive: true });
    await makeDir(joinPath(root, 'project', 'data'));
    await makeDir(joinPath(root, 'elsewhere'));
    await link(joinPath(root, 'project', 'site'), joinPath(root, 'elsewhere', 'l'));
    expect(await realPath(`${root}/elsewhere/l/../data`)).toBe(joinPath(root, 'project', 'data'));
    expect(await isWithin(`${root}/elsewhere/l/../data/new/deeper`, joinPath(root, 'project', 'data'))).toBe(true);
    expect(await isWithin(`${root}/elsewhere/data`, joinPath(root, 'project', 'data'))).toBe(false);
    // Missing parts are taken as written, `..` among them.
    expect(await realPath(`${root}/missing/a/../b`)).toBe(joinPath(root, 'missing', 'b'));
  });
});
