// Command-line and environment options of a night (`npm run crawl`, `npm run nightly`), parsed purely
// so they can be tested.
import { defaultDataDir, parseOptions } from '../core/cli.ts';
import { UsageError } from '../core/errors.ts';
import type { CrawlFacts } from '../crawler/crawl.ts';
import { dateOption, FIRST_SNAPSHOT_DATE, shanghaiDate, snapshotDateProblem } from '../store/dates.ts';

export const HELP = `Usage: npm run crawl -- [options]

Crawl ModelScope's API-Inference list and write <data-dir>/snapshots/<date>.json.
Nothing is written when the crawl fails or is refused.

Options:
  --origin URL            catalog origin (env MODELSCOPE_ORIGIN; default https://modelscope.cn)
  --inference-origin URL  OpenAI-compatible gateway (env MODELSCOPE_INFERENCE_ORIGIN;
                          default https://api-inference.modelscope.cn)
  --data-dir DIR          where snapshots, events and history live (env CATALOG_DATA_DIR; default data)
  --date YYYY-MM-DD       snapshot date, 2022-11-01 up to tomorrow (default: today in Asia/Shanghai,
                          ModelScope's day)
  --concurrency N         requests in flight at once (default 2)
  --rps R                 requests started per second, at most, 0.01 to 1000 (default 2)
  --timeout S             seconds per request attempt, 1 to 600 (default 30)
  --deadline M            minutes the whole night may take before it fails, 0.01 to 300 (default 40;
                          well under the nightly job's 60, so a slow night fails with a reason)
  --retries N             retries per request on 429, 5xx, resets, bad bodies (default 5)
  --max-passes N          full re-reads when the list changes mid-crawl (default 3)
  --max-shrink F          refuse when the list lost more than this fraction (default 0.3)
  --allow-shrink          publish even if the list shrank sharply
  --no-changes            write the snapshot only; do not update events and history
  -h, --help              show this help

Environment:
  MODELSCOPE_TOKEN        optional token, sent only to the inference gateway; never logged

Exit status: 0 published (or unchanged), 1 failed, 2 usage error, 3 refused (the crawl looked wrong).`;

/** Everything a night needs, after defaults (the flags and variables of HELP). */
export interface NightOptions {
  /** Catalog origin, no trailing slash (default https://modelscope.cn, env MODELSCOPE_ORIGIN). */
  origin: string;
  /** Inference gateway origin, no trailing slash (default https://api-inference.modelscope.cn). */
  inferenceOrigin: string;
  /** Where snapshots, events and history live (default `data`, env CATALOG_DATA_DIR). */
  dataDir: string;
  /** Snapshot date `YYYY-MM-DD` (default today in Asia/Shanghai). */
  date: string;
  /** Requests in flight at once (default 2). */
  concurrency: number;
  /** Requests started per second, at most (default 2). */
  rps: number;
  /** Per request attempt, in ms (default 30,000). */
  timeoutMs: number;
  /** Retries per request (default 5). */
  retries: number;
  /** The whole night's deadline, in ms (default 40 minutes, `--deadline M`, 0.01 to 300 minutes). */
  deadlineMs: number;
  /** Full re-reads when the list changes mid-crawl (default 3). */
  maxPasses: number;
  /** Refuse when the list lost more than this fraction (default 0.3). */
  maxShrink: number;
  /** Publish even if the list shrank sharply (default false). */
  allowShrink: boolean;
  /** Update events and history after the snapshot (default true; --no-changes turns it off). */
  updateChanges: boolean;
  /** Optional ModelScope token (env MODELSCOPE_TOKEN), sent only to the inference gateway. */
  token: string | undefined;
  /** --help was asked for. */
  help: boolean;
  /** Hears what the crawl listed (rejected records, duplicates, nulled timestamps) for the run report; not an option. */
  onCrawled?: ((facts: CrawlFacts) => void) | undefined;
}

/** An origin option checked (absolute http(s) URL) and without a trailing slash; `name` is the flag. */
export function originOption(name: string, value: string): string {
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
export function parseCrawlArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, now = new Date()): NightOptions {
  const v = parseOptions(argv, {
    origin: { type: 'string' },
    'inference-origin': { type: 'string' },
    'data-dir': { type: 'string' },
    date: { type: 'string' },
    concurrency: { type: 'string' },
    rps: { type: 'string' },
    timeout: { type: 'string' },
    retries: { type: 'string' },
    deadline: { type: 'string' },
    'max-passes': { type: 'string' },
    'max-shrink': { type: 'string' },
    'allow-shrink': { type: 'boolean', default: false },
    'no-changes': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const date = dateOption(v.date, '--date') ?? shanghaiDate(now);
  // A date far off would make the next update invent years of "missing" nights: stop before any request.
  const outOfRange = snapshotDateProblem(date, now);
  if (outOfRange !== undefined) throw new UsageError(`--date must be a day from ${FIRST_SNAPSHOT_DATE} to tomorrow: ${outOfRange}`);
  const dataDir = v['data-dir'] ?? defaultDataDir(env);
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  const token = env['MODELSCOPE_TOKEN']?.trim();
  return {
    origin: originOption('--origin', v.origin ?? env['MODELSCOPE_ORIGIN'] ?? 'https://modelscope.cn'),
    inferenceOrigin: originOption(
      '--inference-origin',
      v['inference-origin'] ?? env['MODELSCOPE_INFERENCE_ORIGIN'] ?? 'https://api-inference.modelscope.cn',
    ),
    dataDir,
    date,
    concurrency: number('--concurrency', v.concurrency, 2, (n) => positiveInteger(n) && n <= 64, 'a whole number from 1 to 64'),
    // A rate near 0 is a wait of centuries between requests, a timeout near 0 a failure of every request.
    rps: number('--rps', v.rps, 2, (n) => n >= 0.01 && n <= 1000, 'a number from 0.01 to 1000'),
    timeoutMs: number('--timeout', v.timeout, 30, (n) => n >= 1 && n <= 600, 'seconds from 1 to 600') * 1000,
    deadlineMs: number('--deadline', v.deadline, 40, (n) => n >= 0.01 && n <= 300, 'minutes from 0.01 to 300') * 60_000,
    retries: number('--retries', v.retries, 5, (n) => Number.isInteger(n) && n >= 0 && n <= 20, 'a whole number from 0 to 20'),
    maxPasses: number('--max-passes', v['max-passes'], 3, (n) => positiveInteger(n) && n <= 20, 'a whole number from 1 to 20'),
    maxShrink: number('--max-shrink', v['max-shrink'], 0.3, (n) => n >= 0 && n <= 1, 'a fraction from 0 to 1'),
    allowShrink: v['allow-shrink'] ?? false,
    updateChanges: !(v['no-changes'] ?? false),
    token: token === '' ? undefined : token,
    help: v.help ?? false,
  };
}
