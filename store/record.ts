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
  /** Upstream `ChineseName`; `""` when absent. */
  chineseName: z.string(),
  /** Task names (upstream `Tasks[].Name`), empties dropped, order kept. */
  tasks: z.array(z.string().min(1)),
  /** Free tags (upstream `Tags`). */
  tags: z.array(z.string()),
  /** Licence as one lower-case, SPDX-style id (`Apache License 2.0` → `apache-2.0`); `""` when upstream has none. */
  license: z.string(),
  /** Upstream `License` as spelled there, when it differs from `license`; `null` when it is the same. */
  licenseUpstream: z.string().nullable(),
  /** Upstream `SupportInference` (e.g. `txt2img`); never empty on the list. */
  inferenceType: z.string().min(1),
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
  /** Parameter count (upstream `ModelInfos.safetensor.model_size`); `null` when upstream gives none. */
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
});
export type SnapshotSource = z.infer<typeof SnapshotSource>;

/** One dated snapshot file: `<data-dir>/snapshots/<date>.json`. */
export const Snapshot = z.strictObject({
  date: IsoDate,
  source: SnapshotSource,
  models: z.array(ModelRecord),
});
export type Snapshot = z.infer<typeof Snapshot>;
