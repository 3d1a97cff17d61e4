// `npm run demo`: the whole product offline. A simulator plays ModelScope for several nights (churn, a
// flaky night, a night with a broken filter), the real night pipeline records them, and the site is built.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultDataDir, EXIT, parseOptions, processIo, runCli } from '../core/cli.ts';
import { UsageError } from '../core/errors.ts';
import { isWithin } from '../core/paths.ts';
import { runNight } from '../pipeline/night.ts';
import { parseCrawlArgs } from '../pipeline/options.ts';
import { Progress, summaryLines } from '../pipeline/report.ts';
import { resolveBuildOptions } from '../publish/config.ts';
import { buildSite } from '../publish/site.ts';
import { startSimulator } from '../simulator/index.ts';

const HELP = `Usage: npm run demo -- [--nights N] [--size N] [--data-dir DIR] [--out DIR]

Runs the crawler against the local ModelScope simulator for N simulated nights starting 2026-01-01
(night 4 the simulator ignores the API-Inference filter, so that crawl is refused and recorded as a gap;
night 6 it answers 429 and resets connections, which the crawler retries), then builds the site.

  --nights N      simulated nights (default 8)
  --size N        models on the simulated list (default 1500)
  --data-dir DIR  where the demo's data goes (default .demo/data); a directory the demo made before is
                  wiped first, any other must be new or empty; never the project's data dir
  --out DIR       site output (default site/dist); serve it with: npm run preview
  -h, --help      show this help`;

/** The file that marks a data dir as the demo's own, so a later demo may wipe it. */
const DEMO_MARKER = '.demo-data';

/**
 * Make `dataDir` ready for the demo: never the project's data dir (nor inside or around it, however the
 * path is written); a directory the demo made before is wiped; an empty or new one is taken; anything
 * else is refused, so the demo never deletes what it did not create.
 */
async function prepareDataDir(dataDir: string): Promise<void> {
  const projectData = join(import.meta.dirname, '..', 'data');
  for (const real of [projectData, defaultDataDir()]) {
    // Inside it, or around it: either way the demo would write into, or wipe, the project's data.
    if ((await isWithin(dataDir, real)) || (await isWithin(real, dataDir))) throw new UsageError(`the demo never writes to data/ (the project's data dir, ${real}): pick another --data-dir`);
  }
  const names = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new UsageError(`cannot use ${dataDir} (${error.code})`, '--data-dir', { cause: error });
  });
  if (names !== undefined && names.length > 0) {
    if (!names.includes(DEMO_MARKER)) throw new UsageError(`${dataDir} is not empty and the demo did not make it, so it will not be wiped; pick a new directory`, '--data-dir');
    await rm(dataDir, { recursive: true, force: true });
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, DEMO_MARKER), 'made by npm run demo, which wipes this directory when it runs again\n');
}

/** A whole number option in [min, max]. */
function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

process.exitCode = await runCli('demo', processIo, async () => {
  const values = parseOptions(process.argv.slice(2), {
    nights: { type: 'string', default: '8' },
    size: { type: 'string', default: '1500' },
    'data-dir': { type: 'string', default: '.demo/data' },
    out: { type: 'string', default: 'site/dist' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const nights = wholeNumber(values.nights, '--nights', 1, 365);
  const size = wholeNumber(values.size, '--size', 1, 100_000);
  const dataDir = values['data-dir'];
  await prepareDataDir(dataDir);
  const sim = await startSimulator({ size, seed: 1 });
  console.log(`simulator on ${sim.origin}; ${nights} nights of ${size} models into ${dataDir}`);
  try {
    for (let night = 0; night < nights; night += 1) {
      sim.setDay(night);
      sim.clearFaults();
      if (night === 3) sim.inject({ kind: 'ignore-filter', times: Infinity });
      if (night === 5) {
        sim.inject({ kind: 'status', status: 429, retryAfter: '1', page: 1 });
        sim.inject({ kind: 'reset', page: 2 });
      }
      const date = new Date(Date.UTC(2026, 0, 1 + night)).toISOString().slice(0, 10);
      const options = parseCrawlArgs(['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', date, '--concurrency', '4', '--rps', '100']);
      const { summary } = await runNight(options, { progress: new Progress({ stream: { write: () => true } }) });
      console.log(summaryLines(summary).join('\n'));
    }
  } finally {
    await sim.close();
  }

  const build = resolveBuildOptions(['--data-dir', dataDir, '--out', values.out], process.env);
  if (build === 'help') return EXIT.ok;
  const built = await buildSite(build);
  console.log(`\nsite built into ${built.outDir}: ${built.models} models, ${built.feedItems} feed items, ${built.modelPages} model pages`);
  console.log('serve it with: npm run preview   (then open http://localhost:4321/)');
  console.log(`try: npm run diff -- --data-dir ${dataDir}`);
  return EXIT.ok;
});
