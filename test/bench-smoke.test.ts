// Every benchmark the README names runs, small, and prints its figures: a benchmark nobody can run is
// not a measurement. The figures at full size are in the stop notes; here only that each one works.
import { describe, expect, it } from 'vitest';
import { runScript } from './helpers.ts';

/** Each npm script, its file, tiny flags, and a line its report must print. */
const BENCHES: [script: string, file: string, args: string[], printed: RegExp][] = [
  ['bench:crawl', 'bench/crawl.ts', ['--size', '500', '--latency', '0'], /HTTP requests .* PASS/],
  ['bench:history', 'bench/history.ts', ['--models', '200', '--days', '30', '--window', '5'], /rebuild byte-identical to incremental\s+yes/],
  ['bench:simulator', 'simulator/bench.ts', ['--tidy', '--size', '500', '--latency', '0'], /Default crawl, concurrency 8: 5 pages, 500 models/],
  ['bench:search', 'bench/search-size.ts', ['--synthetic', '3000'], /100 prefixes over 3000 rows: no cache p50/],
  ['bench:decade', 'bench/decade.ts', ['--models', '200', '--nights', '12', '--keep-snapshots', '2'], /\| working tree \(data\/\) \| [\d.]+ MB \| .* PASS \|/],
  ['bench:site', 'bench/site.ts', ['--models', '300', '--no-browser'], /site\/dist\s+[\d.]+ MB in \d+ files \(≤ 500 MB\)\s+PASS/],
];

/** A report line whose figure is a time or a memory size: the only kind a small run may fail. */
const TIMING = /wall time|÷ bare|CPU time|peak RSS|peak memory|changes:update|^build \(|keystroke|first results/;

describe('benchmarks, small', () => {
  for (const [script, file, args, printed] of BENCHES) {
    it(`npm run ${script} (${file}) runs and prints its figures`, async () => {
      const result = await runScript(file, args);
      expect(`${result.stdout}${result.stderr}`).toMatch(printed);
      // Time and memory budgets judge the full-size run on a quiet machine; at this size, beside the rest
      // of the suite, they are noise. Every other check (requests, exact snapshots, sizes) must pass.
      const failed = result.stdout.split('\n').filter((line) => /\bFAIL\b/.test(line));
      expect(failed.filter((line) => !TIMING.test(line)), result.stdout).toEqual([]);
      expect(result.code, result.stderr).toBe(failed.length === 0 ? 0 : 1);
    }, 120_000);
  }

  it('bench:history refuses a window as long as the whole history, in one line', async () => {
    const result = await runScript('bench/history.ts', ['--models', '10', '--days', '5', '--window', '10']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('bench:history: --days (5) must be a whole number above --window (10), and --models at least 1\n');
  });
});
