// data/nights.json through `npm run record-night`: what a night without a snapshot leaves behind.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, nightFromLog } from '../pipeline/record-night-cli.ts';
import { MAX_REASON_LENGTH, readNights } from '../store/nights-file.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (text) => void (out += text), err: (text) => void (err += text) });
  return { code, out, err };
}

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'record-night-'));
}

describe('pipeline/record-night', () => {
  it('records the crawl’s own night, outcome and reason from its stderr, one line per night', async () => {
    const dataDir = await dir();
    const log = join(dataDir, '..', `${Date.now()}-stderr.log`);
    await writeFile(log, 'page 1/12\npage 2/12\ncrawl 2026-03-04: refused — the API-Inference filter was ignored (filtered total 250,000 = hub total)\n');
    expect(await run(['--data-dir', dataDir, '--reason-file', log])).toMatchObject({ code: 0, out: '2026-03-04: refused — the API-Inference filter was ignored (filtered total 250,000 = hub total)\n' });
    const text = await readFile(join(dataDir, 'nights.json'), 'utf8');
    expect(text).toBe('{\n  "nights": [\n    {"date":"2026-03-04","outcome":"refused","reason":"the API-Inference filter was ignored (filtered total 250,000 = hub total)"}\n  ]\n}\n');
    // The same night again changes nothing; a later night adds a line.
    expect((await run(['--data-dir', dataDir, '--reason-file', log])).out).toContain('(already recorded)');
    expect(await readFile(join(dataDir, 'nights.json'), 'utf8')).toBe(text);
    await writeFile(log, 'crawl 2026-03-02: failed — GET https://modelscope.cn/api/v1/dolphin/models page 3: HTTP 502\n');
    await run(['--data-dir', dataDir, '--reason-file', log]);
    expect((await readNights(dataDir)).map((night) => `${night.date} ${night.outcome}`)).toEqual(['2026-03-02 failed', '2026-03-04 refused']);
  });

  it('says cancelled when the job was stopped, whatever the crawl line said, and replaces that night’s earlier record', async () => {
    const dataDir = await dir();
    await run(['--data-dir', dataDir, '--date', '2026-03-04', '--outcome', 'failed']);
    const log = join(dataDir, 'stderr.log');
    await writeFile(log, 'crawl 2026-03-04: failed — interrupted by SIGTERM\n');
    await run(['--data-dir', dataDir, '--reason-file', log, '--outcome', 'cancelled']);
    expect(await readNights(dataDir)).toEqual([{ date: '2026-03-04', outcome: 'cancelled', reason: 'interrupted by SIGTERM' }]);
  });

  it('records a lost night even without a crawl line: a missing log, or a later step’s failure', () => {
    expect(nightFromLog('', { date: '2026-03-05', outcome: undefined })).toEqual({ date: '2026-03-05', outcome: 'failed', reason: 'no reason recorded' });
    expect(nightFromLog('', { date: '2026-03-05', outcome: 'cancelled' })).toEqual({ date: '2026-03-05', outcome: 'cancelled', reason: 'the job was cancelled' });
    expect(nightFromLog('crawl 2026-03-05: published — 60,000 models\npush failed after 3 attempts: rejected (non-fast-forward)\n', { date: '2026-03-06', outcome: undefined }))
      .toEqual({ date: '2026-03-06', outcome: 'failed', reason: 'push failed after 3 attempts: rejected (non-fast-forward)' });
    expect(nightFromLog('crawl 2026-03-05: failed — HTTP 502\npush failed: offline\n', { date: '2026-03-06', outcome: undefined }))
      .toEqual({ date: '2026-03-05', outcome: 'failed', reason: 'HTTP 502; then: push failed: offline' });
  });

  it('keeps the reason one bounded line, whatever the log holds', () => {
    const night = nightFromLog(`crawl 2026-03-05: failed — ${'x'.repeat(5000)}\u001b[2J\r\u2028${'y'.repeat(100)}`, { date: '2026-03-06', outcome: undefined });
    expect(night.reason.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(night.reason).toMatch(/^x+…$/);
    expect(nightFromLog('crawl 2026-03-05: failed — a\u0007b\u2029c', { date: '2026-03-06', outcome: undefined }).reason).toBe('a b c');
  });

  it('refuses bad options with one line and exit 2, writing nothing', async () => {
    const dataDir = await dir();
    expect(await run(['--data-dir', dataDir, '--outcome', 'exploded'])).toMatchObject({ code: 2, err: expect.stringMatching(/^record-night: .*--outcome.*refused, failed, cancelled.*\n$/) });
    expect(await run(['--data-dir', dataDir, '--date', '2026-02-30'])).toMatchObject({ code: 2 });
    await expect(readFile(join(dataDir, 'nights.json'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects a hand-edited nights file naming the file', async () => {
    const dataDir = await dir();
    await writeFile(join(dataDir, 'nights.json'), '{"nights":[{"date":"2026-03-04","outcome":"exploded","reason":""}]}');
    const result = await run(['--data-dir', dataDir, '--date', '2026-03-05']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(join(dataDir, 'nights.json'));
  });
});
