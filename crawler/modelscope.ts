// The ModelScope source: request shapes and lenient upstream schemas (normalise.ts turns an item into
// our strict record). Upstream is an undocumented web backend, so its schemas accept extra keys and
// loose types; ours do not.
import { z } from 'zod';
import { shanghaiDate } from '../store/dates.ts';
import { EnvelopeError, schemaErrorFrom } from './errors.ts';
import type { HttpClient } from './http/client.ts';
import { readTimestamp, type TimestampProblem } from './timestamps.ts';

/**
 * Longest id taken (catalog `owner/name`, base models, companions, gateway ids): far above any real
 * repository (names of 300 letters are tested end to end, test/pipeline-hostile-output.test.ts); cut, an
 * id would name another model, so a longer one is rejected or dropped.
 */
export const MAX_ID_LENGTH = 1000;

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
  // AIGC records: base models (string array; a single string or null seen too), family, parameter count.
  BaseModel: z.unknown().optional(),
  VisionFoundation: Text,
  ModelInfos: z.unknown().optional(),
  // Real-service fields (issue 19): numeric id (same across a rename), owner, curated tags, LoRA details.
  Id: z.unknown().optional(),
  Organization: z.unknown().optional(),
  OfficialTags: z.unknown().optional(),
  TriggerWords: z.unknown().optional(),
  MuseInfo: z.unknown().optional(),
});
export type UpstreamModel = z.infer<typeof UpstreamModel>;
/** The upstream keys we read; normalisation picks only these from ~100-key items. */
export const UPSTREAM_KEYS: readonly string[] = Object.keys(UpstreamModel.shape);

const isText = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';
const isCount = (value: unknown): boolean => isText(value) || (typeof value === 'number' && Number.isFinite(value));
const isList = (value: unknown): boolean => value === undefined || value === null || Array.isArray(value);
const anything = (): boolean => true;

/**
 * UpstreamModel's checks, one per key (undefined: the key is absent), so normalisation can check an item without
 * zod copying it; an item failing one is handed to zod for the reason. Exactly as strict as the schema: a
 * key added there must be added here (the type says so), and test/crawler-upstream-checks.test.ts compares
 * the two on every kind of value.
 */
export const UPSTREAM_CHECKS: Readonly<Record<keyof typeof UpstreamModel.shape, (value: unknown) => boolean>> = {
  Path: (value) => typeof value === 'string',
  Name: (value) => typeof value === 'string',
  ChineseName: isText,
  Stars: isCount,
  Downloads: isCount,
  Tasks: isList,
  Tags: isList,
  License: isText,
  SupportInference: isText,
  AigcType: isText,
  CreatedTime: anything,
  LastUpdatedTime: anything,
  BaseModel: anything,
  VisionFoundation: isText,
  ModelInfos: anything,
  Id: anything,
  Organization: anything,
  OfficialTags: anything,
  TriggerWords: anything,
  MuseInfo: anything,
};

/** Each key we read with its check, in the schema's order. */
export const UPSTREAM_FIELDS: readonly (readonly [key: string, check: (value: unknown) => boolean])[] = UPSTREAM_KEYS.map((key) => [key, UPSTREAM_CHECKS[key as keyof typeof UPSTREAM_CHECKS]]);

const ModelPage = z.looseObject({ Models: z.array(z.unknown()), TotalCount: z.number().int().nonnegative() });
const ListEnvelope = z.looseObject({
  Code: z.number(),
  Success: z.boolean().optional(),
  Message: Text,
  RequestId: Text,
  // Newer builds nest the page under Data.Model; one client saw Data.Models on older ones.
  Data: z.union([z.looseObject({ Model: ModelPage }), ModelPage]),
});

// Real replies have `"object": ""` and `"owned_by": "system"`; only `id` (and `created`, when usable) matter.
const GatewayList = z.looseObject({ data: z.array(z.looseObject({ id: z.string().min(1), created: z.unknown().optional() })) });

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
  /** Sort order (default LISTING_ORDER); the probe also looks at `Default`. */
  sortBy?: string;
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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPage = (value: unknown): value is { Models: unknown[]; TotalCount: number } =>
  isRecord(value) && Array.isArray(value['Models']) && Number.isSafeInteger(value['TotalCount']) && (value['TotalCount'] as number) >= 0;

/**
 * A successful envelope whose page passes ListEnvelope's rules, read without zod copying its 100 items; undefined
 * for anything else (an error code, a doubtful shape), which checkEnvelope then judges and words as before.
 */
function plainPage(json: unknown): CatalogPage | undefined {
  if (!isRecord(json) || json['Code'] !== 200 || !(json['Success'] === undefined || json['Success'] === true)) return undefined;
  if (!isText(json['Message']) || !isText(json['RequestId']) || !isRecord(json['Data'])) return undefined;
  const data = json['Data'];
  // ListEnvelope's union: Data.Model when it is a page, else Data itself when Data has no Model at all.
  const page = isPage(data['Model']) ? data['Model'] : data['Model'] === undefined && isPage(data) ? data : undefined;
  return page && { totalCount: page.TotalCount, items: page.Models };
}

/** Validate a dolphin response body down to the page; throws EnvelopeError or SchemaError. */
export function parseCatalogPage(json: unknown, where = 'catalog page'): CatalogPage {
  return plainPage(json) ?? parseCatalogPageWithZod(json, where);
}

/** parseCatalogPage by ListEnvelope alone (what it does with any body plainPage does not take). */
export function parseCatalogPageWithZod(json: unknown, where = 'catalog page'): CatalogPage {
  const envelope = checkEnvelope(json, where);
  const data = envelope.Data as { Model?: z.infer<typeof ModelPage> } & Partial<z.infer<typeof ModelPage>>;
  const page = data.Model ?? (data as z.infer<typeof ModelPage>);
  return { totalCount: page.TotalCount, items: page.Models };
}

/** What the OpenAI-compatible gateway says of the models it serves: id → `created` as a Shanghai date, or null. */
export type GatewayModels = ReadonlyMap<string, string | null>;

/**
 * `created` → Shanghai date: seconds or milliseconds, read by readTimestamp (timestamps.ts) like every
 * upstream timestamp; absent or absurd (before 2000, from 2100 on, not finite) → null.
 */
export function gatewaySince(created: unknown, nulled?: (problem: TimestampProblem) => void): string | null {
  const reading = readTimestamp(created);
  if (reading.problem !== undefined) nulled?.(reading.problem);
  return reading.ms === null ? null : shanghaiDate(new Date(reading.ms));
}

/** Validate an OpenAI-style model list (`GET /v1/models`); `nulled` hears of each unusable `created`. */
export function parseGatewayList(json: unknown, where = 'gateway model list', nulled?: (id: string, problem: TimestampProblem) => void): GatewayModels {
  const parsed = GatewayList.safeParse(json);
  if (!parsed.success) throw schemaErrorFrom(parsed.error, where);
  const models = new Map<string, string | null>();
  for (const { id, created } of parsed.data.data) {
    // No model is called by an id that long: dropped, as the catalog rejects one (MAX_ID_LENGTH).
    if (id.length > MAX_ID_LENGTH) continue;
    models.set(id, gatewaySince(created, nulled && ((problem) => nulled(id, problem))));
  }
  return models;
}

/**
 * The order pages are read in. `Default` is a live popularity ranking that moves while 600 pages are
 * read; `GmtModified` moves only when a model is updated, and then to the top (see crawler/listing.ts).
 */
export const LISTING_ORDER = 'GmtModified';

/** The JSON body the website sends for one page of the catalog. */
export function catalogRequestBody(page: number, pageSize: number, filtered: boolean, sortBy: string = LISTING_ORDER): Record<string, unknown> {
  return {
    PageNumber: page,
    PageSize: pageSize,
    SortBy: sortBy,
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
    body: catalogRequestBody(request.page, request.pageSize ?? PAGE_SIZE, filtered, request.sortBy),
    headers: { Accept: 'application/json' },
    parse: (json) => parseCatalogPage(json, `PUT ${url} (page ${request.page})`),
  });
}

/** Fetch the models the OpenAI-compatible gateway serves; the token, when given, goes only here. */
export function fetchGatewayModels(
  client: HttpClient,
  inferenceOrigin: string,
  token?: string,
  nulled?: (id: string, problem: TimestampProblem) => void,
): Promise<GatewayModels> {
  const url = `${inferenceOrigin}/v1/models`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  return client.requestJson({ method: 'GET', url, headers, parse: (json) => parseGatewayList(json, `GET ${url}`, nulled) });
}
