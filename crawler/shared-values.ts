// One copy per distinct value, shared by every record that holds it: strings (intern), lists (sharedList),
// list entries (sharedEntry), and the canonical licence of each upstream spelling (license). 60,000 records
// repeat a few hundred distinct values; each table stops growing at SHARED_LIMIT (hostile data).
import { canonicalLicense } from './license.ts';

/** Distinct values `intern` keeps; past this (hostile data) values are kept as they come. */
const SHARED_LIMIT = 20_000;
const shared = new Map<string, string>();

/**
 * One string object per distinct value of the fields that repeat across the list (tasks, tags, licences,
 * types, families, base models, owners): JSON.parse makes a new string for every occurrence, and 60,000
 * records of a few hundred distinct values were tens of MB of copies held through the crawl.
 */
export function intern(value: string): string {
  const hit = shared.get(value);
  if (hit !== undefined) return hit;
  if (shared.size < SHARED_LIMIT) shared.set(value, value);
  return value;
}

/** A trie of the lists seen, item by item (Map keys compare strings by value and entries by identity). */
interface ListNode {
  next?: Map<unknown, ListNode>;
  list?: readonly unknown[];
}
const sharedLists: ListNode = {};
let sharedListNodes = 0;
/** One frozen object per distinct base model or official tag entry. */
const sharedEntries = new Map<string, object>();
const EMPTY: readonly never[] = Object.freeze([]);

/**
 * `list` as one frozen array shared by every record with the same list: most records repeat a few hundred
 * distinct task, tag and base-model lists, and an array of its own per record (grown by push to 17 slots)
 * was a fifth of what 60,000 records held, and as many more objects for every collection to mark. Frozen,
 * so no holder can change another's. Past 4 × SHARED_LIMIT trie nodes (hostile data), an exact-size frozen copy.
 */
export function sharedList<T>(list: readonly T[]): T[] {
  if (list.length === 0) return EMPTY as never as T[];
  let node = sharedLists;
  for (const item of list) {
    let next = node.next?.get(item);
    if (next === undefined) {
      if (sharedListNodes >= 4 * SHARED_LIMIT) return Object.freeze(list.slice()) as T[];
      next = {};
      (node.next ??= new Map()).set(item, next);
      sharedListNodes += 1;
    }
    node = next;
  }
  return (node.list ??= Object.freeze(list.slice())) as T[];
}

/** `entry` (a base model, an official tag) as one frozen object per distinct value, under `key`. */
export function sharedEntry<T extends object>(key: string, make: () => T): T {
  const hit = sharedEntries.get(key);
  if (hit !== undefined) return hit as T;
  const frozen = Object.freeze(make());
  if (sharedEntries.size < SHARED_LIMIT) sharedEntries.set(key, frozen);
  return frozen;
}

/** canonicalLicense of each distinct upstream spelling, worked out once. */
const licenses = new Map<string, string>();
export function license(upstream: string): string {
  const hit = licenses.get(upstream);
  if (hit !== undefined) return hit;
  const canonical = canonicalLicense(upstream);
  if (licenses.size < SHARED_LIMIT) licenses.set(upstream, canonical);
  return canonical;
}
