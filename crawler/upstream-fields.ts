// The upstream fields that take more than a coercion to read: lists of objects (base models, official tags),
// JSON inside strings (MuseInfo's trigger words), URLs (the companion model), and weight sizes summed over
// files (parameters). Each reads what it can, drops what it cannot, and keeps within the bounds (bounds.ts).
import type { ModelRecord } from '../store/record.ts';
import { fit, MAX_ITEMS, MAX_TEXT, type OnCut } from './bounds.ts';
import { MAX_ID_LENGTH } from './modelscope.ts';
import { intern, sharedEntry, sharedList } from './shared-values.ts';

/** `value` as a count (a whole number ≥ 0, or its digits as text; absent or `''` → 0), else why it is not one. */
export function count(value: unknown): number | string {
  if (value === null || value === undefined || value === '') return 0;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  return `not a count: ${JSON.stringify(value)?.slice(0, 40)}`;
}

/** Whether `value` is a plain object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
