// The snapshot record: what we write to `snapshots/<date>.json`. Strict on purpose: a field we did not
// plan for is a bug, not data.
import { z } from 'zod';
import { isCalendarDate } from './dates.ts';

/** A calendar date as ModelScope's day (Asia/Shanghai), `YYYY-MM-DD`; `2026-02-30` is refused. */
export const IsoDate = z.string().refine(isCalendarDate, 'expected a calendar date YYYY-MM-DD');

/**
 * One model on the API-Inference list, as stored in a snapshot. The declaration order is the key order
 * on disk: fields that change night to night come last, so a changed line is one unchanged prefix plus
 * a short tail. git's delta compression then stores a snapshot against an older one in about half
 * the bytes (`npm run bench:history`), and `git diff --word-diff` shows just the numbers.
 */
export const ModelRecord = z.strictObject({
  /** `owner/name`, unique within a snapshot; snapshots are sorted by it. */
  id: z.string().min(3),
  /** Namespace (upstream `Path`). */
  owner: z.string().min(1),
  /** Repository name (upstream `Name`). */
  name: z.string().min(1),
  /** Upstream numeric `Id`: stays the same when a repository moves to another namespace (renames); `null` when absent (and in snapshots written before it was kept). */
  upstreamId: z.number().int().positive().nullable().default(null),
  /** Upstream `Organization.Type`: 0 a person, 1 or 2 an organisation; `null` when absent. */
  ownerType: z.number().int().nonnegative().nullable().default(null),
  /** Upstream `Organization.FullName` (display name of the owner); `""` when absent. */
  ownerFullName: z.string().default(''),
  /** Upstream `ChineseName`; `""` when absent. */
  chineseName: z.string(),
  /** Task names (upstream `Tasks[].Name`), empties dropped, order kept. */
  tasks: z.array(z.string().min(1)),
  /** Free tags (upstream `Tags`). */
  tags: z.array(z.string()),
  /** Curated tags (upstream `OfficialTags`): `name` English, `chineseName` Chinese, `tag` the stable key. */
  // Key order name, chineseName, tag: on disk nested keys follow the record's own key list (snapshots.ts).
  officialTags: z.array(z.strictObject({
    /** Upstream `Name` (`Photography`); `""` when absent. */
    name: z.string(),
    /** Upstream `ChineseName` (`写实摄影`); `""` when absent. */
    chineseName: z.string(),
    /** Upstream `Tag` (`photography`), the stable key. */
    tag: z.string().min(1),
  })).default([]),
  /** Licence as one lower-case, SPDX-style id (`Apache License 2.0` → `apache-2.0`); `""` when upstream has none. */
  license: z.string(),
  /** Upstream `License` as spelled there, when it differs from `license`; `null` when it is the same. */
  licenseUpstream: z.string().nullable(),
  /** Upstream `SupportInference` (e.g. `txt2img`); `""` when upstream left it empty on a listed model (the type is unknown). */
  inferenceType: z.string(),
  /** Upstream `AigcType` (`LoRA`, `Checkpoint`…); `""` when absent. */
  aigcType: z.string(),
  /** Upstream `VisionFoundation` (`FLUX_1`, `QWEN_IMAGE_20_B`…): the family an AIGC model belongs to; `""` when absent. */
  visionFoundation: z.string(),
  /** Upstream `BaseModel`: the models this one is built on (a LoRA is called through one), revision split off. */
  baseModels: z.array(z.strictObject({
    /** `owner/name` of the base model. */
    id: z.string().min(1),
    /** The revision after `@` in upstream's id (`MusePublic/Qwen-image@v1` → `v1`); `null` when none. */
    revision: z.string().min(1).nullable(),
  })),
  /** The base model a LoRA is called through on API-Inference (upstream `MuseInfo…inferenceCompanionVersionInfo.modelUrl`); `null` when none. */
  companion: z.strictObject({
    /** `owner/name` of the companion base model. */
    id: z.string().min(1),
    /** Its revision (`?revision=v1`); `null` when none. */
    revision: z.string().min(1).nullable(),
  }).nullable().default(null),
  /** Words a LoRA's prompt should hold (upstream `TriggerWords`). */
  triggerWords: z.array(z.string().min(1)).default([]),
  /** The model's own parameter count (upstream `ModelInfos.safetensor.model_size` when it is not a sum over copies); `null` when not known. */
  parameters: z.number().int().positive().nullable(),
  /** ISO 8601 UTC; `null` when upstream sends nothing usable. */
  createdAt: z.string().datetime().nullable(),
  /** Served by the OpenAI-compatible gateway (`GET /v1/models`), which lists chat models and a few others. */
  openaiApi: z.boolean(),
  /** The day the gateway lists for it (`created`, a Shanghai date: when it was added to API-Inference); `null` when not served or not given. */
  openaiApiSince: IsoDate.nullable(),
  /** ISO 8601 UTC; `null` when upstream sends nothing usable. */
  updatedAt: z.string().datetime().nullable(),
  /** Likes (upstream `Stars`). */
  likes: z.number().int().nonnegative(),
  /** Total downloads (upstream `Downloads`). */
  downloads: z.number().int().nonnegative(),
  /** Images generated with it on ModelScope (upstream `MuseInfo.genImageCount`, AIGC models); `null` when absent. */
  genImageCount: z.number().int().nonnegative().nullable().default(null),
}).refine((record) => record.id === `${record.owner}/${record.name}`, { message: 'id must be owner/name', path: ['id'] });
export type ModelRecord = z.infer<typeof ModelRecord>;

/** Where a snapshot came from (no timings: those would break determinism). */
export const SnapshotSource = z.strictObject({
  /** Catalog origin, e.g. `https://modelscope.cn`. */
  origin: z.string(),
  /** Inference gateway origin, e.g. `https://api-inference.modelscope.cn`. */
  inferenceOrigin: z.string(),
  /** Upstream `TotalCount` of the filtered listing the snapshot equals. */
  totalCount: z.number().int().nonnegative(),
  /** Upstream `TotalCount` without the API-Inference filter (the filter check). */
  unfilteredTotalCount: z.number().int().nonnegative(),
  /** Number of ids the OpenAI-compatible gateway (`GET /v1/models`) served. */
  openaiApiModelCount: z.number().int().nonnegative(),
  /** `totalCount` minus the distinct models the listing yielded, when that gap held still over two full reads (hidden or private rows); 0 normally. */
  shortfall: z.number().int().nonnegative().default(0),
  /** Listed models whose `SupportInference` was empty (kept with `inferenceType: ""`). */
  unknownInference: z.number().int().nonnegative().default(0),
});
export type SnapshotSource = z.infer<typeof SnapshotSource>;

/** One id the OpenAI-compatible gateway served that night, whether or not the catalog lists it. */
export const GatewayRecord = z.strictObject({
  /** The id exactly as `GET /v1/models` gives it (what a client sends as `model`). */
  id: z.string().min(1),
  /** Its `created` as a Shanghai date; `null` when absent or unusable. */
  since: IsoDate.nullable(),
});
export type GatewayRecord = z.infer<typeof GatewayRecord>;

/** One dated snapshot file: `<data-dir>/snapshots/<date>.json`. */
export const Snapshot = z.strictObject({
  date: IsoDate,
  source: SnapshotSource,
  models: z.array(ModelRecord),
  /**
   * Every id the gateway served, sorted by id; absent in snapshots written before it was kept (read those
   * with `gatewayOf`, which falls back to the catalog models flagged `openaiApi`).
   */
  gateway: z.array(GatewayRecord).optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** The gateway's list of a snapshot: its own `gateway` when written, else the listed models it flagged. */
export function gatewayOf(snapshot: { models: readonly Pick<ModelRecord, 'id' | 'openaiApi' | 'openaiApiSince'>[]; gateway?: GatewayRecord[] | undefined }): GatewayRecord[] {
  if (snapshot.gateway !== undefined) return snapshot.gateway;
  return snapshot.models.filter((model) => model.openaiApi).map((model) => ({ id: model.id, since: model.openaiApiSince }));
}
