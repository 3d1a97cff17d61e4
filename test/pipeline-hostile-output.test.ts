// Upstream text reaches logs, progress lines and the job summary: none of it may forge a line, a
// GitHub Actions workflow command or markup there.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { runScript, tempDir, type CommandResult } from './helpers.ts';

const exec = promisify(execFile);

function crawl(sim: Simulator, args: string[], stepSummary: string): Promise<CommandResult> {
  const argv = ['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--rps', '1000', '--concurrency', '4', ...args];
  return runScript('pipeline/crawl-cli.ts', argv, { env: { ...process.env, GITHUB_STEP_SUMMARY: stepSummary } });
}

/** Problems a log would have: lines GitHub would run as commands, carriage returns, escape codes. */
function forgeries(output: string): string[] {
  const lines = output.split('\n');
  return [
    ...lines.filter((line) => /^\s*::/.test(line)).map((line) => `workflow command: ${line}`),
    ...(output.includes('\r') ? ['carriage return'] : []),
    ...(output.includes('\u001b') ? ['escape code'] : []),
    ...(/[\u0085\u2028\u2029]/.test(output) ? ['line separator'] : []),
  ];
}

let sim: Simulator;
beforeAll(async () => {
  // The tidy world: 350 listed models and one id only the gateway serves (it gets a page too).
  sim = await startSimulator({ size: 350, seed: 8, tidy: true });
});
afterAll(async () => {
  await sim.close();
});

describe('pipeline/hostile-output', () => {
  it('shows rejected names with newlines, carriage returns and escape codes visibly, on one line each', async () => {
    sim.clearFaults();
    sim.inject({ kind: 'rename', page: 1, name: 'evil\n::error title=Injected::pwned' });
    sim.inject({ kind: 'rename', page: 2, name: 'x\rcrawl 2026-04-01: published' });
    sim.inject({ kind: 'rename', page: 3, name: '\u001b[2J\u001b[31mred\u2028::warning::x' });
    const root = await tempDir();
    const result = await crawl(sim, ['--data-dir', join(root, 'data'), '--date', '2026-04-01'], join(root, 'summary.md'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('3 unusable records left out');
    expect(result.stderr).toContain('evil\\u{a}::error title=Injected::pwned');
    expect(result.stderr).toContain('x\\u{d}crawl 2026-04-01: published');
    expect(result.stderr).toContain('\\u{1b}[2J\\u{1b}[31mred\\u{2028}::warning::x');
    expect(forgeries(result.stdout + result.stderr)).toEqual([]);
  });

  it('escapes an upstream error message in the log and in the Markdown job summary', async () => {
    sim.clearFaults();
    const message = '</td><script>alert(1)</script>\n::error::forged | *bold* [link](http://x)';
    sim.inject({ kind: 'envelope', page: 1, message, times: Infinity });
    const root = await tempDir();
    const summaryFile = join(root, 'summary.md');
    const result = await crawl(sim, ['--data-dir', join(root, 'data'), '--date', '2026-04-01', '--retries', '0'], summaryFile);
    sim.clearFaults();
    expect(result.code).toBe(1);
    expect(forgeries(result.stdout + result.stderr)).toEqual([]);
    const markdown = await readFile(summaryFile, 'utf8');
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('&lt;script&gt;');
    expect(markdown).toContain('\\| \\*bold\\* \\[link\\]');
    // Every line of the table is a row: the message could not break out of its cell.
    const table = markdown.split('\n').filter((line) => line !== '' && !line.startsWith('###'));
    expect(table.every((line) => line.startsWith('|') && line.endsWith('|')), markdown).toBe(true);
    expect(table.filter((line) => line.startsWith('| reason | '))).toHaveLength(1);
    expect(forgeries(markdown)).toEqual([]);
  });

  it('builds the site after crawling a name of 300 letters and one of 28 Chinese characters', async () => {
    sim.clearFaults();
    sim.inject({ kind: 'rename', page: 1, name: 'L'.repeat(300) });
    sim.inject({ kind: 'rename', page: 2, name: '山'.repeat(28) });
    const root = await tempDir();
    const dataDir = join(root, 'data');
    const crawled = await crawl(sim, ['--data-dir', dataDir, '--date', '2026-04-01'], '');
    expect(crawled.code, crawled.stderr).toBe(0);
    expect(crawled.stdout).toContain('unusable records: 0');
    const built = await exec(process.execPath, ['publish/build.ts', '--data-dir', dataDir, '--out', join(root, 'dist')]);
    expect(built.stdout).toMatch(/350 models on the list, 351 model pages \(English and Chinese in one\)/);
    const files = await readdir(join(root, 'dist', 'api', 'models'), { recursive: true });
    expect(files.filter((name) => /~[0-9a-f]{10}\.json$/.test(name))).toHaveLength(2);
  });
});
