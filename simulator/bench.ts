// Benchmark: can the simulator serve a 60k-model crawl without being the bottleneck? Prints figures, asserts nothing.
// Its options: BENCH_SIMULATOR below, or `npm run bench:simulator -- --help`. The real world by default (its
// TotalCount counts 3 hidden rows, so a crawl reads one more page); --tidy for the old one.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { scriptOptions, type Command } from '../core/command.ts';
import { mapBounded } from '../core/concurrency.ts';
import { flag, integer, type Options } from '../core/options.ts';
import { catalogForDay } from './catalog.ts';
import { INFERENCE_FILTER } from './testing.ts';

const BENCH_SIMULATOR = {
  name: 'bench:simulator',
  usage: 'npm run bench:simulator',
  about: `Can the simulator serve a 60k-model crawl without being the bottleneck? Times its generator,
then plain crawls of a simulator process at the given latency and at none. Prints figures, asserts
nothing.`,
  options: {
    size: integer({ value: 'N', min: 1, max: 100_000, default: 60_000, doc: 'models on the simulated list' }),
    latency: integer({ value: 'MS', min: 0, max: 10_000, default: 20, doc: 'delay before every response' }),
    concurrency: integer({ value: 'N', min: 1, max: 64, default: 8, doc: 'requests in flight' }),
    tidy: flag('the tidy world of before issue 19 (default: the real one, whose TotalCount counts 3 hidden rows)'),
  },
} as const satisfies Command<Options>;

const { size, latency, concurrency, tidy } = scriptOptions(BENCH_SIMULATOR).values;

function generatorFigures(): void {
  let t = performance.now();
  catalogForDay({ size, day: 0, tidy });
  const day0 = performance.now() - t;
  const perDay: number[] = [];
  for (let day = 1; day <= 3; day++) {
    t = performance.now();
    catalogForDay({ size, day, tidy });
    perDay.push(performance.now() - t);
  }
  console.log(`generator: day 0 ${day0.toFixed(0)} ms, days 1-3 ${perDay.map((x) => x.toFixed(0)).join('/')} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
}

async function crawl(origin: string, label: string, sortBy: string, latencyMs: number): Promise<void> {
  const pool = new Pool(origin, { connections: concurrency });
  const put = async (page: number): Promise<{ total: number; count: number }> => {
    const res = await pool.request({
      path: '/api/v1/dolphin/models',
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ PageNumber: page, PageSize: 100, SortBy: sortBy, SingleCriterion: INFERENCE_FILTER }),
    });
    const body = (await res.body.json()) as { Data: { Model: { Models: unknown[]; TotalCount: number } } };
    return { total: body.Data.Model.TotalCount, count: body.Data.Model.Models.length };
  };
  const started = performance.now();
  const first = await put(1);
  const firstMs = performance.now() - started;
  const pages = Math.ceil(first.total / 100);
  let models = first.count;
  const rest = Array.from({ length: pages - 1 }, (_, index) => index + 2);
  await mapBounded(rest, concurrency, async (page) => {
    const { count } = await put(page); // read before adding: `models += await …` would add to a stale value
    models += count;
  });
  const seconds = (performance.now() - started) / 1000;
  const ceiling = latencyMs > 0 ? (concurrency * 1000) / latencyMs : Infinity;
  console.log(
    `${label}: ${pages} pages, ${models} models in ${seconds.toFixed(2)} s = ${(pages / seconds).toFixed(0)} req/s ` +
      `(latency ceiling ${Number.isFinite(ceiling) ? ceiling.toFixed(0) : '∞'} req/s; first page ${firstMs.toFixed(0)} ms)`,
  );
  await pool.close();
}

async function main(): Promise<void> {
  generatorFigures();
  for (const lat of [latency, 0]) {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const started = performance.now();
    const child = spawn(process.execPath, [cli, '--size', String(size), '--latency', String(lat), ...(tidy ? ['--tidy'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const { origin } = JSON.parse(line) as { origin: string };
    console.log(`simulator process (latency ${lat} ms): listening after ${(performance.now() - started).toFixed(0)} ms`);
    await crawl(origin, `  Default crawl, concurrency ${concurrency}`, 'Default', lat);
    await crawl(origin, `  DownloadsCount crawl (sorts once)`, 'DownloadsCount', lat);
    await crawl(origin, `  Default crawl again`, 'Default', lat);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

await main();
