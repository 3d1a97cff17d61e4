// `npm run demo`: the whole product offline. A simulator plays ModelScope for 14 nights (churn, a flaky
// night, a night with a broken filter, a night that fails), the real night pipeline records them into a
// temporary data dir, the Astro site is built from it and served on localhost.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { defaultDataDir, flag, integer, text, type Options } from '../core/options.ts';
import { UsageError } from '../core/errors.ts';
import { isWithin } from '../core/paths.ts';
import { runNight } from '../pipeline/night.ts';
import { parseCrawlArgs } from '../pipeline/options.ts';
import { Progress, summaryLines } from '../pipeline/report.ts';
import { resolveBuildOptions } from '../publish/config.ts';
import { buildSite } from '../publish/site.ts';
import { startSimulator } from '../simulator/index.ts';
import { serveSite } from '../publish/static-server.ts';
import { nightRecord, recordNight } from '../store/nights-file.ts';

/** The demo command. */
export const DEMO = {
  name: 'demo',
  usage: 'npm run demo',
  about: `Runs the crawler against the local ModelScope simulator for N simulated nights starting 2026-01-01,
with models entering, leaving and returning and their likes and downloads moving. Night 4 the
simulator ignores the API-Inference filter, so that crawl is refused; night 9 its catalog breaks for
good, so that crawl fails; both are recorded as gaps. Night 6 it answers 429 and resets connections,
which the crawler retries. Then it builds the site and serves it on http://localhost:PORT/.`,
  options: {
    nights: integer({ value: 'N', min: 1, max: 365, default: 14, doc: 'simulated nights' }),
    size: integer({ value: 'N', min: 1, max: 100_000, default: 1500, doc: 'models on the simulated list' }),
    'data-dir': text({
      value: 'DIR',
      shown: 'a new temporary directory',
      doc: "where the demo's data goes; a directory the demo made before is wiped first, any other must be new or empty; never data/",
    }),
    out: text({ value: 'DIR', default: 'site/dist', doc: 'site output' }),
    port: integer({ value: 'N', min: 0, max: 65_535, default: 4321, doc: 'port to serve the site on; 0 picks a free one' }),
    'no-serve': flag('stop after the build and print where it is (also when CI=true)'),
  },
  environment: {
    CI: 'true: stop after the build, as --no-serve does',
    SITE_URL: 'the address the site is built for, as npm run build takes it (default: where the demo serves it)',
  },
  exit: '0 built (and served until stopped), 1 failed, 2 usage error',
} as const satisfies Command<Options>;

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

/** Simulate the nights, build the site, serve it. */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(DEMO, argv, async (values) => {
    const { nights, size, port } = values;
    const serve = !values['no-serve'] && process.env['CI'] !== 'true';
    const dataDir = values['data-dir'] ?? (await mkdtemp(join(tmpdir(), 'modelscope-demo-')));
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
        // A catalog page that no longer matches the schema, however often it is asked: the crawl fails.
        if (night === 8) sim.inject({ kind: 'schema', page: 2, times: Infinity });
        const date = new Date(Date.UTC(2026, 0, 1 + night)).toISOString().slice(0, 10);
        // Three retries (the nightly's 5 wait up to ~30 s of back-off): enough for night 6's 429 and reset, and
        // night 9's broken page fails in seconds, not after the quarter-minute the full back-off takes.
        const options = parseCrawlArgs(['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', date, '--concurrency', '4', '--rps', '100', '--retries', '3']);
        const { summary } = await runNight(options, { progress: new Progress({ stream: { write: () => true } }) });
        console.log(summaryLines(summary).join('\n'));
        // As the nightly workflow does with npm run record-night: a night without a snapshot keeps its reason.
        if (summary.outcome === 'refused' || summary.outcome === 'failed') await recordNight(dataDir, nightRecord(date, summary.outcome, summary.reason ?? ''));
      }
    } finally {
      await sim.close();
    }

    // Built for the address it is served at, so its absolute links (canonical, feeds) work there too.
    const siteUrl = serve && process.env['SITE_URL'] === undefined ? ['--site-url', `http://localhost:${port === 0 ? 4321 : port}/`] : [];
    const build = resolveBuildOptions(['--data-dir', dataDir, '--out', values.out, ...siteUrl], process.env);
    if (build === 'help') return EXIT.ok;
    const built = await buildSite(build);
    console.log(`\nsite built into ${resolve(built.outDir)}: ${built.models} models, ${built.feedItems} feed items, ${built.modelPages} model pages`);
    console.log(`data in ${resolve(dataDir)}; try: npm run diff -- --data-dir ${dataDir}`);
    if (!serve) {
      console.log(`not serving (${values['no-serve'] ? '--no-serve' : 'CI=true'}); look at it with: npm run preview -- --dir ${built.outDir}`);
      return EXIT.ok;
    }
    const { url } = await serveSite(resolve(built.outDir), { port });
    console.log(`serving the site on ${url}  (Ctrl+C to stop)`);
    return EXIT.ok;
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
