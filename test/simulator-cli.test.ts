import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { call, modelsOf, putModels } from '../simulator/testing.ts';

const CLI = fileURLToPath(new URL('../simulator/cli.ts', import.meta.url));

function run(args: string[]): { child: ReturnType<typeof spawn>; firstLine: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  firstLine.catch(() => undefined); // runs that are expected to exit never print a line

  return { child, firstLine, stderr: () => err };
}

async function exitCode(child: ReturnType<typeof spawn>): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe('simulator/cli', () => {
  it('prints the origins as one JSON line, serves with injected faults, logs with --verbose and exits 0 on SIGTERM', async () => {
    const { child, firstLine, stderr } = run(['--size', '40', '--seed', '9', '--day', '2', '--verbose', '--fault', '{"kind":"status","status":503}']);
    try {
      const line = JSON.parse(await firstLine) as { origin: string; inferenceOrigin: string };
      expect(line.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(line.inferenceOrigin).toBe(`${line.origin}/inference`);
      expect((await putModels(line.origin, {})).status).toBe(503);
      expect(modelsOf(await putModels(line.origin, { PageSize: 100 })).TotalCount).toBeGreaterThan(30);
      expect(JSON.parse((await call(`${line.origin}/__sim/state`)).text)).toMatchObject({ day: 2 });
      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
      expect(stderr()).toMatch(/PUT \/api\/v1\/dolphin\/models list page=1 → 503 fault=status/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 0 on SIGINT and logs nothing without --verbose', async () => {
    const { child, firstLine, stderr } = run(['--size', '10']);
    const { origin } = JSON.parse(await firstLine) as { origin: string };
    await putModels(origin, {});
    child.kill('SIGINT');
    expect(await exitCode(child)).toBe(0);
    expect(stderr()).toBe('');
  });

  it('documents every option in --help', async () => {
    const { child } = run(['--help']);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    expect(await exitCode(child)).toBe(0);
    for (const flag of ['--size', '--seed', '--day', '--latency', '--port', '--hub-factor', '--chat-models', '--churn-rate', '--metrics-rate', '--tidy', '--empty-inference-share', '--shortfall', '--gateway-only', '--renames', '--fault', '--verbose', '--help']) {
      expect(out).toContain(flag);
    }
  });

  it('serves the real world by default, the tidy one with --tidy, and takes the real world\'s knobs', async () => {
    const totals: number[] = [];
    for (const args of [[], ['--tidy'], ['--shortfall', '7']]) {
      const { child, firstLine } = run(['--size', '30', ...args]);
      try {
        const { origin } = JSON.parse(await firstLine) as { origin: string };
        totals.push(modelsOf(await putModels(origin, { PageSize: 100 })).TotalCount);
        child.kill('SIGTERM');
        expect(await exitCode(child)).toBe(0);
      } finally {
        child.kill('SIGKILL');
      }
    }
    expect(totals).toEqual([33, 30, 37]);
  });

  it('refuses bad arguments with a one-line error and exit code 2', async () => {
    for (const args of [['--tidy', '--renames', '1'], ['--shortfall', '2.5'], ['--size', 'many'], ['--fault', '{"kind":"status"}'], ['--fault', 'not json'], ['--bogus'], ['--size', '-5'], ['--size=-5']]) {
      const { child, stderr } = run(args);
      expect(await exitCode(child)).toBe(2);
      expect(stderr().trim().split('\n')).toHaveLength(1);
      expect(stderr()).toMatch(/^simulator: /);
    }
  });
});
