// One crawl: read a consistent listing, check it, normalise it, and return it as the day's snapshot.
// It knows nothing of files: the caller (pipeline/night.ts) says what the previous snapshot held and
// writes the result. A crawl that looks wrong throws a RefusalError instead of returning.
import { RefusalError } from '../core/errors.ts';
import { compareIds } from '../store/order.ts';
import { IsoDate, SnapshotSource, type ModelRecord, type Snapshot } from '../store/record.ts';
import { filterIgnored, inconsistency, sharpShrink, tooManyRejected, type PassObservation } from './guards.ts';
import type { HttpClient } from './http/client.ts';
import { fetchCatalogPage, fetchChatIds, PAGE_SIZE, type CatalogPage } from './modelscope.ts';
import { isRejected, normaliseModel, upstreamId, type Rejected } from './normalise.ts';

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
  /** The newest earlier snapshot's date and size, for the shrink guard; undefined when there is none. */
  previous: { date: string; count: number } | undefined;
}

/** Hooks for progress display; all optional. */
export interface CrawlProgress {
  passStarted?(pass: number, pages: number): void;
  pageRead?(models: number): void;
  note?(message: string): void;
}

/** What a successful crawl produced. */
export interface CrawlResult {
  /** The day's list, validated and sorted by id. */
  snapshot: Snapshot;
  /** Passes needed for a consistent listing. */
  passes: number;
  /** Records dropped as unusable (also reported). */
  rejected: Rejected[];
  /** Ids the chat API serves that are not on the catalog list. */
  chatOnly: string[];
}

interface Listing {
  /** Each distinct id's record, or why it was unusable; raw upstream items are dropped page by page. */
  records: Map<string, ModelRecord | Rejected>;
  /** Ids of items that came without a SupportInference value (the filter check). */
  withoutInference: string[];
  observation: PassObservation;
}

// Raw items are ~100 keys each; normalising a page as soon as it arrives keeps a 60k-model crawl's memory
// to the records we keep rather than every upstream object at once.
function absorb(listing: Listing, page: CatalogPage, chatIds: ReadonlySet<string>): void {
  listing.observation.totals.push(page.totalCount);
  for (const item of page.items) {
    listing.observation.items += 1;
    const id = upstreamId(item);
    if (id === undefined) {
      listing.observation.withoutId += 1;
      continue;
    }
    if (listing.records.has(id)) continue;
    const inference = (item as { SupportInference?: unknown }).SupportInference;
    if (typeof inference !== 'string' || inference.trim() === '') listing.withoutInference.push(id);
    listing.records.set(id, normaliseModel(item, chatIds));
  }
  listing.observation.uniqueIds = listing.records.size;
}

function refuseIgnoredFilter(listing: Listing, hubTotal: number): void {
  const ignored = filterIgnored({ filteredTotal: listing.observation.totals[0] ?? 0, unfilteredTotal: hubTotal, withoutInference: listing.withoutInference });
  if (ignored) throw new RefusalError('filter-ignored', ignored);
}

async function readListing(client: HttpClient, origin: string, chatIds: ReadonlySet<string>, hubTotal: number, pass: number, progress: CrawlProgress): Promise<Listing> {
  const listing: Listing = { records: new Map(), withoutInference: [], observation: { totals: [], items: 0, uniqueIds: 0, withoutId: 0 } };
  const first = await fetchCatalogPage(client, { origin, page: 1 });
  absorb(listing, first, chatIds);
  // An ignored filter shows on page 1 already: refuse before paging through the whole hub.
  refuseIgnoredFilter(listing, hubTotal);
  const pageCount = Math.max(1, Math.ceil(first.totalCount / PAGE_SIZE));
  progress.passStarted?.(pass, pageCount);
  progress.pageRead?.(first.items.length);
  await Promise.all(
    Array.from({ length: pageCount - 1 }, (_, index) =>
      fetchCatalogPage(client, { origin, page: index + 2 }).then((page) => {
        progress.pageRead?.(page.items.length);
        absorb(listing, page, chatIds);
      }),
    ),
  );
  return listing;
}

/** Crawl once and, if everything checks out, return the day's snapshot; refusals throw RefusalError. */
export async function crawl(client: HttpClient, options: CrawlOptions, progress: CrawlProgress = {}): Promise<CrawlResult> {
  // Independent reads first, in parallel: the hub size for the filter check and the chat list for the join.
  const [hub, chatIdList] = await Promise.all([
    fetchCatalogPage(client, { origin: options.origin, page: 1, pageSize: 1, filtered: false }),
    fetchChatIds(client, options.inferenceOrigin, options.token),
  ]);

  const chatIds = new Set(chatIdList);
  let listing: Listing | undefined;
  let passes = 0;
  let lastProblem = '';
  while (passes < options.maxPasses) {
    passes += 1;
    const attempt = await readListing(client, options.origin, chatIds, hub.totalCount, passes, progress);
    refuseIgnoredFilter(attempt, hub.totalCount);
    const problem = inconsistency(attempt.observation);
    if (problem === undefined) {
      listing = attempt;
      break;
    }
    lastProblem = problem;
    progress.note?.(`pass ${passes}: the list changed while it was read (${problem}); reading it again`);
  }
  if (listing === undefined) {
    throw new RefusalError('inconsistent', `the list kept changing: no consistent listing in ${passes} passes (last: ${lastProblem})`);
  }

  const models: ModelRecord[] = [];
  const rejected: Rejected[] = [];
  for (const result of listing.records.values()) {
    if (isRejected(result)) rejected.push(result);
    else models.push(result);
  }
  for (let index = 0; index < listing.observation.withoutId; index += 1) rejected.push({ id: `#${index + 1}`, reason: 'no Path/Name' });
  const total = listing.observation.totals[0] ?? 0;
  const unreadable = tooManyRejected(rejected.length, total);
  if (unreadable) throw new RefusalError('unreadable', unreadable);

  const shrink = sharpShrink(options.previous, models.length, { maxShrink: options.maxShrink, allowShrink: options.allowShrink });
  if (shrink) throw new RefusalError('shrink', shrink);

  models.sort((a, b) => compareIds(a.id, b.id));
  const listed = new Set(models.map((model) => model.id));
  // Records were checked against the strict schema one by one in normaliseModel; parsing the whole
  // snapshot again would copy 60k objects for nothing.
  const snapshot: Snapshot = {
    date: IsoDate.parse(options.date),
    source: SnapshotSource.parse({
      origin: options.origin,
      inferenceOrigin: options.inferenceOrigin,
      totalCount: total,
      unfilteredTotalCount: hub.totalCount,
      chatModelCount: chatIds.size,
    }),
    models,
  };
  return {
    snapshot,
    passes,
    rejected,
    chatOnly: [...chatIds].filter((id) => !listed.has(id)).sort(),
  };
}
