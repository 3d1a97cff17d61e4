// `npm run record-night`: after a night that published nothing, record why in data/nights.json, from the
// crawl's own reason line. The nightly workflow runs it when the crawl job fails or is cancelled; the
// crawl itself never writes the file, so a failed run still leaves every file as it was.
import { readFile } from 'node:fs/promises';
import { type Io, processIo } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { choice, DATA_DIR, text, type Options } from '../core/options.ts';
import { UsageError } from '../core/errors.ts';
import { dateFlag, shanghaiDate } from '../store/dates.ts';
import { withDataDirLock } from '../store/lock.ts';
import { NIGHT_OUTCOMES, nightRecord, recordNight, type NightOutcome, type NightRecord } from '../store/nights-file.ts';

/** The record-night command. */
export const RECORD_NIGHT = {
  name: 'record-night',
  usage: 'npm run record-night',
  about: `Records a night without a snapshot, and why, in data/nights.json (the status page shows it). The
crawl's own line in FILE ("crawl 2026-03-04: refused — <reason>", as it prints on stderr) gives the
date, the outcome and the reason; the options fill in what the file does not say.`,
  options: {
    'reason-file': text({ value: 'FILE', shown: 'none; the reason is then "no reason recorded"', doc: "the crawl's stderr" }),
    outcome: choice({
      value: 'KIND',
      values: NIGHT_OUTCOMES,
      shown: "the crawl line's, else failed",
      doc: 'how the night ended; cancelled always wins: the job was stopped whatever the crawl said',
    }),
    date: dateFlag({ shown: "the crawl line's, else today in Asia/Shanghai", doc: 'the night' }),
    'data-dir': DATA_DIR,
  },
  exit: '0 recorded (or already recorded the same), 1 failed, 2 usage error',
} as const satisfies Command<Options>;

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

export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(RECORD_NIGHT, argv, async ({ 'reason-file': file, outcome, date, 'data-dir': dataDir }) => {
    const log = file === undefined ? '' : await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      // A missing log is itself the story (the job died before the crawl wrote anything): record that.
      if (error.code === 'ENOENT') return '';
      throw new UsageError(`cannot read ${file} (${error.code})`, '--reason-file', { cause: error });
    });
    const parsed = nightFromLog(log, { date: date ?? shanghaiDate(), outcome });
    const record = date === undefined ? parsed : { ...parsed, date };
    const changed = await withDataDirLock(dataDir, 'record-night', () => recordNight(dataDir, record));
    io.out(`${record.date}: ${record.outcome} — ${record.reason}${changed ? '' : ' (already recorded)'}\n`);
  }, io);
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
