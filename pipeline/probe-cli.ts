// `npm run probe`: check what the crawler assumes about ModelScope against the real service, with at most
// ten polite requests, and print a table (also appended to the GitHub job summary). Writes no data.
import { appendStepSummary } from '../core/step-summary.ts';
import { Agent } from 'undici';
import { EXIT } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import type { Options } from '../core/options.ts';
import { createHttpClient } from '../crawler/http/client.ts';
import { allHeld, probe } from '../crawler/probe.ts';
import { UPSTREAM_OPTIONS } from './options.ts';
import { probeLines, probeMarkdown } from './report.ts';

/** The probe command: the crawl's own origin and timeout options. */
export const PROBE = {
  name: 'probe',
  usage: 'npm run probe',
  about: `Checks, with at most ten requests, each assumption the crawler makes about ModelScope: the
API-Inference filter is honoured, page size 100 is accepted, the crawl's sort order holds still
between two reads (and whether Default does), which SupportInference values appear, which record
keys are there, and whether GET /v1/models answers without a token. Prints a table; writes no data.`,
  options: UPSTREAM_OPTIONS,
  environment: { GITHUB_STEP_SUMMARY: 'set by GitHub Actions: the table is appended to it' },
  exit: '0 every assumption held, 1 one did not (the table says which), 2 usage error',
} as const satisfies Command<Options>;

/** Probe the upstream the options name; exit 0 when every assumption held. */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(PROBE, argv, async (values) => {
    const { origin, 'inference-origin': inferenceOrigin, timeout } = values;
    const dispatcher = new Agent({ connections: 2 });
    // One request a second, and a retry budget that keeps the whole probe within ten requests.
    const client = createHttpClient({ dispatcher, concurrency: 2, rps: 1, timeoutMs: timeout * 1000, retries: 1, retryBudget: 4 });
    try {
      const rows = await probe(client, { origin, inferenceOrigin });
      console.log(`ModelScope probe of ${origin} and ${inferenceOrigin} (${client.stats.requests} requests):`);
      console.log(probeLines(rows).join('\n'));
      const summary = process.env['GITHUB_STEP_SUMMARY'];
      await appendStepSummary(summary, `${probeMarkdown(rows)}\n`);
      return allHeld(rows) ? EXIT.ok : EXIT.failed;
    } finally {
      client.close();
      await dispatcher.destroy();
    }
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
