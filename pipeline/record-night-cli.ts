// `npm run record-night`: after a night that published nothing, record why in data/nights.json, from the
// crawl's own reason line. The nightly workflow runs it when the crawl job fails or is cancelled; the
// crawl itself never writes the file, so a failed run still leaves every file as it was.
import { readFile } from 'node:fs/promises';
import { defaultDataDir, type Io, parseOptions, processIo, runCli } from '../core/cli.ts';
import { UsageError } from '../core/errors.ts';
import { dateOption, shanghaiDate } from '../store/dates.ts';
import { withDataDirLock } from '../store/lock.ts';
import { NIGHT_OUTCOMES, nightRecord, recordNight, type NightOutcome, type NightRecord } from '../store/nights-file.ts';

const HELP = `Usage: npm run record-night -- [--reason-file FILE] [--outcome refused|failed|cancelled] [--date YYYY-MM-DD] [--data-dir DIR]

Records a night without a snapshot, and why, in data/nights.json (the status page shows it). The
crawl's own line in FILE ("crawl 2026-03-04: refused — <reason>", as it prints on stderr) gives the
date, the outcome and the reason; the options fill in what the file does not say.

  --reason-file FILE  the crawl's stderr (default: none; the reason is then "no reason recorded")
  --outcome KIND      refused, failed or cancelled (default: the crawl line's, else failed);
                      cancelled always wins: the job was stopped whatever the crawl said
  --date YYYY-MM-DD   the night (default: the crawl line's, else today in Asia/Shanghai)
  --data-dir DIR      data directory (default: $CATALOG_DATA_DIR or "data")
  --help              show this help

Exit status: 0 recorded (or already recorded the same), 1 failed, 2 usage error.
`;

const CRAWL_LINE = /^crawl (\d{4}-\d{2}-\d{2}): (\w+)(?: — ([\s\S]*))?$/;

/**
 * The night `log` (a crawl's stderr) tells of: its last crawl line that reports a night without a snapshot,
 * else the last non-empty line as the reason (a later step's failure, such as a push, ends the log).
 */
export function nightFromLog(log: string, fallback: { date: string; outcome: NightOutcome | undefined }): NightRecord {
  const lines = log.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const last = lines.at(-1);
  for (const line of [...lines].reverse()) {
    const match = CRAWL_LINE.exec(line);
    const outcome = match?.[2];
    if (match === null || outcome === undefined || !NIGHT_OUTCOMES.includes(outcome as NightOutcome)) continue;
    // The crawl's line names the night; a later line (a step after it) may say more of why it was lost.
    const reason = last !== line && last !== undefined && !CRAWL_LINE.test(last) ? `${match[3] ?? outcome}; then: ${last}` : (match[3] ?? outcome);
    return nightRecord(match[1] as string, fallback.outcome === 'cancelled' ? 'cancelled' : (outcome as NightOutcome), reason);
  }
  return nightRecord(fallback.date, fallback.outcome ?? 'failed', last ?? (fallback.outcome === 'cancelled' ? 'the job was cancelled' : 'no reason recorded'));
}

function outcomeOption(value: string | undefined): NightOutcome | undefined {
  if (value === undefined) return undefined;
  if (!NIGHT_OUTCOMES.includes(value as NightOutcome)) throw new UsageError(`expected one of ${NIGHT_OUTCOMES.join(', ')}, got ${JSON.stringify(value)}`, '--outcome');
  return value as NightOutcome;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCli('record-night', io, async () => {
    const options = parseOptions(argv, {
      'reason-file': { type: 'string' },
      outcome: { type: 'string' },
      date: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    });
    if (options.help) {
      io.out(HELP);
      return;
    }
    const outcome = outcomeOption(options.outcome);
    const date = dateOption(options.date, '--date');
    const dataDir = options['data-dir'] ?? defaultDataDir();
    const file = options['reason-file'];
    const log = file === undefined ? '' : await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      // A missing log is itself the story (the job died before the crawl wrote anything): record that.
      if (error.code === 'ENOENT') return '';
      throw new UsageError(`cannot read ${file} (${error.code})`, '--reason-file', { cause: error });
    });
    const parsed = nightFromLog(log, { date: date ?? shanghaiDate(), outcome });
    const record = date === undefined ? parsed : { ...parsed, date };
    const changed = await withDataDirLock(dataDir, 'record-night', () => recordNight(dataDir, record));
    io.out(`${record.date}: ${record.outcome} — ${record.reason}${changed ? '' : ' (already recorded)'}\n`);
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
