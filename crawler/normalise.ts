// One upstream list item → our strict snapshot record, or the reason it is unusable. Upstream types are
// loose (counts as strings, timestamps in seconds or milliseconds, null where a list belongs), so every
// field is coerced here and the result checked against the schema we write. Every text and list kept is
// bounded (bounds.ts), whatever size upstream sends; the nested fields are read in upstream-fields.ts.
import { ModelRecord } from '../store/record.ts';
import { cutText, fit, firstItems, MAX_TEXT, type OnCut } from './bounds.ts';
import { MAX_ID_LENGTH, UPSTREAM_FIELDS, UpstreamModel, type GatewayModels } from './modelscope.ts';
import { isModelRecord } from './record-check.ts';
import { intern, license, sharedList } from './shared-values.ts';
import { readTimestamp, type TimestampProblem } from './timestamps.ts';
import { baseModels, companion, count, isObject, officialTags, ownParameters, triggerWords } from './upstream-fields.ts';

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

/** A record we could not use, and why. */
export interface Rejected {
  /** `Path/Name` when the item had them, else `#<index>`. */
  id: string;
  reason: string;
}

const SAFE_SEGMENT = /^[^/\\\s\u0000-\u001f\u007f]+$/;

const text = (value: string | null | undefined): string => value ?? '';

/** The id an upstream item would get, or undefined when it lacks Path/Name strings. */
export function upstreamId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { Path, Name } = item as { Path?: unknown; Name?: unknown };
  return typeof Path === 'string' && typeof Name === 'string' ? `${Path}/${Name}` : undefined;
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

/** Type guard separating normalised records from rejections. */
export function isRejected(value: ModelRecord | Rejected): value is Rejected {
  return 'reason' in value;
}
