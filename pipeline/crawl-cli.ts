// `npm run crawl`: read the options (CRAWL), run one night, print the summary, exit with its status.
import { EXIT } from '../core/cli.ts';
import { runCommand } from '../core/command.ts';
import { stopOnSignals } from '../core/signals.ts';
import { runNight } from './night.ts';
import { CRAWL, nightOptions } from './options.ts';
import { reportNight } from './report.ts';

process.exitCode = await runCommand(CRAWL, process.argv.slice(2), async (values) => {
  const options = nightOptions(values);
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
