// Reading one complete listing of the API-Inference list while its order may move under us.
//
// ModelScope's `SortBy: "Default"` is a live ranking, so pages read a minute apart overlap and skip
// (shared/modelscope-api.md §2.4). We read in `GmtModified` order instead: it moves only when a model is
// updated, and then to the top. A pass that comes up short while `TotalCount` holds still lost ids to
// such moves, so pages are re-read from the top, a wave at a time, until every id is in; a re-read of
// every page unions with the pass before. A `TotalCount` that changes, or more distinct ids than it,
// means membership changed: start over, and refuse after `maxPasses`. A `TotalCount` that stays a few
// above the ids while two full reads (pass and re-reads) find the same set is the service's hidden rows:
// published as a shortfall, also when the order moves meanwhile.
import { RefusalError } from '../core/errors.ts';
import { compareIds } from '../store/order.ts';
import { filterIgnored, implausibleTotal, listingVerdict, maxShortfall, type PassObservation } from './guards.ts';
import type { HttpClient } from './http/client.ts';
import { fetchCatalogPage, PAGE_SIZE, type CatalogPage, type GatewayModels } from './modelscope.ts';
import { isRejected, normaliseModel, upstreamId, type NormaliseNotes, type Rejected } from './normalise.ts';
import type { TimestampProblem } from './timestamps.ts';
import type { ModelRecord } from '../store/record.ts';

/** Hooks for progress display; all optional. */
export interface CrawlProgress {
  passStarted?(pass: number, pages: number): void;
  pageRead?(models: number): void;
  note?(message: string): void;
}

/** How a listing was read. */
export interface ListingOptions {
  /** Catalog origin, no trailing slash. */
  origin: string;
  /** Full passes before giving up on a list whose membership keeps changing (default 3). */
  maxPasses: number;
  /** Pages re-read at once when recovering ids a moving order hid (default 2: the client's concurrency). */
  wave: number;
  /** The unfiltered hub's TotalCount, for the filter check. */
  hubTotal: number;
  /** What the OpenAI-compatible gateway serves (marks records). */
  gateway: GatewayModels;
  /** Largest TotalCount taken for real, and why (plausibleTotal in guards.ts); a larger one is refused at page 1. */
  maxTotal: { max: number; why: string };
}

/** One distinct id of a listing: its record (or why it was unusable) and where it was read. */
export interface ListedRecord {
  result: ModelRecord | Rejected;
  /** The page the kept record came from. */
  page: number;
  /** The pass that read it; undefined when a re-read found it. */
  pass: number | undefined;
  /** Upstream timestamps of this record set to null, and why; undefined when none. */
  nulled: { field: string; problem: TimestampProblem }[] | undefined;
  /** Its SupportInference was empty or missing. */
  unknown: boolean;
  /** Fields of it cut to their limits (see bounds.ts); undefined when none. */
  cut: string[] | undefined;
}

/** An id listed more than once within one pass, and the pages it was on, ascending (the kept copy's first). */
export interface Duplicate {
  id: string;
  pages: number[];
}

/** Where an item without a usable id was: page, and 1-based position on it. */
export interface Anonymous {
  page: number;
  position: number;
}

/** A complete, consistent listing, and how it was made so. */
export interface Listing {
  /** Each distinct id's record, or why it was unusable, and where it was read. */
  records: Map<string, ListedRecord>;
  /** Items without a usable id (they count against TotalCount but cannot be told apart). */
  withoutId: number;
  /** Where those items were (the pass that had the most of them). */
  anonymous: Anonymous[];
  /** Ids listed more than once within one pass (see absorb for which copy is kept). */
  duplicates: Duplicate[];
  /** The TotalCount every page agreed on. */
  total: number;
  /** Full passes read (1 when the first pass was complete). */
  passes: number;
  /** Pages re-read to recover ids the moving order hid. */
  pagesReread: number;
  /** Ids found only by those re-reads or a later pass. */
  recovered: number;
  /** TotalCount minus the distinct ids, when that gap held still over two full reads; 0 normally. */
  shortfall: number;
}

/** Records without SupportInference seen so far: how many, and the first few ids. */
interface Unknowns {
  count: number;
  sample: string[];
}

/** What has been read towards one listing: the union of every page since TotalCount last moved. */
interface Reading {
  records: Map<string, ListedRecord>;
  /** TotalCount of every page of this reading (first one decides). */
  totals: number[];
  items: number;
  /** Most items without an id on one pass (they cannot be merged across passes). */
  withoutId: number;
  /** Where they were, on that pass. */
  anonymous: Anonymous[];
  /** Id → pages it was on, for ids listed more than once within one pass. */
  duplicates: Map<string, number[]>;
  /** Ids added after the first pass of this reading. */
  recovered: number;
}

const freshReading = (): Reading => ({ records: new Map(), totals: [], items: 0, withoutId: 0, anonymous: [], duplicates: new Map(), recovered: 0 });

function observe(reading: Reading): PassObservation {
  return { totals: reading.totals, items: reading.items, uniqueIds: reading.records.size, withoutId: reading.withoutId };
}

/** Where a page was read: its number, and the pass (undefined for a re-read made to recover hidden ids). */
interface PageRead {
  page: number;
  pass: number | undefined;
}

const hasInference = (item: unknown): boolean => {
  const inference = (item as { SupportInference?: unknown }).SupportInference;
  return typeof inference === 'string' && inference.trim() !== '';
};

/** What normaliseModel noticed about the item being normalised (it runs synchronously, one item at a time). */
let nulled: ListedRecord['nulled'];
let cut: Set<string> | undefined;
/** One set of hooks for every item, instead of two closures and an object per item. */
const NOTES: NormaliseNotes = {
  nulledTimestamp: (field: string, problem: TimestampProblem) => void (nulled ??= []).push({ field, problem }),
  cut: (field) => void (cut ??= new Set()).add(field),
};

function normalised(item: unknown, gateway: GatewayModels, read: PageRead): ListedRecord {
  nulled = undefined;
  cut = undefined;
  const result = normaliseModel(item, gateway, NOTES);
  return { result, page: read.page, pass: read.pass, nulled, unknown: !hasInference(item), cut: cut && [...cut] };
}

// Raw items are ~100 keys each; normalising a page as soon as it arrives keeps a 60k-model crawl's memory
// to the records we keep rather than every upstream object at once. Returns where the items without an id were.
//
// Which copy of an id is kept — the rule that makes two runs over the same pages agree, whatever order the
// concurrent pages answer in: within one pass, the copy on the LOWEST PAGE NUMBER (the first in listing
// order; on one page, the first there). A copy read by an earlier pass, or by a re-read, is never replaced:
// those reads happen one after another, so their order does not depend on which reply came first.
// An id listed more than once within one pass is recorded as a duplicate (see data/README.md, Limits).
function absorb(reading: Reading, page: CatalogPage, gateway: GatewayModels, read: PageRead, recovering: boolean, unknowns: Unknowns, passIds?: Set<string>): Anonymous[] {
  reading.totals.push(page.totalCount);
  const anonymous: Anonymous[] = [];
  for (const [index, item] of page.items.entries()) {
    reading.items += 1;
    const id = upstreamId(item);
    if (id === undefined) {
      anonymous.push({ page: read.page, position: index + 1 });
      continue;
    }
    const kept = reading.records.get(id);
    if (kept !== undefined) {
      passIds?.add(id);
      if (read.pass === undefined || kept.pass !== read.pass) continue;
      const pages = reading.duplicates.get(id) ?? [kept.page];
      pages.push(read.page);
      reading.duplicates.set(id, pages);
      if (read.page >= kept.page) continue;
      // A lower page than the copy kept: this one is kept instead.
      const replacement = normalised(item, gateway, read);
      if (kept.unknown !== replacement.unknown) unknowns.count += replacement.unknown ? 1 : -1;
      reading.records.set(id, replacement);
      continue;
    }
    const record = normalised(item, gateway, read);
    // The record's own id string as the key: one copy of each of 60,000 ids held, not two.
    const key = !isRejected(record.result) && record.result.id === id ? record.result.id : id;
    passIds?.add(key);
    if (record.unknown) {
      unknowns.count += 1;
      if (unknowns.sample.length < 5) unknowns.sample.push(key);
    }
    reading.records.set(key, record);
    if (recovering) reading.recovered += 1;
  }
  return anonymous;
}

function refuseIgnoredFilter(filteredTotal: number, hubTotal: number, reading: Reading, unknowns: Unknowns): void {
  const ignored = filterIgnored({ filteredTotal, unfilteredTotal: hubTotal, recordsRead: reading.records.size, withoutInference: unknowns.count, sample: unknowns.sample });
  if (ignored) throw new RefusalError('filter-ignored', ignored);
}

/** Which page a recovery re-reads next, told what each wave found. */
export interface RecoveryPlan {
  /** First page of the next wave. */
  next(): number;
  /** The wave from `first`, `size` pages long, found new ids or not. */
  read(first: number, size: number, found: boolean): void;
}

/**
 * Where ids a moving order hid are. An updated model jumps to the top, so most are near the top; a model
 * at a page boundary can also slip between two pages read out of order, anywhere in the list. So: sweep
 * down from page 1 until a wave finds nothing; once a sweep from the top finds nothing at all, sweep the
 * rest of the list once; then back to the top (a missed model updated again has jumped above the sweep).
 */
export function recoveryPlan(pageCount: number): RecoveryPlan {
  let cursor = 1;
  let deepest = 0;
  let foundThisSweep = false;
  let deepDone = false;
  let deep = false;
  return {
    next: () => cursor,
    read(first, size, found) {
      const end = first + size - 1;
      deepest = Math.max(deepest, end);
      foundThisSweep ||= found;
      if (deep) {
        // The deep sweep goes on to the last page whatever a wave finds.
        if (end < pageCount) cursor = end + 1;
        else [deep, deepDone, cursor, foundThisSweep] = [false, true, 1, false];
        return;
      }
      if (found && end < pageCount) {
        cursor = end + 1;
        return;
      }
      // This top sweep is over: a clean one sends us deep (once); otherwise start at the top again.
      const clean = !foundThisSweep;
      foundThisSweep = false;
      if (clean && !deepDone && deepest < pageCount) [deep, cursor] = [true, deepest + 1];
      else cursor = 1;
    },
  };
}

/**
 * Run `read` for every page from `first` to `last`, at most `workers` at a time. Page numbers are handed
 * out one by one as workers free up, so memory does not grow with the page count (a TotalCount of
 * 2^53 − 1 once meant an array of that many requests). The first failure stops the handing out and is thrown.
 */
export async function eachPage(first: number, last: number, workers: number, read: (page: number) => Promise<void>): Promise<void> {
  let next = first;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next <= last) {
      const page = next;
      next += 1;
      try {
        await read(page);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const count = Math.max(1, Math.min(Math.floor(workers) || 1, last - first + 1));
  await Promise.all(Array.from({ length: count }, worker));
}

function finished(reading: Reading): Pick<Listing, 'records' | 'withoutId' | 'anonymous' | 'duplicates'> {
  const duplicates = [...reading.duplicates].map(([id, pages]) => ({ id, pages: [...new Set(pages)].sort((a, b) => a - b) })).sort((a, b) => compareIds(a.id, b.id));
  return { records: reading.records, withoutId: reading.withoutId, anonymous: reading.anonymous, duplicates };
}

/** Read one complete listing, or throw RefusalError (filter ignored, membership never held still). */
export async function readListing(client: HttpClient, options: ListingOptions, progress: CrawlProgress = {}): Promise<Listing> {
  const { origin, gateway } = options;
  let unknowns: Unknowns = { count: 0, sample: [] };
  let reading = freshReading();
  // The distinct ids a pass ended short with, after its re-reads found no more: a next full pass that
  // reads exactly that set again (same TotalCount) shows the gap is the service's, not a moving order.
  let short: { total: number; ids: number } | undefined;
  const restart = (): void => {
    reading = freshReading();
    unknowns = { count: 0, sample: [] };
    short = undefined;
  };
  let pagesReread = 0;
  let lastProblem = '';
  let passes = 0;
  while (passes < options.maxPasses) {
    passes += 1;
    const first = await fetchCatalogPage(client, { origin, page: 1 });
    // A new TotalCount means membership moved since the last pass: what was read before no longer counts.
    if (reading.totals[0] !== undefined && reading.totals[0] !== first.totalCount) restart();
    // A TotalCount no catalog could have is refused before a page more is asked for.
    const implausible = implausibleTotal(first.totalCount, options.maxTotal);
    if (implausible) throw new RefusalError('implausible-total', implausible);
    const continuing = reading.totals.length > 0;
    const passIds = new Set<string>();
    const passAnonymous = absorb(reading, first, gateway, { page: 1, pass: passes }, continuing, unknowns, passIds);
    // An ignored filter shows on page 1 already: refuse before paging through the whole hub.
    refuseIgnoredFilter(first.totalCount, options.hubTotal, reading, unknowns);
    const pageCount = Math.max(1, Math.ceil(first.totalCount / PAGE_SIZE));
    progress.passStarted?.(passes, pageCount);
    progress.pageRead?.(first.items.length);
    const pass = passes;
    await eachPage(2, pageCount, options.wave, async (number) => {
      const page = await fetchCatalogPage(client, { origin, page: number });
      progress.pageRead?.(page.items.length);
      passAnonymous.push(...absorb(reading, page, gateway, { page: number, pass }, continuing, unknowns, passIds));
    });
    if (passAnonymous.length > reading.withoutId) {
      reading.withoutId = passAnonymous.length;
      reading.anonymous = passAnonymous.sort((a, b) => a.page - b.page || a.position - b.position);
    }
    refuseIgnoredFilter(first.totalCount, options.hubTotal, reading, unknowns);

    // The gap TotalCount keeps above the distinct ids, published once it held still over two full reads
    // (see stableShortfall); a gap too large for hidden rows is a collapsed list, refused.
    const publishShortfall = (): Listing => {
      const shortfall = first.totalCount - reading.records.size - reading.withoutId;
      if (shortfall > maxShortfall(first.totalCount)) {
        throw new RefusalError('inconsistent', `the list collapsed: ${reading.records.size + reading.withoutId} distinct models for TotalCount ${first.totalCount} in two full reads, a shortfall of ${shortfall} (more than ${maxShortfall(first.totalCount)} is not taken for the service)`);
      }
      progress.note?.(`TotalCount ${first.totalCount} stays ${shortfall} above the ${reading.records.size + reading.withoutId} distinct models over two full reads: publishing with a shortfall of ${shortfall}`);
      return { ...finished(reading), total: first.totalCount, passes, pagesReread, recovered: reading.recovered, shortfall };
    };
    // Held still: the previous full read (a pass and its re-reads of every page) ended short with this
    // TotalCount and exactly this set of ids, and this whole pass found no id more.
    const stableShortfall = (): boolean => short !== undefined && short.total === first.totalCount && short.ids === reading.records.size;
    let verdict = listingVerdict(observe(reading));
    // A still list: this pass alone read every id of the last one, and nothing else.
    if (verdict.verdict === 'short' && stableShortfall() && passIds.size === short?.ids) return publishShortfall();
    // Short while TotalCount held still: the order moved and hid ids (see recoveryPlan). Re-read, a wave at
    // a time, at most every page once this pass; a new pass then unions with this one.
    const plan = recoveryPlan(pageCount);
    for (let budget = pageCount; verdict.verdict === 'short' && budget > 0; ) {
      const next = plan.next();
      const size = Math.min(options.wave, pageCount - next + 1, budget);
      const pages = await Promise.all(Array.from({ length: size }, (_, index) => fetchCatalogPage(client, { origin, page: next + index })));
      budget -= size;
      pagesReread += size;
      const known = reading.records.size;
      for (const [index, page] of pages.entries()) absorb(reading, page, gateway, { page: next + index, pass: undefined }, true, unknowns);
      refuseIgnoredFilter(first.totalCount, options.hubTotal, reading, unknowns);
      verdict = listingVerdict(observe(reading));
      plan.read(next, size, reading.records.size > known);
    }
    if (verdict.verdict === 'complete') {
      if (reading.recovered > 0) progress.note?.(`the order moved while the list was read: ${reading.recovered} ids recovered by re-reading ${pagesReread} pages`);
      return { ...finished(reading), total: first.totalCount, passes, pagesReread, recovered: reading.recovered, shortfall: 0 };
    }
    // A moving order and hidden rows at once: no single pass reads every id, but a whole further pass and
    // a re-read of every page added none to the last full read's set, so the gap is the service's.
    if (verdict.verdict === 'short' && stableShortfall()) return publishShortfall();
    lastProblem = verdict.problem ?? '';
    if (verdict.verdict === 'moved') {
      restart();
      progress.note?.(`pass ${passes}: the list changed while it was read (${lastProblem}); reading it again`);
    } else {
      short = { total: first.totalCount, ids: reading.records.size };
      progress.note?.(`pass ${passes}: ${lastProblem} after re-reading every page; reading it again`);
    }
  }
  throw new RefusalError('inconsistent', `the list kept changing: no consistent listing in ${passes} passes (last: ${lastProblem})`);
}
