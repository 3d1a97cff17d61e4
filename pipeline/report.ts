// What a person (or a CI log) sees during and after a crawl. Run metadata lives here, never in the snapshot.
import { appendStepSummary } from '../core/step-summary.ts';
import { processIo, type Io } from '../core/cli.ts';
import { formatCount, logLine, markdownText, oneLine } from '../core/text.ts';
import type { ProbeRow } from '../crawler/probe.ts';
import type { CrawlFacts, CrawlProgress, CutFields, RejectedRecord } from '../crawler/crawl.ts';
import type { Duplicate } from '../crawler/listing.ts';
import type { NulledTimestamps } from '../crawler/timestamps.ts';

/** Where progress goes and how it looks. */
export interface ProgressOptions {
  /** Output stream (default process.stderr). */
  stream?: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean };
  /** Clock, for ETA (default Date.now). */
  now?: () => number;
}

/** Progress display: a redrawn bar on a terminal, plain lines (every 10%) otherwise. */
export class Progress implements CrawlProgress {
  private pages = 0;
  private pagesDone = 0;
  private models = 0;
  private retries = 0;
  private pass = 1;
  private started = 0;
  private lastDecile = -1;
  private readonly stream: NonNullable<ProgressOptions['stream']>;
  private readonly now: () => number;
  private readonly tty: boolean;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? Date.now;
    this.tty = Boolean(this.stream.isTTY);
  }

  passStarted(pass: number, pages: number): void {
    this.pass = pass;
    this.pages = pages;
    this.pagesDone = 0;
    this.models = 0;
    this.lastDecile = -1;
    this.started = this.now();
    if (!this.tty) this.line(`pass ${pass}: ${pages} pages to read`);
  }

  pageRead(models: number): void {
    this.pagesDone += 1;
    this.models += models;
    if (this.tty) {
      this.stream.write(`\r${this.bar()}`);
      if (this.pagesDone === this.pages) this.stream.write('\n');
      return;
    }
    const decile = Math.floor((this.pagesDone / Math.max(1, this.pages)) * 10);
    if (decile !== this.lastDecile) {
      this.lastDecile = decile;
      this.line(`pass ${this.pass}: ${this.pagesDone}/${this.pages} pages, ${this.models} models, ${this.retries} retries`);
    }
  }

  retried(description: string): void {
    this.retries += 1;
    if (!this.tty) this.line(`retry: ${description}`);
  }

  note(message: string): void {
    if (this.tty) this.stream.write('\n');
    this.line(message);
  }

  /** The bar as text: pages, models, retries and ETA. */
  bar(width = 24): string {
    const fraction = this.pages === 0 ? 0 : this.pagesDone / this.pages;
    const filled = Math.round(fraction * width);
    const elapsed = this.now() - this.started;
    const eta = this.pagesDone === 0 ? '?' : `${Math.ceil(((elapsed / this.pagesDone) * (this.pages - this.pagesDone)) / 1000)}s`;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.pagesDone}/${this.pages} pages · ${this.models} models · ${this.retries} retries · ETA ${eta}`;
  }

  /** Every line goes out through logLine: notes and retries quote upstream text. */
  private line(text: string): void {
    this.stream.write(`${logLine(text)}\n`);
  }
}

/** The facts of one run, for the closing summary. */
export interface RunSummary {
  date: string;
  outcome: 'published' | 'unchanged' | 'refused' | 'failed';
  /** One-line reason for refused/failed runs. */
  reason?: string;
  models?: number;
  previous?: { date: string; count: number } | undefined;
  passes?: number;
  /** Pages re-read to recover ids a moving order hid. */
  pagesReread?: number;
  /** Ids found only by those re-reads or a later pass. */
  recovered?: number;
  requests: number;
  retries: number;
  bytes: number;
  durationMs: number;
  rejected?: number;
  /** Models the OpenAI-compatible gateway serves. */
  openaiApiModels?: number;
  /** TotalCount minus the distinct ids, published because it held still over two full reads. */
  shortfall?: number;
  /** Listed models with an empty SupportInference (kept, type unknown), and a few of their ids. */
  unknownInference?: { count: number; sample: string[] };
  /** The night's events by kind (catalog list, then the gateway's: `gateway` ids served, `null` without its own list), and the nights missed before it. */
  changes?:
    | { entered: number; left: number; returned: number; renamed: number; gateway: number | null; served: number; unserved: number; servedAgain: number; missing: string[] }
    | undefined;
  /** Every record left out, with its page (listed up to REPORT_LIST_LIMIT); refused nights have them too. */
  rejectedRecords?: RejectedRecord[] | undefined;
  /** Ids listed more than once in one pass (the copy on the lowest page was kept). */
  duplicates?: Duplicate[] | undefined;
  /** Upstream timestamps set to null because they were absurd. */
  nulledTimestamps?: NulledTimestamps | undefined;
  /** Kept records with a text or list cut to its limit. */
  cut?: CutFields | undefined;
}

/** Rejected records and duplicate ids listed by name in a report; the rest are counted (`… and 12 more`). */
export const REPORT_LIST_LIMIT = 50;

/** The summary with what the crawl listed (crawl's `onCrawled`) added; `facts` undefined (no listing read) → as it was. */
export function withCrawlFacts(summary: RunSummary, facts: CrawlFacts | undefined): RunSummary {
  if (facts === undefined) return summary;
  return {
    ...summary,
    rejected: summary.rejected ?? facts.rejected.length,
    rejectedRecords: facts.rejected,
    duplicates: facts.duplicates,
    nulledTimestamps: facts.nulledTimestamps,
    cut: facts.cut,
  };
}

/** `2 records had a field cut to its limit (tags 2, chineseName 1): a/b, c/d`; undefined when none. */
export function cutText(cut: CutFields | undefined): string | undefined {
  if (!cut || cut.records === 0) return undefined;
  const fields = Object.entries(cut.byField).map(([field, n]) => `${field} ${formatCount(n)}`).join(', ');
  const tail = cut.records > cut.sample.length ? ', …' : '';
  return `${formatCount(cut.records)} ${cut.records === 1 ? 'record had' : 'records had'} a field cut to its limit (${fields}): ${cut.sample.map((id) => oneLine(id, 200)).join(', ')}${tail}`;
}

/** `owner/name (page 3): reason`, one bounded line. */
export function rejectedText(record: RejectedRecord): string {
  const page = record.page === undefined ? '' : ` (page ${record.page})`;
  return `${oneLine(record.id, 200)}${page}: ${oneLine(record.reason, 300)}`;
}

const more = (total: number, shown: number): string[] => (total > shown ? [`… and ${formatCount(total - shown)} more`] : []);

/** The rejected records as bounded lines: the first REPORT_LIST_LIMIT, then `… and N more`. */
export function rejectedLines(records: readonly RejectedRecord[]): string[] {
  const shown = records.slice(0, REPORT_LIST_LIMIT);
  return [...shown.map(rejectedText), ...more(records.length, shown.length)];
}

/** `3 ids listed twice in one pass …: a/b (pages 2, 5), …`, bounded; undefined when there were none. */
export function duplicatesText(duplicates: readonly Duplicate[] | undefined): string | undefined {
  if (!duplicates || duplicates.length === 0) return undefined;
  const shown = duplicates.slice(0, REPORT_LIST_LIMIT).map((d) => `${oneLine(d.id, 200)} (pages ${d.pages.slice(0, 5).join(', ')}${d.pages.length > 5 ? ', …' : ''})`);
  const tail = more(duplicates.length, shown.length).map((t) => `, ${t}`).join('');
  const n = duplicates.length;
  return `${formatCount(n)} ${n === 1 ? 'id' : 'ids'} listed more than once in one pass, the copy on the lowest page kept: ${shown.join(', ')}${tail}`;
}

/** `2 unusable timestamps set to null (1 from 2100 on, 1 not finite): a/b CreatedTime: …`; undefined when none. */
export function nulledText(nulled: NulledTimestamps | undefined): string | undefined {
  if (!nulled || nulled.count === 0) return undefined;
  const why = Object.entries(nulled.byProblem).map(([problem, n]) => `${formatCount(n ?? 0)} ${problem}`).join(', ');
  const sample = nulled.sample.map((entry) => oneLine(entry, 200));
  const tail = nulled.count > sample.length ? ', …' : '';
  return `${formatCount(nulled.count)} unusable ${nulled.count === 1 ? 'timestamp' : 'timestamps'} set to null (${why}): ${sample.join(', ')}${tail}`;
}

/** Plain-text summary lines for stdout, each safe to print (a refusal's reason may quote upstream text). */
export function summaryLines(summary: RunSummary): string[] {
  return summaryText(summary).map(logLine);
}

function summaryText(summary: RunSummary): string[] {
  const lines = [`crawl ${summary.date}: ${summary.outcome}${summary.reason ? ` — ${summary.reason}` : ''}`];
  if (summary.models !== undefined) {
    const before = summary.previous ? ` (${summary.previous.count} on ${summary.previous.date})` : '';
    lines.push(`  models: ${summary.models}${before}; OpenAI-compatible API: ${summary.openaiApiModels ?? 0}; unusable records: ${summary.rejected ?? 0}`);
  }
  if (summary.passes !== undefined) lines.push(`  listing: ${listingText(summary)}`);
  if (summary.rejectedRecords && summary.rejectedRecords.length > 0) {
    lines.push(`  unusable records (${formatCount(summary.rejectedRecords.length)}, left out):`, ...rejectedLines(summary.rejectedRecords).map((line) => `    ${line}`));
  }
  const duplicates = duplicatesText(summary.duplicates);
  if (duplicates) lines.push(`  duplicates: ${duplicates}`);
  const nulled = nulledText(summary.nulledTimestamps);
  if (nulled) lines.push(`  timestamps: ${nulled}`);
  const cut = cutText(summary.cut);
  if (cut) lines.push(`  cut: ${cut}`);
  const notes = serviceNotes(summary);
  if (notes.length > 0) lines.push(`  service: ${notes.join('; ')}`);
  if (summary.changes) {
    const gap = summary.changes.missing.length > 0 ? `; no data for ${summary.changes.missing.join(', ')}` : '';
    lines.push(`  changes: ${changesText(summary.changes)}${gap}`);
  }
  lines.push(
    `  requests: ${summary.requests} (${summary.retries} retries, ${(summary.bytes / 1e6).toFixed(1)} MB), passes: ${summary.passes ?? 0}, time: ${(summary.durationMs / 1000).toFixed(1)} s`,
  );
  return lines;
}

/** `3 entered, 1 left, 2 returned, 1 renamed; gateway: 56 ids, 1 served, 0 no longer served, 0 served again`. */
export function changesText(changes: NonNullable<RunSummary['changes']>): string {
  const catalog = `${changes.entered} entered, ${changes.left} left, ${changes.returned} returned, ${changes.renamed} renamed`;
  if (changes.gateway === null) return `${catalog}; gateway: no list of its own kept`;
  return `${catalog}; gateway: ${changes.gateway} ids, ${changes.served} served, ${changes.unserved} no longer served, ${changes.servedAgain} served again`;
}

/** What the service did that we publish anyway: a stable shortfall, models of unknown type. */
export function serviceNotes(summary: Pick<RunSummary, 'shortfall' | 'unknownInference'>): string[] {
  const notes: string[] = [];
  if (summary.shortfall) notes.push(`shortfall ${summary.shortfall} (TotalCount stayed above the distinct models over two full reads)`);
  if (summary.unknownInference && summary.unknownInference.count > 0) {
    const { count, sample } = summary.unknownInference;
    notes.push(`${count} ${count === 1 ? 'model' : 'models'} without SupportInference (${sample.slice(0, 3).join(', ')}${count > 3 ? ', …' : ''})`);
  }
  return notes;
}

/** How the listing was made consistent, for people: `1 pass`, `1 pass + 3 pages re-read, 12 ids recovered`. */
export function listingText(summary: Pick<RunSummary, 'passes' | 'pagesReread' | 'recovered'>): string {
  const passes = `${summary.passes ?? 0} ${summary.passes === 1 ? 'pass' : 'passes'}`;
  const reread = summary.pagesReread ? ` + ${summary.pagesReread} ${summary.pagesReread === 1 ? 'page' : 'pages'} re-read` : '';
  const recovered = summary.recovered ? `, ${summary.recovered} ${summary.recovered === 1 ? 'id' : 'ids'} recovered (the order moved while it was read)` : ', consistent';
  return `${passes}${reread}${recovered}`;
}

/** Markdown for `$GITHUB_STEP_SUMMARY`. */
export function summaryMarkdown(summary: RunSummary): string {
  const row = (name: string, value: string | number): string => `| ${name} | ${markdownText(String(value))} |`;
  const rows = [
    row('outcome', summary.outcome),
    ...(summary.reason ? [row('reason', summary.reason)] : []),
    ...(summary.models !== undefined ? [row('models', summary.models)] : []),
    ...(summary.previous ? [row('previous', `${summary.previous.count} on ${summary.previous.date}`)] : []),
    ...(summary.passes !== undefined ? [row('listing', listingText(summary))] : []),
    ...serviceNotes(summary).map((note) => row('service', note)),
    ...(summary.changes
      ? [row('changes', changesText(summary.changes))]
      : []),
    ...(summary.rejectedRecords ? [row('unusable records', summary.rejectedRecords.length)] : []),
    ...(duplicatesText(summary.duplicates) !== undefined ? [row('duplicates', duplicatesText(summary.duplicates) ?? '')] : []),
    ...(nulledText(summary.nulledTimestamps) !== undefined ? [row('timestamps', nulledText(summary.nulledTimestamps) ?? '')] : []),
    ...(cutText(summary.cut) !== undefined ? [row('cut', cutText(summary.cut) ?? '')] : []),
    row('requests', `${summary.requests} (${summary.retries} retries)`),
    row('time', `${(summary.durationMs / 1000).toFixed(1)} s`),
  ];
  const rejected = summary.rejectedRecords ?? [];
  const rejectedTable =
    rejected.length === 0
      ? []
      : [
          '',
          `#### Unusable records (${formatCount(rejected.length)}, left out)`,
          '',
          '| id | page | reason |',
          '|---|---|---|',
          ...rejected.slice(0, REPORT_LIST_LIMIT).map((r) => `| ${markdownText(oneLine(r.id, 200))} | ${r.page ?? ''} | ${markdownText(oneLine(r.reason, 300))} |`),
          ...more(rejected.length, Math.min(rejected.length, REPORT_LIST_LIMIT)).map((t) => `\n${markdownText(t)}`),
        ];
  return [`### Crawl ${summary.date}`, '', '| | |', '|---|---|', ...rows, ...rejectedTable, ''].join('\n');
}

/** Append the summary to the GitHub Actions step summary when running there. */
export async function writeStepSummary(summary: RunSummary, path = process.env['GITHUB_STEP_SUMMARY']): Promise<void> {
  await appendStepSummary(path, `${summaryMarkdown(summary)}\n`);
}

/**
 * How a command ends a night: the summary on stdout (its first line, the outcome and reason, on stderr
 * when the night failed or was refused, so it stands out in a log), then the job summary when there is one.
 */
export async function reportNight(
  summary: RunSummary,
  ok: boolean,
  io: Io = processIo,
  stepSummaryPath = process.env['GITHUB_STEP_SUMMARY'],
): Promise<void> {
  const [first, ...rest] = summaryLines(summary);
  if (ok) io.out(`${[first, ...rest].join('\n')}\n`);
  else {
    io.err(`${first}\n`);
    io.out(`${rest.join('\n')}\n`);
  }
  await writeStepSummary(summary, stepSummaryPath);
}

const verdict = (row: ProbeRow): string => (row.held === undefined ? 'info' : row.held ? 'yes' : 'NO');

/** The rows as plain lines for a terminal or log. */
export function probeLines(rows: readonly ProbeRow[]): string[] {
  const width = Math.max(...rows.map((row) => row.assumption.length));
  return rows.map((row) => logLine(`${verdict(row).padEnd(4)}  ${row.assumption.padEnd(width)}  ${row.seen}`));
}

/** The rows as a Markdown table for the job summary. */
export function probeMarkdown(rows: readonly ProbeRow[]): string {
  const lines = rows.map((row) => `| ${markdownText(row.assumption)} | ${verdict(row)} | ${markdownText(row.seen)} |`);
  return ['### ModelScope probe', '', '| assumption | held | seen |', '|---|---|---|', ...lines, ''].join('\n');
}
