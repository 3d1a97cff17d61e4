import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import { helpText } from '../core/command.ts';
import { CRAWL, parseCrawlArgs } from '../pipeline/options.ts';

const HELP = helpText(CRAWL);

const now = new Date('2026-05-01T20:00:00Z'); // 04:00 on 2 May in Shanghai

describe('pipeline/options', () => {
  it('has documented defaults', () => {
    expect(parseCrawlArgs([], {}, now)).toMatchObject({
      origin: 'https://modelscope.cn',
      inferenceOrigin: 'https://api-inference.modelscope.cn',
      dataDir: 'data',
      date: '2026-05-02',
      concurrency: 2,
      rps: 2,
      allowShrink: false,
      maxShrink: 0.3,
      updateChanges: true,
      token: undefined,
      timeoutMs: 30_000,
      deadlineMs: 40 * 60_000,
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = { MODELSCOPE_ORIGIN: 'http://127.0.0.1:9/', CATALOG_DATA_DIR: '/tmp/d', MODELSCOPE_TOKEN: 'ms-secret' };
    expect(parseCrawlArgs([], env, now)).toMatchObject({ origin: 'http://127.0.0.1:9', dataDir: '/tmp/d', token: 'ms-secret' });
    expect(parseCrawlArgs(['--origin', 'http://localhost:1', '--data-dir', 'x'], env, now)).toMatchObject({ origin: 'http://localhost:1', dataDir: 'x' });
  });

  it('parses every flag', () => {
    const options = parseCrawlArgs(
      ['--date', '2026-01-02', '--concurrency', '8', '--rps', '200', '--allow-shrink', '--timeout', '5', '--retries', '0', '--max-passes', '2', '--no-changes', '--inference-origin', 'http://h/inference/', '--deadline', '25'],
      {},
      now,
    );
    expect(options).toMatchObject({ date: '2026-01-02', concurrency: 8, rps: 200, allowShrink: true, timeoutMs: 5000, retries: 0, maxPasses: 2, updateChanges: false, inferenceOrigin: 'http://h/inference', deadlineMs: 25 * 60_000 });
  });

  it.each([
    [['--date', '2026-02-30'], /--date must be a calendar date/],
    [['--concurrency', '0'], /--concurrency must be a whole number/],
    [['--rps', 'fast'], /--rps must be a number/],
    // Every number has a range: a rate near 0 would wait for ever, a timeout near 0 fail every request.
    [['--rps', '1e-300'], /^--rps must be a number from 0\.01 to 1000, got "1e-300"$/],
    [['--rps', 'Infinity'], /--rps must be a number from 0\.01 to 1000/],
    [['--timeout', '0.001'], /^--timeout must be seconds from 1 to 600, got "0\.001"$/],
    [['--timeout', '1e9'], /--timeout must be seconds from 1 to 600/],
    [['--deadline', '0'], /^--deadline must be minutes from 0\.01 to 300, got "0"$/],
    [['--deadline', '301'], /--deadline must be minutes/],
    [['--retries', '-1'], /--retries must be a whole number from 0 to 20/],
    [['--max-passes', '1.5'], /--max-passes must be a whole number/],
    [['--max-shrink', '2'], /--max-shrink must be a fraction/],
    [['--concurrency', '65'], /--concurrency must be a whole number from 1 to 64/],
    [['--origin', 'modelscope.cn'], /--origin must be an absolute/],
    [['--origin', 'ftp://x'], /must use http/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /positional/i],
  ])('rejects %j with a one-line usage error', (argv, message) => {
    expect(() => parseCrawlArgs(argv, {}, now)).toThrow(UsageError);
    expect(() => parseCrawlArgs(argv, {}, now)).toThrow(message);
  });

  it('takes snapshot dates from 2022-11-01 up to tomorrow in Shanghai, and nothing outside', () => {
    expect(parseCrawlArgs(['--date', '2022-11-01'], {}, now).date).toBe('2022-11-01');
    expect(parseCrawlArgs(['--date', '2026-05-03'], {}, now).date).toBe('2026-05-03'); // tomorrow in Shanghai
    for (const date of ['2026-05-04', '9999-12-31', '0000-01-01', '0099-12-31', '2022-10-31']) {
      expect(() => parseCrawlArgs(['--date', date], {}, now), date).toThrow(UsageError);
      expect(() => parseCrawlArgs(['--date', date], {}, now), date).toThrow(/^--date must be a day from 2022-11-01 to tomorrow: /);
    }
  });

  it('documents every option in --help', () => {
    for (const flag of ['--origin', '--inference-origin', '--data-dir', '--date', '--concurrency', '--rps', '--allow-shrink', 'MODELSCOPE_TOKEN', 'CATALOG_DATA_DIR', 'MODELSCOPE_ORIGIN', 'MODELSCOPE_INFERENCE_ORIGIN']) {
      expect(HELP).toContain(flag);
    }
  });
});
