// `npm run bench:crawl`: the real crawl command against a 60,000-model simulator in another process, once on
// a list that holds still and once on a list whose order moves while it is read (the moving-order fault:
// 5% of models climb the ranking between page reads, a few are updated and jump to the top of GmtModified).
// Budgets: still list wall ≤ 2 × ideal + 5 s, requests ≤ minimum + 1%, peak RSS ≤ 300 MB;
// moving list complete and exact, requests ≤ 2 × minimum.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { catalogForDay } from '../simulator/index.ts';
import { readSnapshot } from '../store/snapshots.ts';
import { npmScriptCommand, printChecks, runMeasured, startSimulatorProcess, type Check } from './child.ts';

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
const SEED = 11;
// 5% of the list climbs the ranking between page reads (the Default order); 0.001% is updated per request,
// which makes ~360 models jump to the top of GmtModified during one crawl: ~100× what a real night sees.
const MOVING = { kind: 'moving-order', share: 0.05, updates: 0.00001 };

const pages = Math.ceil(size / 100);
/** Every page once, the hub check and the gateway list. */
const minimum = pages + 2;
const idealMs = (pages / concurrency) * latencyMs;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const expected = catalogForDay({ size, seed: SEED, day: 0, tidy: true }).listing.map((m) => `${m.Path}/${m.Name}`).sort();

/** Crawl a fresh simulator process (with `faults`) once; the figures and whether the snapshot is exact. */
async function measure(label: string, faults: unknown[]) {
  // The tidy world (no hidden rows): every page read once, so the request budget measures the crawler, not the
  // second full read a real shortfall needs.
  const sim = await startSimulatorProcess(['--tidy', '--size', String(size), '--latency', String(latencyMs), '--seed', String(SEED), ...faults.flatMap((f) => ['--fault', JSON.stringify(f)])]);
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
      throw new Error(`the ${label} crawl exited with ${run.code}`);
    }
    const snapshot = await readSnapshot(dataDir, '2026-06-01');
    const ids = (snapshot?.models ?? []).map((m) => m.id).sort();
    const exact = ids.length === expected.length && ids.every((id, i) => id === expected[i]);
    const requests = Number(/requests: (\d+)/.exec(run.stdout)?.[1] ?? NaN);
    console.log(`\n${label}:\n${run.stdout.trim()}`);
    return { run, requests, models: ids.length, exact };
  } finally {
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(`bench:crawl — ${size} models, ${latencyMs} ms latency, --concurrency ${concurrency} --rps ${values.rps}; minimum ${minimum} requests, ideal ${(idealMs / 1000).toFixed(2)} s`);
const still = await measure('still list', []);
const moving = await measure(`moving list (${JSON.stringify(MOVING)})`, [MOVING]);
const wallBudgetMs = 2 * idealMs + 5000;
const checks: Check[] = [
  { name: 'still: wall time (whole command)', value: `${(still.run.wallMs / 1000).toFixed(2)} s`, budget: `≤ ${(wallBudgetMs / 1000).toFixed(2)} s`, pass: still.run.wallMs <= wallBudgetMs },
  { name: 'still: HTTP requests', value: String(still.requests), budget: `≤ ${Math.floor(minimum * 1.01)}`, pass: still.requests <= Math.floor(minimum * 1.01) },
  { name: 'still: crawler peak RSS', value: mb(still.run.peakRssBytes), budget: '≤ 300 MB', pass: still.run.peakRssBytes > 0 && still.run.peakRssBytes <= 300 * 2 ** 20 },
  { name: 'still: snapshot exact', value: `${still.models} models`, budget: `= ${size}, same ids`, pass: still.exact },
  { name: 'moving: wall time (whole command)', value: `${(moving.run.wallMs / 1000).toFixed(2)} s`, budget: '(figure)', pass: true },
  { name: 'moving: HTTP requests', value: String(moving.requests), budget: `≤ ${2 * minimum}`, pass: moving.requests <= 2 * minimum },
  { name: 'moving: crawler peak RSS', value: mb(moving.run.peakRssBytes), budget: '(figure)', pass: true },
  { name: 'moving: snapshot exact', value: `${moving.models} models`, budget: `= ${size}, same ids`, pass: moving.exact },
];
process.exitCode = printChecks('figures', checks) ? 0 : 1;
