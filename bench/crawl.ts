// `npm run bench:crawl`: the real crawl command against a 60,000-model simulator in another process.
// Budgets (issue 2): wall ≤ 2 × ideal + 5 s, requests ≤ pages + 5%, crawler peak RSS ≤ 400 MB.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSnapshot } from '../store/snapshots.ts';
import { npmScriptCommand, printChecks, runMeasured, startSimulatorProcess } from './child.ts';

const HELP = `Usage: npm run bench:crawl -- [--size N] [--latency MS] [--concurrency N] [--rps R]
Defaults: 60000 models, 20 ms latency, concurrency 8, 200 requests/s. Exits 1 when a budget fails.`;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '60000' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '8' },
    rps: { type: 'string', default: '200' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const size = Number(values.size);
const latencyMs = Number(values.latency);
const concurrency = Number(values.concurrency);

console.log(`bench:crawl — ${size} models, ${latencyMs} ms latency, --concurrency ${concurrency} --rps ${values.rps}`);
const sim = await startSimulatorProcess(['--size', String(size), '--latency', String(latencyMs), '--seed', '11']);
const dataDir = await mkdtemp(join(tmpdir(), 'bench-crawl-'));
try {
  const command = await npmScriptCommand('crawl');
  const run = await runMeasured(
    command.script,
    ['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', '2026-06-01',
      '--concurrency', String(concurrency), '--rps', String(values.rps), '--no-changes'],
    { GITHUB_STEP_SUMMARY: '' },
    command.nodeArgs,
  );
  if (run.code !== 0) {
    console.error(run.stderr.trim().split('\n').slice(-3).join('\n'));
    throw new Error(`the crawl exited with ${run.code}`);
  }
  const snapshot = await readSnapshot(dataDir, '2026-06-01');
  const models = snapshot?.models.length ?? 0;
  const pages = Math.ceil(size / 100);
  const requests = Number(/requests: (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  const crawlSeconds = Number(/time: ([\d.]+) s/.exec(run.stdout)?.[1] ?? NaN);
  const idealMs = (pages / concurrency) * latencyMs;
  const wallBudgetMs = 2 * idealMs + 5000;
  const requestBudget = Math.floor(pages * 1.05);
  console.log(run.stdout.trim());
  console.log(`  models in snapshot: ${models}; pages: ${pages}; ideal: ${(idealMs / 1000).toFixed(2)} s; crawl's own timing: ${crawlSeconds} s`);
  const ok = printChecks('figures', [
    { name: 'wall time (whole command)', value: `${(run.wallMs / 1000).toFixed(2)} s`, budget: `≤ ${(wallBudgetMs / 1000).toFixed(2)} s`, pass: run.wallMs <= wallBudgetMs },
    { name: 'HTTP requests', value: String(requests), budget: `≤ ${requestBudget}`, pass: requests <= requestBudget },
    { name: 'crawler peak RSS', value: `${(run.peakRssBytes / 2 ** 20).toFixed(0)} MB`, budget: '≤ 400 MB', pass: run.peakRssBytes > 0 && run.peakRssBytes <= 400 * 2 ** 20 },
    { name: 'models captured', value: String(models), budget: `= ${size}`, pass: models === size },
  ]);
  process.exitCode = ok ? 0 : 1;
} finally {
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
}
