// `npm run crawl`: parse options, run one night, print the summary, exit with its status.
import { EXIT, processIo, runCli } from '../core/cli.ts';
import { runNight } from './night.ts';
import { HELP, parseCrawlArgs } from './options.ts';
import { summaryLines, writeStepSummary } from './report.ts';

process.exitCode = await runCli('crawl', processIo, async () => {
  const options = parseCrawlArgs(process.argv.slice(2));
  if (options.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const { summary, exitCode } = await runNight(options);
  const lines = summaryLines(summary);
  if (exitCode === EXIT.ok) console.log(lines.join('\n'));
  else {
    console.error(lines[0]);
    console.log(lines.slice(1).join('\n'));
  }
  await writeStepSummary(summary);
  return exitCode;
});
