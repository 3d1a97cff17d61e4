// Every timestamp upstream sends — a catalog record's CreatedTime and LastUpdatedTime, the gateway's
// `created` — goes through readTimestamp, so they all accept the same forms and refuse the same absurd
// values. An absurd one becomes null with a reason the run report counts; it never throws (a huge number
// makes `new Date()` invalid and `toISOString()` throw RangeError, so the range is checked first).

/** The earliest instant taken for real: 2000-01-01T00:00:00Z. ModelScope started in 2022. */
export const EARLIEST_TIMESTAMP_MS = Date.UTC(2000, 0, 1);
/** The first instant no longer taken for real: 2100-01-01T00:00:00Z. */
export const LATEST_TIMESTAMP_MS = Date.UTC(2100, 0, 1);
/**
 * Numbers above this are milliseconds, below it seconds. 1e11 seconds is the year 5138 and 1e11 ms is
 * 1973, so either reading of a number near it is out of range anyway: nothing plausible is misread.
 */
export const MILLISECONDS_ABOVE = 1e11;

/** Why a timestamp was set to null. */
export type TimestampProblem = 'not finite' | 'negative' | 'before 2000' | 'from 2100 on' | 'unreadable';

/** A timestamp read: `ms` since the epoch, or null with the problem (none when upstream sent nothing). */
export type TimestampReading = { ms: number; problem?: undefined } | { ms: null; problem: TimestampProblem | undefined };

const ABSENT: TimestampReading = { ms: null, problem: undefined };

function fromNumber(n: number): TimestampReading {
  if (!Number.isFinite(n)) return { ms: null, problem: 'not finite' };
  // 0 is upstream's "not set", as absent as null.
  if (n === 0) return ABSENT;
  if (n < 0) return { ms: null, problem: 'negative' };
  return inRange(n > MILLISECONDS_ABOVE ? n : n * 1000);
}

function inRange(ms: number): TimestampReading {
  if (!Number.isFinite(ms)) return { ms: null, problem: 'not finite' };
  if (ms < EARLIEST_TIMESTAMP_MS) return { ms: null, problem: 'before 2000' };
  if (ms >= LATEST_TIMESTAMP_MS) return { ms: null, problem: 'from 2100 on' };
  return { ms: Math.round(ms) };
}

/**
 * Unix seconds or milliseconds, as a number or numeric text, or ISO 8601 text → ms since the epoch.
 * Absent (`undefined`, `null`, `""`, `0`) → null without a problem; anything else unusable or outside
 * [2000-01-01, 2100-01-01) → null with the problem.
 */
export function readTimestamp(value: unknown): TimestampReading {
  if (value === undefined || value === null) return ABSENT;
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string') return { ms: null, problem: 'unreadable' };
  const text = value.trim();
  if (text === '') return ABSENT;
  if (/^-?\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text));
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? { ms: null, problem: 'unreadable' } : inRange(ms);
  }
  return { ms: null, problem: 'unreadable' };
}

/** How many timestamps were set to null, why, and the first few (`owner/name CreatedTime: from 2100 on`). */
export interface NulledTimestamps {
  count: number;
  /** Count per problem. */
  byProblem: Partial<Record<TimestampProblem, number>>;
  /** The first SAMPLE_SIZE, as `<id> <field>: <problem>`. */
  sample: string[];
}

/** Entries a NulledTimestamps sample keeps. */
export const NULLED_SAMPLE_SIZE = 10;

export const noNulledTimestamps = (): NulledTimestamps => ({ count: 0, byProblem: {}, sample: [] });

/** Count one nulled timestamp into `tally` (mutated: it is the caller's accumulator). */
export function countNulled(tally: NulledTimestamps, where: string, problem: TimestampProblem): void {
  tally.count += 1;
  tally.byProblem[problem] = (tally.byProblem[problem] ?? 0) + 1;
  if (tally.sample.length < NULLED_SAMPLE_SIZE) tally.sample.push(`${where.slice(0, 300)}: ${problem}`);
}
