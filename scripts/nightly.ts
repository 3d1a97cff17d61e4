// `npm run nightly`: the whole nightly job in one command — crawl (snapshot, events, history), then build
// site/dist. A failed or refused crawl stops here with its exit status and builds nothing.
import { readEventLog, readHistories } from '../changes/store.ts';
import { HELP, parseCrawlArgs, UsageError } from '../crawler/options.ts';
import { summaryLines, writeStepSummary } from '../crawler/report.ts';
import { EXIT, runCrawl } from '../crawler/run.ts';
import { resolveBuildOptions } from '../publish/config.ts';
import { buildSite } from '../publish/site.ts';

const NIGHTLY_HELP = `Usage: npm run nightly -- [crawl options]

Crawls ModelScope (see the crawl options below), updates events and history, then builds the static
site into site/dist from the same data directory. Build settings come from the environment:
SITE_URL (absolute base URL of the site), SITE_SNAPSHOT_DAYS (newest N snapshots to publish).

${HELP.split('\n').slice(2).join('\n')}`;

async function main(): Promise<number> {
  let options;
  try {
    options = parseCrawlArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`nightly: ${error.message}`);
    return EXIT.usage;
  }
  if (options.help) {
    console.log(NIGHTLY_HELP);
    return EXIT.ok;
  }
  const { summary, exitCode } = await runCrawl(options);
  const lines = summaryLines(summary);
  (exitCode === EXIT.ok ? console.log : console.error)(lines.join('\n'));
  await writeStepSummary(summary);
  if (exitCode !== EXIT.ok) return exitCode;

  const build = resolveBuildOptions([], { ...process.env, CATALOG_DATA_DIR: options.dataDir });
  if (build === 'help') return EXIT.ok;
  const built = await buildSite(build, { readEventLog, readHistories });
  console.log(`site: ${built.outDir} for ${build.siteUrl} (latest ${built.latest ?? 'none'}, ${built.models} models, ${built.feedItems} feed items)`);
  return EXIT.ok;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`nightly: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exitCode = EXIT.failed;
  },
);
