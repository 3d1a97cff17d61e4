// `npm run probe`: what the crawler assumes about ModelScope, checked against the real service with a
// handful of requests (seven), for a fork's first run and the nightly job summary. It reads, never writes.
import { CatalogError } from '../core/errors.ts';
import { formatCount } from '../core/text.ts';
import type { HttpClient } from './http/client.ts';
import { fetchCatalogPage, fetchGatewayModels, LISTING_ORDER, PAGE_SIZE, UPSTREAM_KEYS, type CatalogPage, type GatewayModels } from './modelscope.ts';
import { filterIgnored, maxShortfall } from './guards.ts';
import { upstreamId } from './normalise.ts';

/** One assumption and what the service said. */
export interface ProbeRow {
  /** The assumption, in words. */
  assumption: string;
  /** What was seen (figures, values). */
  seen: string;
  /** `true` held, `false` did not, `undefined` for a row that only informs. */
  held: boolean | undefined;
}

/** Where to probe. */
export interface ProbeTarget {
  /** Catalog origin, no trailing slash. */
  origin: string;
  /** Inference gateway origin, no trailing slash. */
  inferenceOrigin: string;
}

const ids = (page: CatalogPage): string[] => page.items.map((item) => upstreamId(item) ?? '?');

/** How many positions of two reads of one page differ, and how many ids are in one but not the other. */
function drift(a: readonly string[], b: readonly string[]): { moved: number; swapped: number } {
  const inB = new Set(b);
  return { moved: a.filter((id, i) => b[i] !== id).length, swapped: a.filter((id) => !inB.has(id)).length };
}

/** Two reads of one page, as a row's `seen` and whether they hold the same ids. */
function compareReads(a: readonly string[], b: readonly string[]): { seen: string; sameIds: boolean } {
  const { moved, swapped } = drift(a, b);
  const seen = moved === 0 ? `the same ${a.length} ids in the same order` : `${moved} of ${a.length} positions differ, ${swapped} ids in one read only`;
  return { seen, sameIds: swapped === 0 };
}

/** A request that failed, as a row instead of an exception: the probe reports, it does not stop. */
async function attempt<T>(read: () => Promise<T>): Promise<T | CatalogError> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
}

/** Check every assumption; never throws for what the service answers (a failed request is a row). */
export async function probe(client: HttpClient, target: ProbeTarget): Promise<ProbeRow[]> {
  const { origin } = target;
  const rows: ProbeRow[] = [];
  const [first, hub, gateway] = await Promise.all([
    attempt(() => fetchCatalogPage(client, { origin, page: 1 })),
    attempt(() => fetchCatalogPage(client, { origin, page: 1, pageSize: 1, filtered: false })),
    attempt(() => fetchGatewayModels(client, target.inferenceOrigin)),
  ]);
  if (first instanceof CatalogError) {
    rows.push({ assumption: 'the catalog answers PUT /api/v1/dolphin/models', seen: first.message, held: false });
  } else {
    const flagged = first.items.filter((item) => {
      const value = (item as { SupportInference?: unknown }).SupportInference;
      return typeof value === 'string' && value.trim() !== '';
    });
    const hubTotal = hub instanceof CatalogError ? undefined : hub.totalCount;
    // The crawl's own rule (guards.ts): an empty SupportInference on a few records is the real service.
    const ignored =
      hubTotal === undefined
        ? undefined
        : filterIgnored({ filteredTotal: first.totalCount, unfilteredTotal: hubTotal, recordsRead: first.items.length, withoutInference: first.items.length - flagged.length, sample: [] });
    rows.push({
      assumption: 'the API-Inference filter is honoured',
      seen:
        hubTotal === undefined
          ? `the unfiltered read failed: ${(hub as CatalogError).message}`
          : `filtered TotalCount ${formatCount(first.totalCount)} ${first.totalCount < hubTotal ? '<' : '≥'} hub ${formatCount(hubTotal)}; ${flagged.length} of ${first.items.length} records have SupportInference`,
      held: hubTotal !== undefined && ignored === undefined,
    });
    const expected = Math.min(PAGE_SIZE, first.totalCount);
    rows.push({ assumption: `page size ${PAGE_SIZE} is accepted`, seen: `${first.items.length} records on page 1 of ${formatCount(first.totalCount)}`, held: first.items.length === expected });

    const again = await attempt(() => fetchCatalogPage(client, { origin, page: 1 }));
    const reads = again instanceof CatalogError ? undefined : compareReads(ids(first), ids(again));
    rows.push({
      assumption: `${LISTING_ORDER} order (the one the crawl reads) holds still between two reads of page 1`,
      seen: reads?.seen ?? (again as CatalogError).message,
      held: reads?.sameIds ?? false,
    });
    const defaults = await attempt(() => fetchCatalogPage(client, { origin, page: 1, sortBy: 'Default' }));
    const defaultsAgain = defaults instanceof CatalogError ? defaults : await attempt(() => fetchCatalogPage(client, { origin, page: 1, sortBy: 'Default' }));
    rows.push({
      assumption: 'Default order between two reads of page 1 (a live ranking; not what the crawl reads)',
      seen: defaults instanceof CatalogError ? defaults.message : defaultsAgain instanceof CatalogError ? defaultsAgain.message : compareReads(ids(defaults), ids(defaultsAgain)).seen,
      held: undefined,
    });

    rows.push({ assumption: 'SupportInference values on page 1, by task', seen: inferenceByTask(first.items), held: undefined });

    const keys = new Set(first.items.flatMap((item) => (typeof item === 'object' && item !== null ? Object.keys(item) : [])));
    const missing = UPSTREAM_KEYS.filter((key) => !keys.has(key));
    const unread = [...keys].filter((k) => !UPSTREAM_KEYS.includes(k)).sort();
    rows.push({
      assumption: 'records carry the keys the crawler reads',
      seen: `${UPSTREAM_KEYS.length - missing.length} of ${UPSTREAM_KEYS.length} present${missing.length > 0 ? ` (missing: ${missing.join(', ')})` : ''}; ${keys.size} keys in all`,
      held: missing.length === 0 || first.items.length === 0,
    });
    rows.push({ assumption: 'keys records carry that the crawler does not read', seen: listSome(unread, 40), held: undefined });
    rows.push(await shortfallRow(client, origin, first.totalCount));
  }
  rows.push(gatewayRow(gateway));
  return rows;
}

/** `a, b, c and 12 more`, or `none`: a bounded list for one table cell. */
function listSome(items: readonly string[], max: number): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** `text-to-image-synthesis: txt2img 17, "" 13; text-generation: txt2txt 70`: SupportInference per first task, most first. */
export function inferenceByTask(items: readonly unknown[]): string {
  const byTask = new Map<string, Map<string, number>>();
  for (const item of items) {
    const record = (typeof item === 'object' && item !== null ? item : {}) as { Tasks?: unknown; SupportInference?: unknown };
    const first = Array.isArray(record.Tasks) ? (record.Tasks[0] as { Name?: unknown } | undefined)?.Name : undefined;
    const task = typeof first === 'string' && first !== '' ? first : '(no task)';
    const value = typeof record.SupportInference === 'string' ? record.SupportInference : '';
    const counts = byTask.get(task) ?? new Map<string, number>();
    counts.set(value, (counts.get(value) ?? 0) + 1);
    byTask.set(task, counts);
  }
  const total = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
  const tasks = [...byTask].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1));
  const text = tasks.map(([task, counts]) => `${task}: ${[...counts].sort((a, b) => b[1] - a[1]).map(([value, n]) => `${value === '' ? '""' : value} ${n}`).join(', ')}`);
  return listSome(text, 12).replaceAll(', (', '; (') || 'no records';
}

/**
 * Whether TotalCount is what the listing yields: the last page holds what is left of TotalCount. A few
 * short is the real service's hidden rows (published as a shortfall, up to maxShortfall); more is a
 * listing the crawl would refuse as collapsed.
 */
async function shortfallRow(client: HttpClient, origin: string, total: number): Promise<ProbeRow> {
  const assumption = `the listing yields what TotalCount says, or a few rows fewer (a shortfall of at most ${formatCount(maxShortfall(total))})`;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const last = await attempt(() => fetchCatalogPage(client, { origin, page: pages }));
  if (last instanceof CatalogError) return { assumption, seen: last.message, held: false };
  const expected = total - (pages - 1) * PAGE_SIZE;
  const gap = expected - last.items.length;
  const seen = gap === 0 ? `the last page (${pages}) holds the ${expected} rows TotalCount leaves for it` : `the last page (${pages}) holds ${last.items.length} of the ${expected} rows TotalCount leaves for it: ${gap > 0 ? `at least ${gap} short` : `${-gap} more`}`;
  // A gap larger than a page shows as an empty last page: "at least" is all one request can say.
  return { assumption, seen, held: gap >= 0 && gap <= maxShortfall(total) };
}

function gatewayRow(gateway: GatewayModels | CatalogError): ProbeRow {
  const assumption = 'GET /v1/models answers without a token';
  if (gateway instanceof CatalogError) return { assumption, seen: gateway.message, held: false };
  const dated = [...gateway.values()].filter((created) => created !== null).length;
  return { assumption, seen: `${gateway.size} ids, ${dated} with a created date`, held: gateway.size > 0 };
}

/** Whether every assumption that can hold did. */
export function allHeld(rows: readonly ProbeRow[]): boolean {
  return rows.every((row) => row.held !== false);
}
