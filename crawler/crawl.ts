// One crawl: read a consistent listing, check it, normalise it, and return it as the day's snapshot.
// It knows nothing of files: the caller (pipeline/night.ts) says what the previous snapshot held and
// writes the result. A crawl that looks wrong throws a RefusalError instead of returning.
import { RefusalError } from '../core/errors.ts';
import { compareIds } from '../store/order.ts';
import { IsoDate, SnapshotSource, type ModelRecord, type Snapshot } from '../store/record.ts';
import { plausibleTotal, sharpShrink, tooManyRejected } from './guards.ts';
import type { HttpClient } from './http/client.ts';
import { readListing, type CrawlProgress, type Duplicate, type ListedRecord } from './listing.ts';
import { fetchCatalogPage, fetchGatewayModels } from './modelscope.ts';
import { isRejected, type Rejected } from './normalise.ts';
import { countNulled, noNulledTimestamps, NULLED_SAMPLE_SIZE, type NulledTimestamps } from './timestamps.ts';

export type { CrawlProgress } from './listing.ts';

/** What to crawl and how strictly to judge it. */
export interface CrawlOptions {
  /** Catalog origin, no trailing slash (default https://modelscope.cn). */
  origin: string;
  /** Inference gateway origin, no trailing slash (default https://api-inference.modelscope.cn). */
  inferenceOrigin: string;
  /** Snapshot date, `YYYY-MM-DD` (default today in Asia/Shanghai). */
  date: string;
  /** Optional ModelScope token, sent only to the inference gateway. */
  token?: string | undefined;
  /** Publish even if the list shrank sharply (default false). */
  allowShrink: boolean;
  /** Largest tolerated shrink against the previous snapshot, as a fraction (default 0.3). */
  maxShrink: number;
  /** Full passes to try before giving up on a list that keeps changing (default 3). */
  maxPasses: number;
  /** Pages re-read at once when a moving order hid ids (default 2; the pipeline passes its concurrency). */
  wave?: number;
  /** The newest earlier snapshot's date and size, for the shrink guard; undefined when there is none. */
  previous: { date: string; count: number } | undefined;
  /**
   * Hears what the run report lists once the listing is read, before the guards judge it, so a refused
   * night's report lists its rejected records too.
   */
  onCrawled?: ((facts: CrawlFacts) => void) | undefined;
}

/** A record left out, and the catalog page it was on (undefined for one the listing never placed). */
export interface RejectedRecord extends Rejected {
  page?: number | undefined;
}

/** What a person checking the night needs listed: every record left out, duplicates, nulled timestamps. */
export interface CrawlFacts {
  /** Records dropped as unusable, by page then id. */
  rejected: RejectedRecord[];
  /** Ids listed more than once in one pass (the copy on the lowest page was kept), sorted by id. */
  duplicates: Duplicate[];
  /** Upstream timestamps (catalog and gateway) that were absurd and set to null. */
  nulledTimestamps: NulledTimestamps;
  /** Kept records with a text or list cut to its limit (data/README.md, Limits). */
  cut: CutFields;
}

/** Kept records with a field cut to its limit: how many, how many per field, the first few ids. */
export interface CutFields {
  records: number;
  byField: Record<string, number>;
  sample: string[];
}

/** What a successful crawl produced. */
export interface CrawlResult {
  /** The day's list, validated and sorted by id. */
  snapshot: Snapshot;
  /** Full passes needed for a consistent listing. */
  passes: number;
  /** Pages re-read to recover ids a moving order hid. */
  pagesReread: number;
  /** Ids found only by those re-reads or a later pass. */
  recovered: number;
  /** Records dropped as unusable (also reported), with their page. */
  rejected: RejectedRecord[];
  /** Ids listed more than once in one pass. */
  duplicates: Duplicate[];
  /** Upstream timestamps set to null. */
  nulledTimestamps: NulledTimestamps;
  /** Kept records with a field cut to its limit. */
  cut: CutFields;
  /** TotalCount minus the distinct ids, when stable over two full reads (also in `snapshot.source`). */
  shortfall: number;
  /** Listed models with an empty SupportInference (kept, `inferenceType: ""`): how many, and a few ids. */
  unknownInference: { count: number; sample: string[] };
}

/** Crawl once and, if everything checks out, return the day's snapshot; refusals throw RefusalError. */
export async function crawl(client: HttpClient, options: CrawlOptions, progress: CrawlProgress = {}): Promise<CrawlResult> {
  const gatewayNulled = noNulledTimestamps();
  // Independent reads first, in parallel: the hub size for the filter check and the gateway's list for the join.
  const [hub, gateway] = await Promise.all([
    fetchCatalogPage(client, { origin: options.origin, page: 1, pageSize: 1, filtered: false }),
    fetchGatewayModels(client, options.inferenceOrigin, options.token, (id, problem) => countNulled(gatewayNulled, `gateway ${id} created`, problem)),
  ]);

  const listing = await readListing(
    client,
    { origin: options.origin, maxPasses: options.maxPasses, wave: options.wave ?? 2, hubTotal: hub.totalCount, gateway, maxTotal: plausibleTotal(options.previous) },
    progress,
  );

  const models: ModelRecord[] = [];
  const rejected: RejectedRecord[] = [];
  // Catalog records first, in listing order, then the gateway's: the sample and its order do not depend on
  // which page answered first.
  const nulledTimestamps = noNulledTimestamps();
  const cut: CutFields = { records: 0, byField: {}, sample: [] };
  for (const [id, { result, page, nulled, cut: fields }] of byListingOrder(listing.records)) {
    if (isRejected(result)) rejected.push({ ...result, page });
    else {
      models.push(result);
      if (fields !== undefined) {
        cut.records += 1;
        for (const field of fields) cut.byField[field] = (cut.byField[field] ?? 0) + 1;
        if (cut.sample.length < NULLED_SAMPLE_SIZE) cut.sample.push(id);
      }
      for (const { field, problem } of nulled ?? []) countNulled(nulledTimestamps, `${id} ${field}`, problem);
    }
  }
  mergeNulled(nulledTimestamps, gatewayNulled);
  for (const [index, { page, position }] of listing.anonymous.entries()) rejected.push({ id: `#${index + 1}`, reason: `no Path/Name (item ${position})`, page });
  rejected.sort((a, b) => (a.page ?? Infinity) - (b.page ?? Infinity));
  const total = listing.total;
  options.onCrawled?.({ rejected, duplicates: listing.duplicates, nulledTimestamps, cut });
  const unreadable = tooManyRejected(rejected.length, total);
  if (unreadable) {
    const first = rejected.slice(0, 3).map((r) => `${r.id.slice(0, 100)}${r.page === undefined ? '' : ` (page ${r.page})`}: ${r.reason.slice(0, 100)}`);
    throw new RefusalError('unreadable', `${unreadable}; first: ${first.join('; ')}`);
  }

  const shrink = sharpShrink(options.previous, models.length, { maxShrink: options.maxShrink, allowShrink: options.allowShrink });
  if (shrink) throw new RefusalError('shrink', shrink);

  models.sort((a, b) => compareIds(a.id, b.id));
  const unknown = models.filter((model) => model.inferenceType === '');
  // Records were checked against the strict schema one by one in normaliseModel; parsing the whole
  // snapshot again would copy 60k objects for nothing.
  const snapshot: Snapshot = {
    date: IsoDate.parse(options.date),
    source: SnapshotSource.parse({
      origin: options.origin,
      inferenceOrigin: options.inferenceOrigin,
      totalCount: total,
      unfilteredTotalCount: hub.totalCount,
      openaiApiModelCount: gateway.size,
      shortfall: listing.shortfall,
      unknownInference: unknown.length,
    }),
    models,
    // Every id the gateway served, catalog or not: gateway-only ids are API-Inference too.
    gateway: [...gateway].map(([id, since]) => ({ id, since })).sort((a, b) => compareIds(a.id, b.id)),
  };
  return {
    snapshot,
    passes: listing.passes,
    pagesReread: listing.pagesReread,
    recovered: listing.recovered,
    rejected,
    duplicates: listing.duplicates,
    nulledTimestamps,
    cut,
    shortfall: listing.shortfall,
    unknownInference: { count: unknown.length, sample: unknown.slice(0, 5).map((model) => model.id) },
  };
}

/**
 * The listing's records by page, then id: page by page, each page's ~100 ids sorted, instead of one sorted copy
 * of all 60,000 entries held beside the records while the snapshot is made.
 */
function* byListingOrder(records: ReadonlyMap<string, ListedRecord>): Generator<[string, ListedRecord]> {
  const pages = new Map<number, string[]>();
  for (const [id, { page }] of records) {
    const ids = pages.get(page);
    if (ids === undefined) pages.set(page, [id]);
    else ids.push(id);
  }
  for (const page of [...pages.keys()].sort((a, b) => a - b)) {
    for (const id of pages.get(page)!.sort(compareIds)) yield [id, records.get(id)!];
  }
}

/** Add `more`'s counts to `into` (mutated), the sample kept to its size. */
function mergeNulled(into: NulledTimestamps, more: NulledTimestamps): void {
  for (const [problem, n] of Object.entries(more.byProblem) as [keyof NulledTimestamps['byProblem'], number][]) {
    into.byProblem[problem] = (into.byProblem[problem] ?? 0) + n;
  }
  into.count += more.count;
  into.sample.push(...more.sample.slice(0, Math.max(0, NULLED_SAMPLE_SIZE - into.sample.length)));
}
