// One upstream list item → our strict snapshot record, or the reason it is unusable. Upstream types are
// loose (counts as strings, timestamps in seconds or milliseconds, null where a list belongs), so every
// field is coerced here and the result checked against the schema we write. Every text and list kept is
// bounded (MAX_TEXT, MAX_ITEMS, MAX_ID_LENGTH; data/README.md, Limits), whatever size upstream sends.
import { ModelRecord } from '../store/record.ts';
import { canonicalLicense } from './license.ts';
import { isModelRecord } from './record-check.ts';
import { MAX_ID_LENGTH, UPSTREAM_FIELDS, UpstreamModel, type GatewayModels } from './modelscope.ts';

export { MAX_ID_LENGTH } from './modelscope.ts';
import { readTimestamp, type TimestampProblem } from './timestamps.ts';

/**
 * Upstream timestamps → ISO 8601 UTC, or null for anything absent or absurd (readTimestamp in
 * timestamps.ts: seconds or milliseconds, numbers or text, within [2000, 2100)): a wrong date is worse than none.
 */
export function coerceTimestamp(value: unknown): string | null {
  const { ms } = readTimestamp(value);
  return ms === null ? null : new Date(ms).toISOString();
}

/** What normalising a record noticed, for the run report; every hook optional. */
export interface NormaliseNotes {
  /** An upstream timestamp was there but unusable, and set to null. */
  nulledTimestamp?(field: 'CreatedTime' | 'LastUpdatedTime', problem: TimestampProblem): void;
  /** A text was cut to MAX_TEXT (it ends in CUT_MARK), a list to MAX_ITEMS, or an over-long id dropped: `field` names it. */
  cut?(field: string): void;
}

/** Tells `notes` (when given) that `field` was cut. */
type OnCut = ((field: string) => void) | undefined;

/** A record we could not use, and why. */
export interface Rejected {
  /** `Path/Name` when the item had them, else `#<index>`. */
  id: string;
  reason: string;
}

const SAFE_SEGMENT = /^[^/\\\s\u0000-\u001f\u007f]+$/;

function count(value: unknown): number | string {
  if (value === null || value === undefined || value === '') return 0;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  return `not a count: ${JSON.stringify(value)?.slice(0, 40)}`;
}

const text = (value: string | null | undefined): string => value ?? '';



/** The id an upstream item would get, or undefined when it lacks Path/Name strings. */
export function upstreamId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { Path, Name } = item as { Path?: unknown; Name?: unknown };
  return typeof Path === 'string' && typeof Name === 'string' ? `${Path}/${Name}` : undefined;
}

/** Distinct values `intern` keeps; past this (hostile data) values are kept as they come. */
const SHARED_LIMIT = 20_000;
const shared = new Map<string, string>();

/**
 * One string object per distinct value of the fields that repeat across the list (tasks, tags, licences,
 * types, families, base models, owners): JSON.parse makes a new string for every occurrence, and 60,000
 * records of a few hundred distinct values were tens of MB of copies held through the crawl.
 */
function intern(value: string): string {
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
function sharedList<T>(list: readonly T[]): T[] {
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
function sharedEntry<T extends object>(key: string, make: () => T): T {
  const hit = sharedEntries.get(key);
  if (hit !== undefined) return hit as T;
  const frozen = Object.freeze(make());
  if (sharedEntries.size < SHARED_LIMIT) sharedEntries.set(key, frozen);
  return frozen;
}

/** canonicalLicense of each distinct upstream spelling, worked out once. */
const licenses = new Map<string, string>();
function license(upstream: string): string {
  const hit = licenses.get(upstream);
  if (hit !== undefined) return hit;
  const canonical = canonicalLicense(upstream);
  if (licenses.size < SHARED_LIMIT) licenses.set(upstream, canonical);
  return canonical;
}

function timestamp(value: unknown, field: 'CreatedTime' | 'LastUpdatedTime', notes: NormaliseNotes): string | null {
  const reading = readTimestamp(value);
  if (reading.problem !== undefined) notes.nulledTimestamp?.(field, reading.problem);
  return reading.ms === null ? null : new Date(reading.ms).toISOString();
}

/** Upstream item → our record, or the reason it is unusable. `gateway` marks the models the OpenAI-compatible gateway serves. */
export function normaliseModel(item: unknown, gateway: GatewayModels, notes: NormaliseNotes = {}): ModelRecord | Rejected {
  if (typeof item !== 'object' || item === null) return { id: '(no id)', reason: `item: expected an object, got ${item === null ? 'null' : typeof item}` };
  const onCut: OnCut = notes.cut && ((field) => notes.cut?.(field));
  // Pick the keys we read before validating: a loose parse of the full ~100-key record (Organization and all)
  // would copy it, and at 60k records that garbage dominates the crawl's memory.
  const raw = item as Record<string, unknown>;
  // Own keys only, every key we read an own property (an absent one undefined), so nothing upstream sends, and
  // nothing on Object.prototype, is ever looked up through a prototype. A literal, so V8 keeps it a fixed-shape
  // object rather than the dictionary a prototype-less object is.
  const own = (key: string): unknown => (Object.hasOwn(raw, key) ? raw[key] : undefined);
  const fields = {
    Path: own('Path'), Name: own('Name'), ChineseName: own('ChineseName'), Stars: own('Stars'), Downloads: own('Downloads'),
    Tasks: own('Tasks'), Tags: own('Tags'), License: own('License'), SupportInference: own('SupportInference'),
    AigcType: own('AigcType'), CreatedTime: own('CreatedTime'), LastUpdatedTime: own('LastUpdatedTime'),
    BaseModel: own('BaseModel'), VisionFoundation: own('VisionFoundation'), ModelInfos: own('ModelInfos'), Id: own('Id'),
    Organization: own('Organization'), OfficialTags: own('OfficialTags'), TriggerWords: own('TriggerWords'), MuseInfo: own('MuseInfo'),
  } satisfies Record<keyof UpstreamModel, unknown>;
  // The lenient schema's own checks, key by key (UPSTREAM_CHECKS, tested against it): zod is asked only about
  // an item that fails them, for its words, instead of copying every one of 60,000 items that passes.
  let shaped = true;
  for (const [key, check] of UPSTREAM_FIELDS) if (!check(fields[key as keyof typeof fields])) shaped = false;
  let m = fields as UpstreamModel;
  if (!shaped) {
    const picked: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key] of UPSTREAM_FIELDS) if (Object.hasOwn(raw, key)) picked[key] = raw[key];
    const parsed = UpstreamModel.safeParse(picked);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { id: cutText(upstreamId(item) ?? '(no id)', MAX_ID_LENGTH), reason: cutText(`${issue?.path.join('.') || 'item'}: ${issue?.message}`, MAX_TEXT) };
    }
    m = parsed.data;
  }
  const id = `${m.Path}/${m.Name}`;
  if (id.length > MAX_ID_LENGTH) return { id: cutText(id, MAX_ID_LENGTH), reason: `id of ${id.length} characters, more than ${MAX_ID_LENGTH}` };
  for (const segment of [m.Path, m.Name]) {
    if (!SAFE_SEGMENT.test(segment) || segment === '.' || segment === '..') {
      return { id, reason: `unusable owner or name ${JSON.stringify(segment).slice(0, 100)}` };
    }
  }
  const likes = count(m.Stars);
  const downloads = count(m.Downloads);
  if (typeof likes === 'string') return { id, reason: `Stars ${likes}` };
  if (typeof downloads === 'string') return { id, reason: `Downloads ${downloads}` };
  // Empty on a few filtered records of the real service: kept, type unknown (the filter check in
  // guards.ts refuses when most records lack it).
  const inferenceType = fit(text(m.SupportInference), 'inferenceType', onCut, true);
  const taskNames = (m.Tasks ?? [])
    .map((task) => (typeof task === 'object' && task !== null ? (task as { Name?: unknown }).Name : undefined))
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  const tasks = sharedList(firstItems(taskNames, 'tasks', onCut).map((name) => intern(fit(name, 'tasks', onCut))));
  const tags = sharedList(firstItems((m.Tags ?? []).filter((tag): tag is string => typeof tag === 'string'), 'tags', onCut).map((tag) => intern(fit(tag, 'tags', onCut))));
  const upstreamLicense = intern(fit(text(m.License), 'license', onCut, true));
  const canonical = intern(fit(license(upstreamLicense), 'license', onCut, true));
  const parameters = ownParameters(m.ModelInfos);
  const since = gateway.get(id);
  const organization = isObject(m.Organization) ? m.Organization : {};
  const upstreamNumber = m.Id;
  const ownerType = organization['Type'];
  const genImageCount = isObject(m.MuseInfo) ? count(m.MuseInfo['genImageCount']) : undefined;
  const record: ModelRecord = {
    id,
    owner: intern(m.Path),
    name: m.Name,
    chineseName: fit(text(m.ChineseName), 'chineseName', onCut),
    likes,
    downloads,
    tasks,
    tags,
    license: canonical,
    licenseUpstream: upstreamLicense === canonical ? null : upstreamLicense,
    inferenceType: intern(inferenceType),
    aigcType: intern(fit(text(m.AigcType), 'aigcType', onCut)),
    visionFoundation: intern(fit(text(m.VisionFoundation), 'visionFoundation', onCut, true)),
    baseModels: baseModels(m.BaseModel, onCut),
    // 0, unreadable and summed-over-copies counts mean "not given".
    parameters,
    createdAt: timestamp(m.CreatedTime, 'CreatedTime', notes),
    updatedAt: timestamp(m.LastUpdatedTime, 'LastUpdatedTime', notes),
    openaiApi: gateway.has(id),
    openaiApiSince: since ?? null,
    upstreamId: typeof upstreamNumber === 'number' && Number.isSafeInteger(upstreamNumber) && upstreamNumber > 0 ? upstreamNumber : null,
    ownerType: typeof ownerType === 'number' && Number.isSafeInteger(ownerType) && ownerType >= 0 ? ownerType : null,
    ownerFullName: typeof organization['FullName'] === 'string' ? fit(organization['FullName'], 'ownerFullName', onCut, true) : '',
    officialTags: officialTags(m.OfficialTags, onCut),
    companion: companion(m.MuseInfo, onCut),
    triggerWords: triggerWords(m.TriggerWords, m.MuseInfo, onCut),
    // Present (possibly 0) only on AIGC records; absent or unreadable → null.
    genImageCount: typeof genImageCount === 'number' && isObject(m.MuseInfo) && m.MuseInfo['genImageCount'] != null ? genImageCount : null,
  };
  // The strict schema guards what we write; a failure here means normalisation let something odd through.
  // Its rules are applied field by field (record-check.ts, the lists shared between records once each);
  // a record failing them is checked again against ModelRecord itself, for the words of the reason.
  if (isModelRecord(record)) return record;
  const checked = ModelRecord.safeParse(record);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { id, reason: `${issue?.path.join('.') || 'record'}: ${issue?.message}` };
  }
  return record;
}


/**
 * Upstream `BaseModel` → `{id, revision}`s: a string array on real records (a lone string or null
 * tolerated), `owner/name@revision` split at the last `@`; anything not an `owner/name` id is dropped.
 */
export function baseModels(value: unknown, onCut?: OnCut): ModelRecord['baseModels'] {
  const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  const out: ModelRecord['baseModels'] = [];
  for (const raw of ids) {
    if (typeof raw !== 'string') continue;
    const text = raw.trim();
    const at = text.lastIndexOf('@');
    const id = at > 0 ? text.slice(0, at) : text;
    const revision = at > 0 && at < text.length - 1 ? text.slice(at + 1) : null;
    // Cut, an id or revision would name another model: an over-long one is dropped instead.
    if (id.length > MAX_ID_LENGTH || (revision !== null && revision.length > MAX_TEXT)) {
      onCut?.('baseModels');
      continue;
    }
    if (!/^[^/\s]+\/[^/\s]+$/.test(id) || out.some((b) => b.id === id && b.revision === revision)) continue;
    if (out.length >= MAX_ITEMS) {
      onCut?.('baseModels');
      break;
    }
    out.push(sharedEntry(JSON.stringify([id, revision]), () => ({ id: intern(id), revision: revision === null ? null : intern(revision) })));
  }
  return sharedList(out);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Longest text a record keeps, in UTF-16 code units: every free-text field and list item (names, licences,
 * types, tasks, tags, trigger words, official tag names, owner names). Longer ones are cut, ending in CUT_MARK.
 */
export const MAX_TEXT = 200;
/** Most items a record keeps of a list (tasks, tags, official tags, trigger words, base models): the first ones. */
export const MAX_ITEMS = 50;

/** Ends a text that was cut to its limit, so a reader can see it was. */
export const CUT_MARK = '…';

/**
 * `value` as it is when it has at most `limit` UTF-16 code units, else cut to `limit` with CUT_MARK as its
 * last character (never half a surrogate pair).
 */
export function cutText(value: string, limit: number = MAX_TEXT): string {
  if (value.length <= limit) return value;
  let head = value.slice(0, limit - 1);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head.trimEnd()}${CUT_MARK}`;
}

/** cutText to MAX_TEXT (trimmed first when `trim`: the fields that always were), telling `onCut` when it cut. */
function fit(value: string, field: string, onCut: OnCut, trim = false): string {
  const text = trim ? value.trim() : value;
  const out = cutText(text);
  if (out !== text) onCut?.(field);
  return out;
}

/** The first MAX_ITEMS of `list`, telling `onCut` when there were more. */
function firstItems<T>(list: readonly T[], field: string, onCut: OnCut): T[] {
  if (list.length <= MAX_ITEMS) return [...list];
  onCut?.(field);
  return list.slice(0, MAX_ITEMS);
}

/** Upstream `OfficialTags` → `{name, chineseName, tag}`s, at most MAX_ITEMS, one per `Tag`. */
export function officialTags(value: unknown, onCut?: OnCut): ModelRecord['officialTags'] {
  const out: ModelRecord['officialTags'] = [];
  const seen = new Set<string>();
  for (const item of Array.isArray(value) ? value : []) {
    if (!isObject(item) || typeof item['Tag'] !== 'string') continue;
    const tag = item['Tag'].trim();
    if (tag === '' || seen.has(tag)) continue;
    // `tag` is the stable key: cut, it would be another tag, so an over-long one is dropped.
    if (tag.length > MAX_TEXT || out.length >= MAX_ITEMS) {
      onCut?.('officialTags');
      if (out.length >= MAX_ITEMS) break;
      continue;
    }
    seen.add(tag);
    const name = typeof item['Name'] === 'string' ? fit(item['Name'], 'officialTags', onCut, true) : '';
    const chineseName = typeof item['ChineseName'] === 'string' ? fit(item['ChineseName'], 'officialTags', onCut, true) : '';
    out.push(sharedEntry(JSON.stringify([name, chineseName, tag]), () => ({ name: intern(name), chineseName: intern(chineseName), tag: intern(tag) })));
  }
  return sharedList(out);
}

function wordList(value: unknown, onCut: OnCut): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const word of value) {
    if (typeof word !== 'string') continue;
    const text = fit(word, 'triggerWords', onCut, true);
    if (text === '' || out.includes(text)) continue;
    if (out.length >= MAX_ITEMS) {
      onCut?.('triggerWords');
      break;
    }
    out.push(text);
  }
  return out;
}

/**
 * Upstream `TriggerWords` (a string array, or null) when it is an array; otherwise the first version's
 * `MuseInfo.versions[].modelVersion.triggerWords`, a JSON-encoded array (`"[\"realistic\"]"`).
 */
export function triggerWords(top: unknown, muse: unknown, onCut?: OnCut): string[] {
  return sharedList(triggerWordList(top, muse, onCut));
}

function triggerWordList(top: unknown, muse: unknown, onCut?: OnCut): string[] {
  const direct = wordList(top, onCut);
  if (direct !== undefined) return direct;
  const versions = isObject(muse) && Array.isArray(muse['versions']) ? muse['versions'] : [];
  for (const version of versions) {
    const encoded = isObject(version) && isObject(version['modelVersion']) ? version['modelVersion']['triggerWords'] : undefined;
    if (typeof encoded !== 'string' || encoded.length > 20_000) continue;
    try {
      const words = wordList(JSON.parse(encoded), onCut);
      if (words !== undefined) return words;
    } catch {
      // Not JSON: upstream text, not ours to guess at.
    }
  }
  return [];
}

const COMPANION_URL = /^modelscope:\/\/([^/\s?#]+)\/([^/\s?#]+)(?:\?revision=([^&\s#]+))?$/;

/** The first non-null `MuseInfo.versions[].inferenceCompanionVersionInfo.modelUrl` as `{id, revision}`; unreadable → null. */
export function companion(muse: unknown, onCut?: OnCut): ModelRecord['companion'] {
  const versions = isObject(muse) && Array.isArray(muse['versions']) ? muse['versions'] : [];
  for (const version of versions) {
    const info = isObject(version) ? version['inferenceCompanionVersionInfo'] : undefined;
    if (!isObject(info) || typeof info['modelUrl'] !== 'string') continue;
    const url = info['modelUrl'].trim();
    const match = url.length <= MAX_ID_LENGTH + MAX_TEXT + 30 ? COMPANION_URL.exec(url) : null;
    if (match === null) return null;
    const [, owner = '', name = '', revision] = match;
    if (owner.length + 1 + name.length > MAX_ID_LENGTH || (revision !== undefined && revision.length > MAX_TEXT)) {
      onCut?.('companion');
      return null;
    }
    const rev = revision ?? null;
    return sharedEntry(JSON.stringify(['companion', owner, name, rev]), () => ({ id: intern(`${owner}/${name}`), revision: rev === null ? null : intern(rev) }));
  }
  return null;
}

// `model-00001-of-00004.safetensors`: one shard of one model split into files.
const SHARD = /^(.*?)-?\d{5}-of-(\d{5})\.safetensors$/;

/**
 * The model's own parameter count. Upstream `ModelInfos.safetensor.model_size` sums every weight file,
 * so a repository holding several LoRAs (or versions of one) reports their sum: more than one weight
 * file that are not shards of one model (same prefix, same `-of-N`) → null. One file, or shards → the sum.
 */
export function ownParameters(infos: unknown): number | null {
  const safetensor = isObject(infos) && isObject(infos['safetensor']) ? infos['safetensor'] : undefined;
  if (safetensor === undefined) return null;
  const size = count(safetensor['model_size']);
  if (typeof size !== 'number' || size <= 0) return null;
  const files = (Array.isArray(safetensor['files']) ? safetensor['files'] : [])
    .map((file) => (isObject(file) && typeof file['name'] === 'string' ? file['name'] : ''))
    .filter((name) => name.endsWith('.safetensors'));
  if (files.length <= 1) return size;
  const groups = new Set(files.map((name) => {
    const shard = SHARD.exec(name.slice(name.lastIndexOf('/') + 1));
    return shard === null ? null : `${name.slice(0, name.lastIndexOf('/') + 1)}${shard[1]}|${shard[2]}`;
  }));
  return groups.size === 1 && !groups.has(null) ? size : null;
}

/** Type guard separating normalised records from rejections. */
export function isRejected(value: ModelRecord | Rejected): value is Rejected {
  return 'reason' in value;
}
