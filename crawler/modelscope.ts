// The ModelScope source, as one pipeline: request shapes → lenient upstream schemas → our strict record.
// Upstream is an undocumented web backend, so its schemas accept extra keys and loose types; ours do not.
import { z } from 'zod';
import { coerceTimestamp } from './dates.ts';
import { EnvelopeError, schemaErrorFrom } from './errors.ts';
import type { HttpClient } from './http.ts';
import { ModelRecord } from './record.ts';

/** Page size for the catalog listing: the largest value public clients use successfully. */
export const PAGE_SIZE = 100;

/** The website's "API-Inference" filter (see shared/modelscope-api.md §2.1). */
export const INFERENCE_FILTER = [{ category: 'inference_type', DateType: 'int', predicate: 'equal', IntValue: 1 }];

const Count = z.union([z.number(), z.string(), z.null()]).optional();
const Text = z.union([z.string(), z.null()]).optional();

/** One upstream list item, leniently: only what we read, typed as loosely as clients have seen it. */
export const UpstreamModel = z.looseObject({
  Path: z.string(),
  Name: z.string(),
  ChineseName: Text,
  Stars: Count,
  Downloads: Count,
  Tasks: z.union([z.array(z.unknown()), z.null()]).optional(),
  Tags: z.union([z.array(z.unknown()), z.null()]).optional(),
  License: Text,
  SupportInference: Text,
  AigcType: Text,
  CreatedTime: z.unknown().optional(),
  LastUpdatedTime: z.unknown().optional(),
});
export type UpstreamModel = z.infer<typeof UpstreamModel>;
const UPSTREAM_KEYS = Object.keys(UpstreamModel.shape);

const ModelPage = z.looseObject({ Models: z.array(z.unknown()), TotalCount: z.number().int().nonnegative() });
const ListEnvelope = z.looseObject({
  Code: z.number(),
  Success: z.boolean().optional(),
  Message: Text,
  RequestId: Text,
  // Newer builds nest the page under Data.Model; one client saw Data.Models on older ones.
  Data: z.union([z.looseObject({ Model: ModelPage }), ModelPage]),
});

const ChatList = z.looseObject({ data: z.array(z.looseObject({ id: z.string().min(1) })) });

/** One parsed catalog page: raw items kept unparsed so one bad record cannot sink the page. */
export interface CatalogPage {
  /** Upstream `TotalCount` as this page reported it. */
  totalCount: number;
  /** The page's items, unvalidated. */
  items: unknown[];
}

/** Which listing to request. */
export interface PageRequest {
  /** Catalog origin, no trailing slash. */
  origin: string;
  /** 1-based page number. */
  page: number;
  /** Items per page (default PAGE_SIZE). */
  pageSize?: number;
  /** Apply the API-Inference filter (default true); false asks for the whole hub, for the filter check. */
  filtered?: boolean;
}

function checkEnvelope(json: unknown, where: string): z.infer<typeof ListEnvelope> {
  const head = z.looseObject({ Code: z.unknown(), Success: z.unknown(), Message: z.unknown(), RequestId: z.unknown() }).safeParse(json);
  if (head.success && (head.data.Code !== 200 || head.data.Success === false) && head.data.Code !== undefined) {
    throw new EnvelopeError({
      code: head.data.Code,
      success: head.data.Success,
      message: typeof head.data.Message === 'string' ? head.data.Message : '',
      requestId: typeof head.data.RequestId === 'string' ? head.data.RequestId : '',
      context: where,
    });
  }
  const parsed = ListEnvelope.safeParse(json);
  if (!parsed.success) throw schemaErrorFrom(parsed.error, where);
  return parsed.data;
}

/** Validate a dolphin response body down to the page; throws EnvelopeError or SchemaError. */
export function parseCatalogPage(json: unknown, where = 'catalog page'): CatalogPage {
  const envelope = checkEnvelope(json, where);
  const data = envelope.Data as { Model?: z.infer<typeof ModelPage> } & Partial<z.infer<typeof ModelPage>>;
  const page = data.Model ?? (data as z.infer<typeof ModelPage>);
  return { totalCount: page.TotalCount, items: page.Models };
}

/** Validate an OpenAI-style model list; returns the ids. */
export function parseChatList(json: unknown, where = 'chat model list'): string[] {
  const parsed = ChatList.safeParse(json);
  if (!parsed.success) throw schemaErrorFrom(parsed.error, where);
  return parsed.data.data.map((entry) => entry.id);
}

/** The JSON body the website sends for one page of the catalog. */
export function catalogRequestBody(page: number, pageSize: number, filtered: boolean): Record<string, unknown> {
  return {
    PageNumber: page,
    PageSize: pageSize,
    // Default order is newest first, so churn shows up as a changed TotalCount rather than silent reshuffles.
    SortBy: 'Default',
    Name: '',
    Target: '',
    Criterion: [],
    SingleCriterion: filtered ? INFERENCE_FILTER : [],
  };
}

/** Fetch and parse one catalog page. */
export function fetchCatalogPage(client: HttpClient, request: PageRequest): Promise<CatalogPage> {
  const url = `${request.origin}/api/v1/dolphin/models`;
  const filtered = request.filtered ?? true;
  return client.requestJson({
    method: 'PUT',
    url,
    page: request.page,
    body: catalogRequestBody(request.page, request.pageSize ?? PAGE_SIZE, filtered),
    headers: { Accept: 'application/json' },
    parse: (json) => parseCatalogPage(json, `PUT ${url} (page ${request.page})`),
  });
}

/** Fetch the ids the OpenAI-compatible gateway serves; the token, when given, goes only here. */
export function fetchChatIds(client: HttpClient, inferenceOrigin: string, token?: string): Promise<string[]> {
  const url = `${inferenceOrigin}/v1/models`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  return client.requestJson({ method: 'GET', url, headers, parse: (json) => parseChatList(json, `GET ${url}`) });
}

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

/** Upstream item → our record, or the reason it is unusable. `chatIds` marks OpenAI-API models. */
export function normaliseModel(item: unknown, chatIds: ReadonlySet<string>): ModelRecord | Rejected {
  if (typeof item !== 'object' || item === null) return { id: '(no id)', reason: `item: expected an object, got ${item === null ? 'null' : typeof item}` };
  // Pick the keys we read before validating: a loose parse of the full ~100-key record (Organization and all)
  // would copy it, and at 60k records that garbage dominates the crawl's memory.
  const raw = item as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key of UPSTREAM_KEYS) if (key in raw) picked[key] = raw[key];
  const parsed = UpstreamModel.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { id: upstreamId(item) ?? '(no id)', reason: `${issue?.path.join('.') || 'item'}: ${issue?.message}` };
  }
  const m = parsed.data;
  const id = `${m.Path}/${m.Name}`;
  for (const segment of [m.Path, m.Name]) {
    if (!SAFE_SEGMENT.test(segment) || segment === '.' || segment === '..') {
      return { id, reason: `unusable owner or name ${JSON.stringify(segment)}` };
    }
  }
  const likes = count(m.Stars);
  const downloads = count(m.Downloads);
  if (typeof likes === 'string') return { id, reason: `Stars ${likes}` };
  if (typeof downloads === 'string') return { id, reason: `Downloads ${downloads}` };
  const inferenceType = text(m.SupportInference).trim();
  if (inferenceType === '') return { id, reason: 'empty SupportInference' };
  const tasks = (m.Tasks ?? [])
    .map((task) => (typeof task === 'object' && task !== null ? (task as { Name?: unknown }).Name : undefined))
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  const tags = (m.Tags ?? []).filter((tag): tag is string => typeof tag === 'string');
  const record: ModelRecord = {
    id,
    owner: m.Path,
    name: m.Name,
    chineseName: text(m.ChineseName),
    likes,
    downloads,
    tasks,
    tags,
    license: text(m.License),
    inferenceType,
    aigcType: text(m.AigcType),
    createdAt: coerceTimestamp(m.CreatedTime),
    updatedAt: coerceTimestamp(m.LastUpdatedTime),
    chatApi: chatIds.has(id),
  };
  // The strict schema guards what we write; a failure here means normalisation let something odd through.
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
