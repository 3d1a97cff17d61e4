// Pure checks that decide whether a crawl may be published. Each returns a one-line reason or undefined,
// so the crawler can refuse with exactly what looked wrong.
import { formatCount } from '../core/text.ts';

/** What one full pass over the listing saw. */
export interface PassObservation {
  /** TotalCount reported by each page, in page order. */
  totals: number[];
  /** Items returned across all pages, duplicates included. */
  items: number;
  /** Distinct ids among them. */
  uniqueIds: number;
  /** Items without a usable id (they still count against TotalCount). */
  withoutId: number;
}

/** Whether one pass equals one consistent listing; the reason when it does not. */
export function inconsistency(pass: PassObservation): string | undefined {
  const first = pass.totals[0];
  if (first === undefined) return 'no pages were read';
  const moved = pass.totals.find((total) => total !== first);
  if (moved !== undefined) return `TotalCount changed from ${first} to ${moved} while paging`;
  const seen = pass.uniqueIds + pass.withoutId;
  if (seen !== first) {
    const duplicates = pass.items - pass.uniqueIds - pass.withoutId;
    return `${seen} distinct models for TotalCount ${first}${duplicates > 0 ? ` (${duplicates} duplicates)` : ''}`;
  }
  return undefined;
}

/**
 * What a listing read so far says: `complete` (its distinct ids equal TotalCount, which held still),
 * `short` (fewer ids than TotalCount, which held still: the order moved and hid some; re-reading finds
 * them) or `moved` (TotalCount changed, or more distinct ids than it: membership changed; start over).
 */
export function listingVerdict(pass: PassObservation): { verdict: 'complete' | 'short' | 'moved'; problem?: string } {
  const problem = inconsistency(pass);
  if (problem === undefined) return { verdict: 'complete' };
  const first = pass.totals[0];
  const still = first !== undefined && pass.totals.every((total) => total === first);
  const short = still && pass.uniqueIds + pass.withoutId < first;
  return { verdict: short ? 'short' : 'moved', problem };
}

/** What the filter check compares. */
export interface FilterObservation {
  /** TotalCount with the API-Inference filter. */
  filteredTotal: number;
  /** TotalCount of the whole hub, without the filter. */
  unfilteredTotal: number;
  /** Distinct records read so far. */
  recordsRead: number;
  /** How many of them have an empty or missing SupportInference. */
  withoutInference: number;
  /** The first few of their ids, for the message. */
  sample: readonly string[];
}

/**
 * Share of records without SupportInference above which the filter was ignored. The real service lists
 * a few filtered records with it empty (the type is unknown, the record is kept); a hub that ignored the
 * filter has it empty on most (leavers, datasets-only models…).
 */
export const MAX_UNKNOWN_INFERENCE_SHARE = 0.5;

/** Whether the server ignored the API-Inference filter. */
export function filterIgnored(check: FilterObservation): string | undefined {
  if (check.unfilteredTotal > 0 && check.filteredTotal >= check.unfilteredTotal) {
    return `the API-Inference filter was ignored: filtered TotalCount ${check.filteredTotal} is not below the unfiltered ${check.unfilteredTotal}`;
  }
  if (check.recordsRead > 0 && check.withoutInference > check.recordsRead * MAX_UNKNOWN_INFERENCE_SHARE) {
    const sample = check.sample.slice(0, 3).join(', ');
    return `the API-Inference filter was ignored: ${check.withoutInference} of ${check.recordsRead} returned models have no SupportInference (${sample}), more than ${MAX_UNKNOWN_INFERENCE_SHARE * 100}%`;
  }
  return undefined;
}

/**
 * Largest gap between TotalCount and the distinct ids a listing yields that is taken for the service
 * (rows counted but never served, e.g. hidden or private models) once it held still over two full reads:
 * max(10, 0.5% of TotalCount). A larger gap is a list that collapsed: refused.
 */
export function maxShortfall(total: number): number {
  return Math.max(10, Math.floor(total * 0.005));
}

/** Settings of the shrink guard. */
export interface ShrinkPolicy {
  /** Largest tolerated loss as a fraction of the previous count (default 0.3). */
  maxShrink: number;
  /** Publish anyway (the --allow-shrink flag). */
  allowShrink: boolean;
}

/** Whether the list shrank too sharply against the previous snapshot. */
export function sharpShrink(previous: { date: string; count: number } | undefined, count: number, policy: ShrinkPolicy): string | undefined {
  if (policy.allowShrink) return undefined;
  if (previous === undefined) {
    return count === 0 ? 'the list is empty (no previous snapshot to compare with); use --allow-shrink if that is real' : undefined;
  }
  if (previous.count === 0) return undefined;
  const loss = (previous.count - count) / previous.count;
  if (loss > policy.maxShrink) {
    const percent = (loss * 100).toFixed(1);
    return `the list shrank ${percent}% (${previous.count} on ${previous.date} → ${count}), more than ${Math.round(policy.maxShrink * 100)}%; use --allow-shrink if that is real`;
  }
  return undefined;
}

/** Share of unusable records above which the upstream format has probably changed under us. */
export const MAX_REJECTED_SHARE = 0.01;

/** Whether too many records failed normalisation to trust the run. */
export function tooManyRejected(rejected: number, total: number): string | undefined {
  if (rejected === 0 || rejected <= total * MAX_REJECTED_SHARE) return undefined;
  return `${rejected} of ${total} records could not be read (more than ${MAX_REJECTED_SHARE * 100}%): the upstream format may have changed`;
}

/**
 * The largest TotalCount taken for real: 1,000,000 models. The API-Inference list held about 60,000 in
 * 2026 and the whole hub under 200,000; a larger TotalCount is a broken reply, and paging through it
 * would be 10,000+ requests for nothing.
 */
export const MAX_TOTAL = 1_000_000;

/**
 * The largest TotalCount believed tonight: MAX_TOTAL, and with a previous night of `count` models at most
 * ten times that plus 10,000 (a list does not grow tenfold overnight); `why` says which, for the refusal.
 */
export function plausibleTotal(previous: { date: string; count: number } | undefined): { max: number; why: string } {
  const ceiling = { max: MAX_TOTAL, why: `more than ${formatCount(MAX_TOTAL)} models` };
  if (previous === undefined) return ceiling;
  const max = previous.count * 10 + 10_000;
  if (max >= MAX_TOTAL) return ceiling;
  return { max, why: `more than ${formatCount(max)} models, ten times the ${formatCount(previous.count)} on ${previous.date} plus 10,000` };
}

/** Whether a TotalCount is past what is believed (from plausibleTotal); the one-line reason when it is. */
export function implausibleTotal(total: number, plausible: { max: number; why: string }): string | undefined {
  if (Number.isSafeInteger(total) && total <= plausible.max) return undefined;
  return `TotalCount ${total} is not plausible (${plausible.why}): the reply is broken; nothing was paged through`;
}
