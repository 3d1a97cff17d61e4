// Command-line and environment options of `npm run crawl`, parsed purely so they can be tested.
import { parseArgs } from 'node:util';
import { isCalendarDate, shanghaiDate } from './dates.ts';

export const HELP = `Usage: npm run crawl -- [options]

Crawl ModelScope's API-Inference list and write <data-dir>/snapshots/<date>.json.
Nothing is written when the crawl fails or is refused.

Options:
  --origin URL            catalog origin (env MODELSCOPE_ORIGIN; default https://modelscope.cn)
  --inference-origin URL  OpenAI-compatible gateway (env MODELSCOPE_INFERENCE_ORIGIN;
                          default https://api-inference.modelscope.cn)
  --data-dir DIR          where snapshots, events and history live (env CATALOG_DATA_DIR; default data)
  --date YYYY-MM-DD       snapshot date (default: today in Asia/Shanghai, ModelScope's day)
  --concurrency N         requests in flight at once (default 2)
  --rps R                 requests started per second, at most (default 2)
  --timeout S             seconds per request attempt (default 30)
  --retries N             retries per request on 429, 5xx, resets, bad bodies (default 5)
  --max-passes N          full re-reads when the list changes mid-crawl (default 3)
  --max-shrink F          refuse when the list lost more than this fraction (default 0.3)
  --allow-shrink          publish even if the list shrank sharply
  --no-changes            write the snapshot only; do not update events and history
  -h, --help              show this help

Environment:
  MODELSCOPE_TOKEN        optional token, sent only to the inference gateway; never logged

Exit status: 0 published (or unchanged), 1 failed, 2 usage error, 3 refused (the crawl looked wrong).`;

/** Raised for bad arguments: the CLI prints it and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Everything the crawl command needs, after defaults. */
export interface CliOptions {
  origin: string;
  inferenceOrigin: string;
  dataDir: string;
  date: string;
  concurrency: number;
  rps: number;
  timeoutMs: number;
  retries: number;
  maxPasses: number;
  maxShrink: number;
  allowShrink: boolean;
  updateChanges: boolean;
  token: string | undefined;
  help: boolean;
}

function origin(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${name} must use http or https, got ${url.protocol}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function number(name: string, value: string | undefined, fallback: number, check: (n: number) => boolean, what: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`${name} must be ${what}, got ${JSON.stringify(value)}`);
  return n;
}

const positiveInteger = (n: number): boolean => Number.isInteger(n) && n >= 1;

/** Parse argv (without node and script) and the environment into options; throws UsageError. */
export function parseCrawlArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, now = new Date()): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        origin: { type: 'string' },
        'inference-origin': { type: 'string' },
        'data-dir': { type: 'string' },
        date: { type: 'string' },
        concurrency: { type: 'string' },
        rps: { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        'max-passes': { type: 'string' },
        'max-shrink': { type: 'string' },
        'allow-shrink': { type: 'boolean', default: false },
        'no-changes': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const v = parsed.values;
  const date = v.date ?? shanghaiDate(now);
  if (!isCalendarDate(date)) throw new UsageError(`--date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const dataDir = v['data-dir'] ?? env['CATALOG_DATA_DIR'] ?? 'data';
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  const token = env['MODELSCOPE_TOKEN']?.trim();
  return {
    origin: origin('--origin', v.origin ?? env['MODELSCOPE_ORIGIN'] ?? 'https://modelscope.cn'),
    inferenceOrigin: origin(
      '--inference-origin',
      v['inference-origin'] ?? env['MODELSCOPE_INFERENCE_ORIGIN'] ?? 'https://api-inference.modelscope.cn',
    ),
    dataDir,
    date,
    concurrency: number('--concurrency', v.concurrency, 2, (n) => positiveInteger(n) && n <= 64, 'a whole number from 1 to 64'),
    rps: number('--rps', v.rps, 2, (n) => n > 0 && n <= 1000, 'a number above 0 and at most 1000'),
    timeoutMs: number('--timeout', v.timeout, 30, (n) => n > 0 && n <= 600, 'seconds above 0 and at most 600') * 1000,
    retries: number('--retries', v.retries, 5, (n) => Number.isInteger(n) && n >= 0 && n <= 20, 'a whole number from 0 to 20'),
    maxPasses: number('--max-passes', v['max-passes'], 3, (n) => positiveInteger(n) && n <= 20, 'a whole number from 1 to 20'),
    maxShrink: number('--max-shrink', v['max-shrink'], 0.3, (n) => n >= 0 && n <= 1, 'a fraction from 0 to 1'),
    allowShrink: v['allow-shrink'] ?? false,
    updateChanges: !(v['no-changes'] ?? false),
    token: token === '' ? undefined : token,
    help: v.help ?? false,
  };
}
