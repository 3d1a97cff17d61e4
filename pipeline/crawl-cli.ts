// `npm run crawl`: parse options, run one night, print the summary, exit with its status.
import { EXIT, processIo, runCli } from '../core/cli.ts';
import { stopOnSignals } from '../core/signals.ts';
import { runNight } from './night.ts';
import { HELP, parseCrawlArgs } from './options.ts';
import type { CrawlFacts } from '../crawler/crawl.ts';
import { reportNight } from './report.ts';

process.exitCode = await runCli('crawl', processIo, async () => {
  const options = parseCrawlArgs(process.argv.slice(2));
  if (options.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const stop = stopOnSignals();
  try {
    // The run report lists what the crawl left out and why (runNight adds the crawl's facts to its summary).
    const { summary, exitCode } = await runNight(options, { signal: stop.signal });
    await reportNight(summary, exitCode === EXIT.ok);
    // Stopped by a signal: exit as the signal would have, after everything was put back.
    return stop.exitStatus() ?? exitCode;
  } finally {
    stop.dispose();
  }
});
