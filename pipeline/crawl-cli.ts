// `npm run crawl`: parse options, run one night, print the summary, exit with its status.
import { EXIT, processIo, runCli } from '../core/cli.ts';
import { runNight } from './night.ts';
import { HELP, parseCrawlArgs } from './options.ts';
import { reportNight } from './report.ts';

process.exitCode = await runCli('crawl', processIo, async () => {
  const options = parseCrawlArgs(process.argv.slice(2));
  if (options.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const { summary, exitCode } = await runNight(options);
  await reportNight(summary, exitCode === EXIT.ok);
  return exitCode;
});
