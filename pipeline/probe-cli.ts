// `npm run probe`: check what the crawler assumes about ModelScope against the real service, with at most
// ten polite requests, and print a table (also appended to the GitHub job summary). Writes no data.
import { appendStepSummary } from '../core/step-summary.ts';
import { Agent } from 'undici';
import { EXIT, parseOptions, processIo, runCli } from '../core/cli.ts';
import { UsageError } from '../core/errors.ts';
import { createHttpClient } from '../crawler/http/client.ts';
import { allHeld, probe } from '../crawler/probe.ts';
import { originOption } from './options.ts';
import { probeLines, probeMarkdown } from './report.ts';

const HELP = `Usage: npm run probe -- [--origin URL] [--inference-origin URL] [--timeout S]

Checks, with at most ten requests, each assumption the crawler makes about ModelScope: the API-Inference
filter is honoured, page size 100 is accepted, the crawl's sort order holds still between two reads (and
whether Default does), which SupportInference values appear, which record keys are there, and whether
GET /v1/models answers without a token. Prints a table; writes no data. The table is appended to
$GITHUB_STEP_SUMMARY when that is set.

Options:
  --origin URL            catalog origin (env MODELSCOPE_ORIGIN; default https://modelscope.cn)
  --inference-origin URL  OpenAI-compatible gateway (env MODELSCOPE_INFERENCE_ORIGIN;
                          default https://api-inference.modelscope.cn)
  --timeout S             seconds per request (default 30)
  -h, --help              show this help

Exit status: 0 every assumption held, 1 one did not (the table says which), 2 usage error.`;

process.exitCode = await runCli('probe', processIo, async () => {
  const values = parseOptions(process.argv.slice(2), {
    origin: { type: 'string' },
    'inference-origin': { type: 'string' },
    timeout: { type: 'string', default: '30' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const origin = originOption('--origin', values.origin ?? process.env['MODELSCOPE_ORIGIN'] ?? 'https://modelscope.cn');
  const inferenceOrigin = originOption('--inference-origin', values['inference-origin'] ?? process.env['MODELSCOPE_INFERENCE_ORIGIN'] ?? 'https://api-inference.modelscope.cn');
  const timeout = Number(values.timeout);
  if (!(timeout > 0 && timeout <= 600)) throw new UsageError(`must be seconds above 0 and at most 600, got ${JSON.stringify(values.timeout)}`, '--timeout');
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
