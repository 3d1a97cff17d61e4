// `npm run nightly`: the whole nightly job in one command — crawl (snapshot, events, history), then build
// site/dist. The crawl runs exactly as `npm run crawl` does, in a process of its own with that script's
// node flags (package.json), so its memory is not the build's. A failed or refused crawl stops here with
// its exit status and builds nothing.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';
import { EXIT, processIo, runCli } from '../core/cli.ts';
import { npmScriptCommand } from '../core/npm-script.ts';
import { HELP, parseCrawlArgs } from '../pipeline/options.ts';
import { resolveBuildOptions } from '../publish/config.ts';
import { buildSite } from '../publish/site.ts';

const NIGHTLY_HELP = `Usage: npm run nightly -- [crawl options]

Crawls ModelScope (see the crawl options below), updates events and history, then builds the static
site into site/dist from the same data directory. Build settings come from the environment:
SITE_URL (absolute base URL of the site), SITE_SNAPSHOT_DAYS (newest N snapshots to publish),
SITE_TOMBSTONE_DAYS (days a departed model keeps a page file of its own).

${HELP.split('\n').slice(2).join('\n')}`;

/** Run `npm run crawl -- argv` as a child sharing this terminal; its exit status. */
async function crawl(argv: readonly string[]): Promise<number> {
  const { nodeArgs, script } = await npmScriptCommand('crawl');
  const child = spawn(process.execPath, [...nodeArgs, script, ...argv], { stdio: 'inherit' });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  // Killed by a signal: the shell's convention, 128 + its number.
  return code ?? (signal === null ? EXIT.failed : 128 + (constants.signals[signal] ?? 0));
}

process.exitCode = await runCli('nightly', processIo, async () => {
  const argv = process.argv.slice(2);
  // Parsed here too, so a bad option stops before anything runs and --help shows the nightly's own text.
  const options = parseCrawlArgs(argv);
  if (options.help) {
    console.log(NIGHTLY_HELP);
    return EXIT.ok;
  }
  const crawled = await crawl(argv);
  if (crawled !== EXIT.ok) return crawled;

  const build = resolveBuildOptions([], { ...process.env, CATALOG_DATA_DIR: options.dataDir });
  if (build === 'help') return EXIT.ok;
  const built = await buildSite(build);
  console.log(`site: ${built.outDir} for ${build.siteUrl} (latest ${built.latest ?? 'none'}, ${built.models} models, ${built.feedItems} feed items)`);
  return EXIT.ok;
});
