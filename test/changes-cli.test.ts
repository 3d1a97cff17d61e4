import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as diffMain } from '../changes/diff-cli.ts';
import { main as rebuildMain } from '../changes/rebuild-cli.ts';
import { main as updateMain } from '../changes/update-cli.ts';
import type { DiffReport } from '../changes/diff.ts';
import { readEventLog } from '../store/change-files.ts';
import { model, tempDataDir, writeDay } from './changes-factory.ts';

const ESC = '\u001b';
const HOSTILE = `evil/${ESC}[2J<b>`;

/** Run a CLI main in-process, capturing its output. */
async function capture(main: (argv: string[], io: { out: (t: string) => void; err: (t: string) => void }) => Promise<number>, argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** d1..d4 with a failed night on 03-03: b leaves and returns, d and e are new, c and a move. */
async function fixture(): Promise<string> {
  const dataDir = await tempDataDir();
  const days: [string, ReturnType<typeof model>[]][] = [
    ['2025-03-01', [model('a/one', 10, 1000), model('b/two', 5, 500), model('c/three', 1, 100)]],
    ['2025-03-02', [model('a/one', 10, 1500), model('c/three', 1, 150), model('d/four', 0, 7)]],
    ['2025-03-04', [model('a/one', 12, 1600), model('b/two', 6, 600), model('c/three', 4, 5150), model('d/four', 0, 9), model(HOSTILE, 1, 1)]],
  ];
  for (const [date, models] of days) {
    await writeDay(dataDir, date, models);
    expect(await capture(updateMain, ['--data-dir', dataDir, '--date', date])).toMatchObject({ code: 0, err: '' });
  }
  return dataDir;
}

describe('changes/diff-cli', () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await fixture();
  });

  it('compares the newest snapshot with the one before by default, for people', async () => {
    const { code, out, err } = await capture(diffMain, ['--data-dir', dataDir]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('2025-03-02 → 2025-03-04 (no snapshot on 1 night(s): 2025-03-03)');
    expect(out).toContain('Models: 3 → 5 (+2)');
    expect(out).toContain('Entered (1):\n  evil/\\u{1b}[2J<b>  likes 1, downloads 1\n');
    expect(out).toContain('Returned (1):\n  b/two  likes 6, downloads 600\n');
    expect(out).toContain('Left: none');
    expect(out).toContain('Top by downloads gained:\n  +5,000  c/three  (150 → 5,150)\n    +100  a/one  (1,500 → 1,600)\n      +2  d/four  (7 → 9)\n');
    expect(out).toContain('Top by likes gained:\n  +3  c/three  (1 → 4)\n  +2  a/one  (10 → 12)\n');
    expect(out).not.toContain(ESC);
  });

  it('prints JSON with --json, and tells entered from returned over a longer window', async () => {
    const { code, out } = await capture(diffMain, ['--data-dir', dataDir, '--from', '2025-03-01', '--to', '2025-03-04', '--json', '--top', '1']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as DiffReport;
    expect(report).toEqual({
      from: '2025-03-01',
      to: '2025-03-04',
      missing: ['2025-03-03'],
      models: { from: 3, to: 5 },
      entered: [
        { id: 'd/four', likes: 0, downloads: 9 },
        { id: HOSTILE, likes: 1, downloads: 1 },
      ],
      returned: [],
      renamed: [],
      left: [],
      movers: {
        downloads: [{ id: 'c/three', before: 100, after: 5150, gained: 5050 }],
        likes: [{ id: 'c/three', before: 1, after: 4, gained: 3 }],
      },
    });
  });

  it('agrees with the event log on consecutive snapshots', async () => {
    const { out } = await capture(diffMain, ['--data-dir', dataDir, '--from', '2025-03-01', '--to', '2025-03-02', '--json']);
    const report = JSON.parse(out) as DiffReport;
    const logged = (await readEventLog(dataDir)).events.filter((e) => e.date === '2025-03-02');
    const fromReport = [
      ...report.entered.map((m) => ({ ...m, kind: 'entered' })),
      ...report.returned.map((m) => ({ ...m, kind: 'returned' })),
      ...report.left.map((m) => ({ ...m, kind: 'left' })),
    ];
    expect(fromReport).toEqual(logged.map(({ id, likes, downloads, kind }) => ({ id, likes, downloads, kind })));
  });

  it('names the nearest snapshots when a date has none', async () => {
    const { code, out, err } = await capture(diffMain, ['--data-dir', dataDir, '--to', '2025-03-03']);
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toBe(`diff: ${dataDir}: no snapshot for 2025-03-03 (nearest: 2025-03-02, 2025-03-04)\n`);
  });

  it('rejects bad arguments with exit code 2', async () => {
    for (const argv of [['--from', '2025-03-04', '--to', '2025-03-01'], ['--top', 'ten'], ['--bogus'], ['--from', '2025-02-30']]) {
      const { code, err } = await capture(diffMain, ['--data-dir', dataDir, ...argv]);
      expect(code, argv.join(' ')).toBe(2);
      expect(err.split('\n')[0]).toMatch(/^diff: /);
    }
  });

  it('asks for a rebuild when history is needed but missing', async () => {
    const bare = await tempDataDir();
    await writeDay(bare, '2025-03-01', [model('a/one')]);
    await writeDay(bare, '2025-03-02', [model('b/two')]);
    await writeDay(bare, '2025-03-03', [model('a/one')]);
    const { code, err } = await capture(diffMain, ['--data-dir', bare]);
    expect(code).toBe(1);
    expect(err).toContain('no history yet to tell entered from returned; run: npm run rebuild');
    await capture(rebuildMain, ['--data-dir', bare]);
    const fixed = await capture(diffMain, ['--data-dir', bare, '--json']);
    expect((JSON.parse(fixed.out) as DiffReport).returned).toEqual([{ id: 'a/one', likes: 0, downloads: 0 }]);
  });

  it('runs as a command: --help, and --json with CATALOG_DATA_DIR as the default data dir', async () => {
    const run = promisify(execFile);
    const root = join(import.meta.dirname, '..');
    const help = await run(process.execPath, ['changes/diff-cli.ts', '--help'], { cwd: root });
    expect(help.stdout).toMatch(/^Usage: npm run diff/);
    const env = { ...process.env, CATALOG_DATA_DIR: dataDir };
    const json = await run(process.execPath, ['changes/diff-cli.ts', '--json'], { cwd: root, env });
    expect((JSON.parse(json.stdout) as DiffReport).returned.map((m) => m.id)).toEqual(['b/two']);
    const failure = run(process.execPath, ['changes/diff-cli.ts', '--to', '1999-01-01'], { cwd: root, env });
    await expect(failure).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('nearest: 2025-03-01') });
  });
});

describe('changes/update-and-rebuild-cli', () => {
  it('updates the newest snapshot by default and reports what happened', async () => {
    const dataDir = await tempDataDir();
    await writeDay(dataDir, '2025-03-01', [model('a/one'), model('b/two')]);
    await capture(updateMain, ['--data-dir', dataDir]);
    await writeDay(dataDir, '2025-03-03', [model('a/one'), model('c/new')]);
    const { code, out } = await capture(updateMain, ['--data-dir', dataDir]);
    expect(code).toBe(0);
    expect(out).toMatch(/^2025-03-03 vs 2025-03-01, 1 missing night\(s\): 2025-03-02: 2 models, 1 entered, 0 returned, 1 left \[append; \d+ file\(s\) changed\]\n$/);
    const again = await capture(updateMain, ['--data-dir', dataDir, '--date', '2025-03-03', '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ mode: 'replace', filesWritten: [], entered: 1 });
  });

  it('rebuilds, and refuses a data dir without snapshots', async () => {
    const dataDir = await tempDataDir();
    const empty = await capture(rebuildMain, ['--data-dir', dataDir]);
    expect(empty.code).toBe(1);
    expect(empty.err).toBe(`rebuild: ${join(dataDir, 'snapshots')}: no snapshots to rebuild from\n`);
    await writeDay(dataDir, '2025-03-01', [model('a/one')]);
    await writeDay(dataDir, '2025-03-02', [model('b/two')]);
    const done = await capture(rebuildMain, ['--data-dir', dataDir]);
    expect(done.out).toBe('rebuilt 2 snapshot day(s) through 2025-03-02; 4 file(s) changed\n');
    await rm(join(dataDir, 'events'), { recursive: true });
    expect((await capture(rebuildMain, ['--data-dir', dataDir])).out).toContain('; 2 file(s) changed');
  });
});
