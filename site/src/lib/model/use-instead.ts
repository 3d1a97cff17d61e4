// "Use instead" on a departed model's page: a few models still on the list that can stand in for it —
// its base model itself when listed, then models on the same base model, of the same family, by the same
// owner, each group most downloaded first. Pure: an index built once per build from the newest snapshot's
// records (a few entries per key, so 77,000 tombstones cost one pass over 60,000 records), then a lookup.
import type { ModelRecord } from '../../../../store/record.ts';

/** Why an alternative is listed. */
export type AlternativeReason = 'base' | 'family' | 'owner';

export interface Alternative {
  id: string;
  reason: AlternativeReason;
}

/** What a lookup needs of a record. */
export type AlternativeRecord = Pick<ModelRecord, 'id' | 'owner' | 'baseModels' | 'visionFoundation' | 'downloads'>;

/** The most-downloaded records per base model, family and owner, and every listed id. */
export interface AlternativeIndex {
  listed: ReadonlySet<string>;
  byBase: ReadonlyMap<string, readonly string[]>;
  byFamily: ReadonlyMap<string, readonly string[]>;
  byOwner: ReadonlyMap<string, readonly string[]>;
}

/** Records kept per key: enough for `most` alternatives after skipping the model itself. */
const PER_KEY = 8;

function keep(map: Map<string, AlternativeRecord[]>, key: string, record: AlternativeRecord): void {
  if (key === '') return;
  const list = map.get(key) ?? [];
  if (list.length === 0) map.set(key, list);
  list.push(record);
  list.sort((a, b) => b.downloads - a.downloads || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (list.length > PER_KEY) list.length = PER_KEY;
}

/** The index over the records on the list now. */
export function alternativeIndex(records: Iterable<AlternativeRecord>): AlternativeIndex {
  const listed = new Set<string>();
  const [byBase, byFamily, byOwner] = [new Map<string, AlternativeRecord[]>(), new Map<string, AlternativeRecord[]>(), new Map<string, AlternativeRecord[]>()];
  for (const record of records) {
    listed.add(record.id);
    for (const base of new Set(record.baseModels.map((b) => b.id))) keep(byBase, base, record);
    keep(byFamily, record.visionFoundation, record);
    keep(byOwner, record.owner, record);
  }
  const ids = (map: Map<string, AlternativeRecord[]>) => new Map([...map].map(([key, list]) => [key, list.map((r) => r.id)]));
  return { listed, byBase: ids(byBase), byFamily: ids(byFamily), byOwner: ids(byOwner) };
}

/**
 * Up to `most` alternatives to `id` (a model off the list), from its last known record when there is one
 * (else only its owner, from the id): its base models that are listed, then same base, same family, same owner.
 */
export function useInstead(id: string, record: Pick<AlternativeRecord, 'owner' | 'baseModels' | 'visionFoundation'> | undefined, index: AlternativeIndex, most = 5): Alternative[] {
  const out: Alternative[] = [];
  const seen = new Set<string>([id]);
  const add = (candidate: string, reason: AlternativeReason): void => {
    if (out.length >= most || seen.has(candidate) || !index.listed.has(candidate)) return;
    seen.add(candidate);
    out.push({ id: candidate, reason });
  };
  const bases = record?.baseModels.map((b) => b.id) ?? [];
  for (const base of bases) add(base, 'base');
  for (const base of bases) for (const other of index.byBase.get(base) ?? []) add(other, 'base');
  if (record !== undefined && record.visionFoundation !== '') for (const other of index.byFamily.get(record.visionFoundation) ?? []) add(other, 'family');
  const owner = record?.owner ?? id.slice(0, Math.max(0, id.indexOf('/')));
  for (const other of index.byOwner.get(owner) ?? []) add(other, 'owner');
  return out;
}

const built = new WeakMap<object, AlternativeIndex>();

/** `alternativeIndex` of a map of records, built once per map (once per build). */
export function cachedAlternativeIndex(records: ReadonlyMap<string, AlternativeRecord>): AlternativeIndex {
  let index = built.get(records);
  if (index === undefined) built.set(records, (index = alternativeIndex(records.values())));
  return index;
}
