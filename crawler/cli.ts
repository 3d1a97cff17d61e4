// `npm run crawl`: parse options, run one crawl, print the summary, exit with its status.
import { HELP, parseCrawlArgs, UsageError } from './options.ts';
import { summaryLines, writeStepSummary } from './report.ts';
import { EXIT, runCrawl } from './run.ts';

async function main(): Promise<number> {
  let options;
  try {
    options = parseCrawlArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`crawl: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
  if (options.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const { summary, exitCode } = await runCrawl(options);
  const lines = summaryLines(summary);
  if (exitCode === EXIT.ok) console.log(lines.join('\n'));
  else {
    console.error(lines[0]);
    console.log(lines.slice(1).join('\n'));
  }
  await writeStepSummary(summary);
  return exitCode;
}

process.exitCode = await main();
