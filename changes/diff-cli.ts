// `npm run diff -- --from DATE --to DATE`: what changed on the list between two snapshots.
import { type Io, processIo } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { DATA_DIR, flag, integer, type Options } from '../core/options.ts';
import { UsageError } from '../core/errors.ts';
import { historyDir, readEventLog, readTracks } from '../store/change-files.ts';
import { gatewayOf } from '../store/record.ts';
import { dateFlag, datesBetween, dayNumber, nearestDates } from '../store/dates.ts';
import { DataFileError, MissingDataError, SnapshotNotFoundError } from '../store/errors.ts';
import { listSnapshotDates, loadSnapshot } from '../store/snapshots.ts';
import { buildDiff, formatDiff } from './diff.ts';

/** The diff command. */
export const DIFF = {
  name: 'diff',
  usage: 'npm run diff',
  about: `Compare two snapshots: models that entered (first time ever), returned (back after leaving),
left or were renamed; ids the gateway started, resumed or stopped serving; and the biggest movers
by downloads and likes gained. Uses history/ and events/ to tell entered from returned.`,
  options: {
    from: dateFlag({ shown: 'the snapshot before --to', doc: 'earlier snapshot date' }),
    to: dateFlag({ shown: 'the newest snapshot', doc: 'later snapshot date' }),
    top: integer({ value: 'N', min: 0, max: 100_000, default: 10, doc: 'movers to list per metric' }),
    json: flag('print the comparison as JSON'),
    'data-dir': DATA_DIR,
  },
  exit: '0 done, 1 failed (missing or unusable data), 2 usage error',
} as const satisfies Command<Options>;

export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommand(DIFF, argv, async (options) => {
    const { 'data-dir': dataDir, top } = options;
    const dates = await listSnapshotDates(dataDir);
    if (dates.length === 0) throw new MissingDataError('no snapshots to compare', dataDir);
    const known = (date: string): string => {
      if (!dates.includes(date)) throw new SnapshotNotFoundError(date, nearestDates(dates, date), dataDir);
      return date;
    };
    const to = known(options.to ?? (dates.at(-1) as string));
    const from = options.from === undefined ? dates.filter((d) => d < to).at(-1) : known(options.from);
    if (from === undefined) throw new MissingDataError(`no snapshot before ${to} to compare with`, dataDir);
    if (from >= to) throw new UsageError(`--from (${from}) must be before --to (${to})`, 'arguments');
    const [before, after] = await Promise.all([loadSnapshot(dataDir, from, dates), loadSnapshot(dataDir, to, dates)]);
    const fromGateway = gatewayOf(before).map((entry) => entry.id);
    const toGateway = gatewayOf(after).map((entry) => entry.id);
    const newOn = (earlier: readonly string[], later: readonly string[]): boolean => {
      const known = new Set(earlier);
      return later.some((id) => !known.has(id));
    };
    const arrivals = newOn(before.models.map((m) => m.id), after.models.map((m) => m.id)) || newOn(fromGateway, toGateway);
    const seen = from === dates[0] || !arrivals ? NOTHING_SEEN : await firstSeenCheck(dataDir, from);
    const present = new Set(dates);
    const missing = datesBetween(from, to).filter((d) => !present.has(d));
    const gateway =
      before.gateway !== undefined && after.gateway !== undefined ? { previous: fromGateway, current: toGateway, servedBefore: seen.servedBefore } : undefined;
    const report = buildDiff({ from: before, to: after, missing, seenBefore: seen.listedBefore, ...(gateway === undefined ? {} : { gateway }), top });
    io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDiff(report));
  }, io);
}

/** Whether an id was on each list at or before `from`. */
interface SeenChecks {
  listedBefore: (id: string) => boolean;
  servedBefore: (id: string) => boolean;
}

/** Before the first snapshot nothing was seen, so no history is needed to call every arrival new. */
const NOTHING_SEEN: SeenChecks = { listedBefore: () => false, servedBefore: () => false };

/**
 * Seen-before checks from history/ (read only when some id is on a list on `to` but not on `from`). A
 * renamed model's history lives under its new id, so an id renamed to after `from` was not listed under it.
 */
async function firstSeenCheck(dataDir: string, from: string): Promise<SeenChecks> {
  const { tracks, through } = await readTracks(dataDir);
  const reach = through[0];
  if (reach === undefined) throw new MissingDataError('no history yet to tell entered from returned; run: npm run rebuild', historyDir(dataDir));
  if (through.length > 1) {
    throw new DataFileError(`history shards disagree on their date (${through.join(', ')}); run: npm run rebuild`, historyDir(dataDir));
  }
  if (reach < from) {
    throw new MissingDataError(`history reaches only ${reach}, before ${from}; run: npm run rebuild`, historyDir(dataDir));
  }
  const fromDay = dayNumber(from);
  const log = await readEventLog(dataDir);
  const renamedLater = new Set(log.events.filter((e) => e.kind === 'renamed' && e.date > from).map((e) => e.id));
  const since = (bounds: readonly number[] | undefined): boolean => (bounds?.[0] ?? Number.POSITIVE_INFINITY) <= fromDay;
  return {
    listedBefore: (id) => !renamedLater.has(id) && since(tracks.get(id)?.presence),
    servedBefore: (id) => since(tracks.get(id)?.gateway),
  };
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
