// The archive of models that left the list before the tombstone window: their pages are no longer files
// of their own (a simulated year leaves 77,000 departures, and GitHub Pages refuses sites over 1 GB), so
// the site's 404.html draws their tombstone from `api/departed/<bucket>.json`. The build writes the
// buckets (pages/api/departed/[bucket].json.ts) and scripts/not-found.ts finds a page's bucket, both with
// this module's hash. Pure and DOM-free: the browser bundle carries it.

/** The `format` of every bucket file. */
export const DEPARTED_FORMAT = 'msc-departed/1';

/** Models a bucket holds, about: 256 records are ~30 KB, ~6 KB gzip, one fetch for one tombstone. */
const BUCKET_TARGET = 256;

/** What the archive keeps of a model no longer on the list. */
export interface DepartedModel {
  /** ModelScope id, `owner/name`, as upstream gives it. */
  id: string;
  /** Its page below the site base, in URL form (`models/<owner>/<name>/`): the key its bucket is chosen by. */
  page: string;
  /** The observed night it was first missing, `YYYY-MM-DD`. */
  left: string;
  /** Its stays, oldest first: first and last night seen on the list, `YYYY-MM-DD`. */
  stays: [from: string, to: string][];
  /** Likes on the last night it was seen. */
  likes: number;
  /** Downloads on the last night it was seen. */
  downloads: number;
}

/** One bucket file. */
export interface DepartedFile {
  format: typeof DEPARTED_FORMAT;
  /** This bucket's number, 0 ≤ bucket < buckets. */
  bucket: number;
  /** How many buckets the archive has (a power of two). */
  buckets: number;
  /** Its models, sorted by id. */
  models: DepartedModel[];
}

/** Buckets for `models` archived models: a power of two, about BUCKET_TARGET models each, at least 1. */
export function departedBucketCount(models: number): number {
  let buckets = 1;
  while (models / buckets > BUCKET_TARGET) buckets *= 2;
  return buckets;
}

/** The bucket of a page path (FNV-1a over its UTF-16 code units: the same in Node and every browser). */
export function departedBucket(page: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < page.length; i++) hash = Math.imul(hash ^ page.charCodeAt(i), 0x01000193) >>> 0;
  return hash % buckets;
}

/** The models of each bucket, bucket by bucket (`models` sorted by id stay sorted within a bucket). */
export function departedBuckets(models: readonly DepartedModel[]): DepartedModel[][] {
  if (models.length === 0) return [];
  const buckets = Array.from({ length: departedBucketCount(models.length) }, (): DepartedModel[] => []);
  for (const model of models) buckets[departedBucket(model.page, buckets.length)]?.push(model);
  return buckets;
}

/** Path of a bucket file below the site root. */
export function departedFilePath(bucket: number): string {
  return `api/departed/${bucket}.json`;
}

const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Whether `value` is a well-formed archive record (a bucket is fetched over the network: checked, not trusted). */
export function isDepartedModel(value: unknown): value is DepartedModel {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m['id'] === 'string' && typeof m['page'] === 'string' && isDate(m['left']) && isCount(m['likes']) && isCount(m['downloads']) &&
    Array.isArray(m['stays']) && m['stays'].length > 0 && m['stays'].every((stay) => Array.isArray(stay) && stay.length === 2 && isDate(stay[0]) && isDate(stay[1]))
  );
}

/** The record for `page` in a parsed bucket file, or `undefined` (not there, or not a bucket file). */
export function findDeparted(file: unknown, page: string): DepartedModel | undefined {
  if (typeof file !== 'object' || file === null) return undefined;
  const { format, models } = file as Record<string, unknown>;
  if (format !== DEPARTED_FORMAT || !Array.isArray(models)) return undefined;
  const found: unknown = models.find((m: unknown) => typeof m === 'object' && m !== null && (m as Record<string, unknown>)['page'] === page);
  return isDepartedModel(found) ? found : undefined;
}

/**
 * The page path (below the base, `models/<owner>/<name>/`) a 404 was served for, from the address bar's
 * pathname; `undefined` when the address is not a model page's.
 */
export function departedPageOf(pathname: string, base: string): string | undefined {
  if (!pathname.startsWith(base)) return undefined;
  const match = /^models\/([^/]+)\/([^/]+)\/?$/.exec(pathname.slice(base.length));
  return match === null ? undefined : `models/${match[1]}/${match[2]}/`;
}
