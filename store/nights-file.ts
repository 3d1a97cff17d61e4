// `data/nights.json`: the nights that have no snapshot, and why (refused, failed, cancelled), so the
// record says what happened on a gap instead of leaving it blank. A good night's record is its snapshot;
// only the others are written here. The crawl never writes this file (a failed or refused run leaves every
// file as it was): `npm run record-night` does, after the night, from the crawl's own reason line.
import { join } from 'node:path';
import { z } from 'zod';
import { oneLine } from '../core/text.ts';
import { readIfExists, writeIfChanged } from './atomic.ts';
import { jsonWithItemLines } from './json-lines.ts';
import { parseJsonAs } from './read-json.ts';
import { IsoDate } from './record.ts';

/** Longest reason kept, in characters: one line a person reads on the status page. */
export const MAX_REASON_LENGTH = 300;

/** What happened on a night without a snapshot. */
export const NIGHT_OUTCOMES = ['refused', 'failed', 'cancelled'] as const;
export type NightOutcome = (typeof NIGHT_OUTCOMES)[number];

const NightRecordSchema = z.strictObject({
  /** The night's date (Asia/Shanghai), `YYYY-MM-DD`. */
  date: IsoDate,
  /** refused = the crawl judged the listing wrong; failed = it could not finish; cancelled = the job was stopped. */
  outcome: z.enum(NIGHT_OUTCOMES),
  /** The crawl's one-line reason, at most MAX_REASON_LENGTH characters. */
  reason: z.string().max(MAX_REASON_LENGTH),
});
export type NightRecord = z.infer<typeof NightRecordSchema>;

const NightsFileSchema = z.strictObject({ nights: z.array(NightRecordSchema) });

/** The file's path in `dataDir`. */
export function nightsPath(dataDir: string): string {
  return join(dataDir, 'nights.json');
}

/** A record with its reason made one bounded line (control characters, line breaks and all). */
export function nightRecord(date: string, outcome: NightOutcome, reason: string): NightRecord {
  return { date, outcome, reason: oneLine(reason, MAX_REASON_LENGTH) };
}

/** Every recorded night, ascending by date; `[]` when there is no file yet. */
export async function readNights(dataDir: string): Promise<NightRecord[]> {
  const path = nightsPath(dataDir);
  const text = await readIfExists(path);
  if (text === undefined) return [];
  return parseJsonAs(NightsFileSchema, text, path, 'the nights file schema').nights;
}

/** The file's text: one night per line, sorted by date. */
export function serialiseNights(nights: readonly NightRecord[]): string {
  const sorted = [...nights].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map(({ date, outcome, reason }) => ({ date, outcome, reason }));
  return jsonWithItemLines({ nights: sorted }, { lineArrays: ['nights'], commaFirst: true });
}

/**
 * Record `record`, replacing an earlier record of the same date (a re-run that failed again says its
 * newest reason). Returns whether the file changed; an identical record leaves it byte-identical.
 */
export async function recordNight(dataDir: string, record: NightRecord): Promise<boolean> {
  const nights = (await readNights(dataDir)).filter((night) => night.date !== record.date);
  return writeIfChanged(nightsPath(dataDir), serialiseNights([...nights, record]));
}
