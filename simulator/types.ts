// The shapes the simulator speaks: upstream records (PascalCase, as ModelScope sends them), faults and the request log.

/** One task as ModelScope lists it; `Name` may be `""` upstream. */
export interface UpstreamTask {
  readonly Name: string;
  readonly ChineseName: string;
}

/** The `Organization` object of a record; `null` on records of individual users. */
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
  readonly StorageSize: number;
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
  readonly Organization: UpstreamOrganization | null;
  /** API-Inference type (`txt2img`, `img2img`, `txt2txt`, `img2txt`); `""` off the list. */
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
