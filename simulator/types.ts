// The shapes the simulator speaks: upstream records (PascalCase, as ModelScope sends them), faults and the request log.

/** One task as ModelScope lists it; `Name` may be `""` upstream. */
export interface UpstreamTask {
  readonly Name: string;
  readonly ChineseName: string;
}

/**
 * The `Organization` object of a record in the tidy world (`null` there on records of individual users). The real
 * world sends `RealOrganization` on every record instead.
 */
export interface UpstreamOrganization {
  readonly Id: number;
  readonly Name: string;
  readonly FullName: string;
  readonly Avatar: string;
  readonly GithubAddress: string;
  /** 2 = organisation (the only value seen). */
  readonly Type: number;
  /** ISO 8601 with `Z`. */
  readonly GmtCreated: string;
  readonly GmtModified: string;
  /** ProseMirror JSON as a string, as upstream sends it. */
  readonly Description: string;
}

/**
 * The `Organization` object as real list items carry it on every record (24 keys, capture
 * shared/data-samples/modelscope-dolphin-lora-page-raw.json): `Type` 0 with empty strings and `null` dates for an
 * individual user, 1 or 2 for an organisation.
 */
export interface RealOrganization {
  readonly ApplyFailureReason: string;
  readonly ApplyReason: string;
  readonly Avatar: string;
  readonly CreateCompetition: boolean;
  readonly CreatedBy: string;
  /** ProseMirror JSON as a string; `""` for a person. */
  readonly Description: string;
  readonly DisplayUrl: string;
  readonly Email: string;
  readonly FromSite: string;
  readonly FullName: string;
  readonly GithubAddress: string;
  /** ISO 8601 with `Z`; `null` for a person. */
  readonly GmtCreated: string | null;
  readonly GmtModified: string | null;
  /** 0 for a person. */
  readonly Id: number;
  readonly InitAdminMembers: string;
  readonly IsApply: boolean;
  readonly IsCertification: string;
  readonly Mobile: string;
  readonly Name: string;
  /** `""` even for organisations. */
  readonly Path: string;
  readonly Roles: null;
  readonly Status: number;
  readonly SubscribeVo: null;
  /** 0 = person, 1 or 2 = organisation. */
  readonly Type: number;
}

/**
 * One model as the dolphin listing sends it. Types are what the simulator may send, awkward cases included:
 * `Stars` and the timestamps are sometimes numeric strings, `ChineseName` is sometimes missing.
 */
export interface UpstreamModel {
  /** Internal numeric id; newer models have higher ids (the Default sort). */
  readonly Id: number;
  /** Owner namespace, `[A-Za-z0-9._-]`. */
  readonly Path: string;
  /** Repository name, `[A-Za-z0-9._-]`; `Path/Name` is unique. */
  readonly Name: string;
  /** Often `""`, sometimes Chinese, sometimes hostile HTML or odd Unicode; missing on a few percent. */
  readonly ChineseName?: string;
  readonly NickName: string;
  readonly CreatedBy: string;
  readonly Description: string;
  /** Likes; a numeric string on a few percent. */
  readonly Stars: number | string;
  readonly Downloads: number;
  /** Tidy world only: real list items have no `StorageSize`. */
  readonly StorageSize?: number;
  /** `""` on some. */
  readonly License: string;
  readonly Libraries: readonly string[];
  readonly Frameworks: readonly string[];
  readonly ModelType: readonly string[];
  /** `null` on LoRAs, as on real records. */
  readonly Architectures: readonly string[] | null;
  /** `[]`, `[{Name:"",ChineseName:""}]` or `null` on a few percent. */
  readonly Tasks: readonly UpstreamTask[] | null;
  readonly Tags: readonly string[];
  /** Unix seconds; a numeric string on a few percent. */
  readonly CreatedTime: number | string;
  /** Unix seconds; a numeric string on the same few percent. */
  readonly LastUpdatedTime: number | string;
  /** 5 = public. */
  readonly Visibility: number;
  readonly ModelSource: string;
  /** Tidy world: an object for organisations, `null` for users. Real world: always an object. */
  readonly Organization: UpstreamOrganization | RealOrganization | null;
  /** Real world only: > 0 on the few records pinned to the top of the Default order (the capture's first has 13). */
  readonly IsTop?: number;
  /**
   * API-Inference type (`txt2img`, `img2img`, `txt2txt`, `img2txt`); `""` off the list, and in the real world on an
   * `emptyInferenceShare` of the listed records too.
   */
  readonly SupportInference: string;
  /** Legacy "Restful API" flag, mostly false: the trap the crawler must not use. */
  readonly SupportApiInference: boolean;
  readonly SupportExperience: number;
  readonly SupportDashInference: number;
  /** `LoRA`, `Checkpoint` or `""`. */
  readonly AigcType: string;
  /** Upstream sends both a JSON string and an object. */
  readonly AigcAttributes: string | Readonly<Record<string, string>>;
  /** Base model ids; some carry a revision (`MusePublic/Qwen-image@v1`). */
  readonly BaseModel: readonly string[];
  /** The family of an AIGC model (`FLUX_1`, `QWEN_IMAGE_20_B`…), `""` otherwise. */
  readonly VisionFoundation: string;
  /** `{safetensor: {model_size, tensor_type}}` where known (`model_size: 0` on some), `{}` otherwise. */
  readonly ModelInfos: Readonly<Record<string, unknown>>;
  /** An object mostly (as on real list items), a JSON string on some (as the SDK's default `'{}'`). */
  readonly BackendSupport: string | Readonly<Record<string, unknown>>;
  readonly Avatar: string;
  /** Tidy world: one cover on LoRAs. Real world: always `[]`; AIGC covers are in `MuseInfo.versions[].coverImages`. */
  readonly CoverImages: readonly string[];
  readonly widgets: readonly unknown[];
  /** Words a LoRA's prompt should hold, as on real records (`["摄影"]`); `[]` on most. */
  readonly TriggerWords: readonly string[];
  /** Curated tags, real shape: `{ChineseName, Name, SvgContent, Tag, TagType}`. */
  readonly OfficialTags: readonly Readonly<Record<string, string>>[];
  /** AIGC records: how often it was used to generate images, and its versions (the companion base model). */
  readonly MuseInfo: Readonly<Record<string, unknown>> | null;
  /** Present and empty on list items, as on real ones. */
  readonly ReadMeContent: string;
}

/** Sort orders of the dolphin listing, all descending. */
export type SortBy = 'Default' | 'DownloadsCount' | 'StarsCount' | 'GmtModified';

/** What a request was, as the request log and fault matching see it. */
export type RequestRoute = 'list' | 'hub' | 'chat' | 'detail' | 'control' | 'other';

/** Which requests a fault matches: 'list' = filtered dolphin, 'hub' = unfiltered dolphin, 'any' = all four. */
export type FaultRoute = 'list' | 'hub' | 'chat' | 'detail' | 'any';

/** Matching shared by every fault. */
export interface FaultMatch {
  /** Requests the fault applies to (default 'list'). */
  readonly route?: FaultRoute;
  /** Only dolphin requests with this `PageNumber` (default: any page; never matches chat/detail). */
  readonly page?: number;
  /**
   * How many times it fires before it is used up (default 1; `Infinity` allowed). For `ignore-filter` and `shrink`
   * the default is `Infinity` (active until `clearFaults()`); a finite value counts the requests they alter. For
   * `insert-during-crawl` it is the number of insertions.
   */
  readonly times?: number;
}

/** Something to go wrong, see simulator/README.md. */
export type Fault = FaultMatch &
  (
    | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
    | { readonly kind: 'reset' }
    | { readonly kind: 'truncate' }
    | { readonly kind: 'html'; readonly status?: number }
    | { readonly kind: 'envelope'; readonly code?: number; readonly success?: boolean; readonly message?: string }
    | { readonly kind: 'schema' }
    /** A well-formed page whose first model is called `name` (hostile text: newlines, `::`, escape codes…). */
    | { readonly kind: 'rename'; readonly name: string }
    | { readonly kind: 'ignore-filter' }
    | { readonly kind: 'shrink'; readonly fraction: number }
    | { readonly kind: 'insert-during-crawl'; readonly every: number }
    /**
     * The order is a live ranking: after every list request a `share` of models climb up to `jump` places
     * in the Default and DownloadsCount orders, and an `updates` share jumps to the top of GmtModified.
     */
    | { readonly kind: 'moving-order'; readonly share?: number; readonly jump?: number; readonly updates?: number }
  );

export type FaultKind = Fault['kind'];

/** One request as the simulator saw and answered it. */
export interface RequestRecord {
  readonly method: string;
  /** Path and query as sent. */
  readonly path: string;
  readonly route: RequestRoute;
  /** `PageNumber` of a dolphin request. */
  readonly page?: number;
  /** HTTP status sent; 0 when the socket was reset instead. */
  readonly status: number;
  /** Request headers, lower-case names, repeated values joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** `Date.now()` when the request arrived. */
  readonly at: number;
  /** The fault that shaped the answer, if any (modifiers included). */
  readonly fault?: FaultKind;
}
