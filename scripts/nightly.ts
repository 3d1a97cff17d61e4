// `npm run nightly`: the whole nightly job in one command — crawl (snapshot, events, history), then build
// site/dist. The crawl runs exactly as `npm run crawl` does, in a process of its own with that script's
// node flags (package.json), so its memory is not the build's. A failed or refused crawl stops here with
// its exit status and builds nothing.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';
import { EXIT } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { npmScriptCommand } from '../core/npm-script.ts';
import type { Options } from '../core/options.ts';
import { CRAWL, nightOptions } from '../pipeline/options.ts';
import { BUILD, resolveBuildOptions } from '../publish/config.ts';
import { buildSite } from '../publish/site.ts';

/** A build option the nightly takes from its variable only, as its help says it. */
const fromBuild = (name: 'site-url' | 'snapshot-days' | 'tombstone-days'): string => `${BUILD.options[name].doc} (default ${BUILD.options[name].shown})`;

/** The nightly command: the crawl's options, and the build's settings from the environment. */
export const NIGHTLY = {
  ...CRAWL,
  name: 'nightly',
  usage: 'npm run nightly',
  about: `Crawls ModelScope (the crawl's options below), updates events and history, then builds the static
site into site/dist from the same data directory. Build settings come from the environment.`,
  environment: {
    ...CRAWL.environment,
    SITE_URL: fromBuild('site-url'),
    SITE_SNAPSHOT_DAYS: fromBuild('snapshot-days'),
    SITE_TOMBSTONE_DAYS: fromBuild('tombstone-days'),
  },
} as const satisfies Command<Options>;

/** Run `npm run crawl -- argv` as a child sharing this terminal; its exit status. */
async function crawl(argv: readonly string[]): Promise<number> {
  const { nodeArgs, script } = await npmScriptCommand('crawl');
  const child = spawn(process.execPath, [...nodeArgs, script, ...argv], { stdio: 'inherit' });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  // Killed by a signal: the shell's convention, 128 + its number.
  return code ?? (signal === null ? EXIT.failed : 128 + (constants.signals[signal] ?? 0));
}

/** Crawl with `argv`, then build. */
export function main(argv: readonly string[]): Promise<number> {
  // Read here too, so a bad option stops before anything runs and --help shows the nightly's own text.
  return runCommand(NIGHTLY, argv, async (values) => {
    const options = nightOptions(values);
    const crawled = await crawl(argv);
    if (crawled !== EXIT.ok) return crawled;

    const build = resolveBuildOptions([], { ...process.env, CATALOG_DATA_DIR: options.dataDir });
    if (build === 'help') return EXIT.ok;
    const built = await buildSite(build);
    console.log(`site: ${built.outDir} for ${build.siteUrl} (latest ${built.latest ?? 'none'}, ${built.models} models, ${built.feedItems} feed items)`);
    return EXIT.ok;
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
