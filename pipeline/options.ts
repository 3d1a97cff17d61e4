// Command-line and environment options of a night (`npm run crawl`, `npm run nightly`), declared once
// (core/options.ts): the crawl's --help, its parsing and the README's table of them are all made from
// CRAWL below, and read purely so they can be tested.
import type { Command } from '../core/command.ts';
import { custom, DATA_DIR, decimal, flag, integer, readOptions, type Env, type Options, type Values } from '../core/options.ts';
import { UsageError } from '../core/errors.ts';
import type { CrawlFacts } from '../crawler/crawl.ts';
import { dateFlag, FIRST_SNAPSHOT_DATE, shanghaiDate, snapshotDateProblem } from '../store/dates.ts';

/** An origin option checked (absolute http(s) URL) and without a trailing slash; `name` is the flag or variable. */
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

/** Where ModelScope is, and how long one request may take: the crawl's options that the probe shares. */
export const UPSTREAM_OPTIONS = {
  origin: custom({ value: 'URL', env: 'MODELSCOPE_ORIGIN', default: 'https://modelscope.cn', parse: (given, from) => originOption(from, given), doc: "the catalog's origin, for PUT /api/v1/dolphin/models" }),
  'inference-origin': custom({
    value: 'URL',
    env: 'MODELSCOPE_INFERENCE_ORIGIN',
    default: 'https://api-inference.modelscope.cn',
    parse: (given, from) => originOption(from, given),
    doc: "the OpenAI-compatible gateway's origin, for GET /v1/models",
  }),
  // A timeout near 0 is a failure of every request.
  timeout: decimal({ value: 'S', min: 1, max: 600, what: 'seconds', default: 30, doc: 'seconds per request attempt' }),
} as const;

/** The crawl command: its options, the variables it reads, its exit statuses. */
export const CRAWL = {
  name: 'crawl',
  usage: 'npm run crawl',
  about: `Crawl ModelScope's API-Inference list and write <data-dir>/snapshots/<date>.json, then bring the
events and history up to it. Nothing is written when the crawl fails or is refused.`,
  options: {
    origin: UPSTREAM_OPTIONS.origin,
    'inference-origin': UPSTREAM_OPTIONS['inference-origin'],
    'data-dir': DATA_DIR,
    date: dateFlag({ range: `${FIRST_SNAPSHOT_DATE} up to tomorrow`, shown: "today in Asia/Shanghai, ModelScope's day", doc: 'the snapshot date' }),
    concurrency: integer({ value: 'N', min: 1, max: 64, default: 2, doc: 'requests in flight at once' }),
    // A rate near 0 is a wait of centuries between requests.
    rps: decimal({ value: 'R', min: 0.01, max: 1000, default: 2, doc: 'requests started per second, at most' }),
    timeout: UPSTREAM_OPTIONS.timeout,
    deadline: decimal({
      value: 'M',
      min: 0.01,
      max: 300,
      what: 'minutes',
      default: 40,
      doc: "minutes the whole night may take: past it every request and wait ends and the night fails with that reason, well before the nightly job's 60-minute timeout would cancel it without one",
    }),
    retries: integer({ value: 'N', min: 0, max: 20, default: 5, doc: 'retries per request on 429, 5xx, resets, truncated or non-JSON bodies' }),
    'max-passes': integer({ value: 'N', min: 1, max: 20, default: 3, doc: 'full re-reads when the list changes while it is being read' }),
    'max-shrink': decimal({ value: 'F', min: 0, max: 1, what: 'a fraction', default: 0.3, doc: 'refuse when the list lost more than this fraction since the previous snapshot' }),
    'allow-shrink': flag('publish even if the list shrank sharply (after checking the shrink is real)'),
    'no-changes': flag('write the snapshot only; do not update events and history'),
  },
  environment: {
    MODELSCOPE_TOKEN: 'optional token, sent only to the inference gateway; never logged or stored',
    GITHUB_STEP_SUMMARY: 'set by GitHub Actions: the run report is appended to it',
  },
  exit: '0 published (or unchanged), 1 failed, 2 usage error, 3 refused (the crawl looked wrong)',
} as const satisfies Command<Options>;

/** Everything a night needs, after defaults: the crawl's options (CRAWL) as the night uses them. */
export interface NightOptions {
  /** --origin, no trailing slash. */
  origin: string;
  /** --inference-origin, no trailing slash. */
  inferenceOrigin: string;
  /** --data-dir. */
  dataDir: string;
  /** --date, or today in Asia/Shanghai. */
  date: string;
  /** --concurrency. */
  concurrency: number;
  /** --rps. */
  rps: number;
  /** --timeout, in ms. */
  timeoutMs: number;
  /** --retries. */
  retries: number;
  /** --deadline, in ms. */
  deadlineMs: number;
  /** --max-passes. */
  maxPasses: number;
  /** --max-shrink. */
  maxShrink: number;
  /** --allow-shrink. */
  allowShrink: boolean;
  /** Update events and history after the snapshot: not --no-changes. */
  updateChanges: boolean;
  /** MODELSCOPE_TOKEN, when set and not blank; sent only to the inference gateway. */
  token: string | undefined;
  /** Hears what the crawl listed (rejected records, duplicates, nulled timestamps) for the run report; not an option. */
  onCrawled?: ((facts: CrawlFacts) => void) | undefined;
}

/** The crawl's option values (read from CRAWL) as a night's options; the date is checked against `now`. */
export function nightOptions(v: Values<typeof CRAWL.options>, env: Env = process.env, now = new Date()): NightOptions {
  const date = v.date ?? shanghaiDate(now);
  // A date far off would make the next update invent years of "missing" nights: stop before any request.
  const outOfRange = snapshotDateProblem(date, now);
  if (outOfRange !== undefined) throw new UsageError(`--date must be a day from ${FIRST_SNAPSHOT_DATE} to tomorrow: ${outOfRange}`);
  const token = env['MODELSCOPE_TOKEN']?.trim();
  return {
    origin: v.origin,
    inferenceOrigin: v['inference-origin'],
    dataDir: v['data-dir'],
    date,
    concurrency: v.concurrency,
    rps: v.rps,
    timeoutMs: v.timeout * 1000,
    deadlineMs: v.deadline * 60_000,
    retries: v.retries,
    maxPasses: v['max-passes'],
    maxShrink: v['max-shrink'],
    allowShrink: v['allow-shrink'],
    updateChanges: !v['no-changes'],
    token: token === '' ? undefined : token,
  };
}

/** Parse argv (without node and script) and the environment into a night's options; throws UsageError. */
export function parseCrawlArgs(argv: readonly string[], env: Env = process.env, now = new Date()): NightOptions {
  const values = readOptions(CRAWL.options, argv, env);
  if (values === 'help') throw new UsageError('--help asks for the help text, not a night', 'command line');
  return nightOptions(values, env, now);
}
