// `npm run nightly`: the whole nightly job in one command — crawl (snapshot, events, history), then build
// site/dist. A failed or refused crawl stops here with its exit status and builds nothing.
import { EXIT, processIo, runCli } from '../core/cli.ts';
import { runNight } from '../pipeline/night.ts';
import { HELP, parseCrawlArgs } from '../pipeline/options.ts';
import { reportNight } from '../pipeline/report.ts';
import { resolveBuildOptions } from '../publish/config.ts';
import { buildSite } from '../publish/site.ts';
import { readEventLog, readHistories } from '../store/change-files.ts';

const NIGHTLY_HELP = `Usage: npm run nightly -- [crawl options]

Crawls ModelScope (see the crawl options below), updates events and history, then builds the static
site into site/dist from the same data directory. Build settings come from the environment:
SITE_URL (absolute base URL of the site), SITE_SNAPSHOT_DAYS (newest N snapshots to publish).

${HELP.split('\n').slice(2).join('\n')}`;

process.exitCode = await runCli('nightly', processIo, async () => {
  const options = parseCrawlArgs(process.argv.slice(2));
  if (options.help) {
    console.log(NIGHTLY_HELP);
    return EXIT.ok;
  }
  const { summary, exitCode } = await runNight(options);
  await reportNight(summary, exitCode === EXIT.ok);
  if (exitCode !== EXIT.ok) return exitCode;

  const build = resolveBuildOptions([], { ...process.env, CATALOG_DATA_DIR: options.dataDir });
  if (build === 'help') return EXIT.ok;
  const built = await buildSite(build, { readEventLog, readHistories });
  console.log(`site: ${built.outDir} for ${build.siteUrl} (latest ${built.latest ?? 'none'}, ${built.models} models, ${built.feedItems} feed items)`);
  return EXIT.ok;
});
