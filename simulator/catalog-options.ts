// The catalog generator's options: what each knob means, its default, its range, and the tidy world's values
// (where the real world's knobs cannot be set). Resolved once, with a one-line error for nonsense, so the
// generator (catalog.ts) works only with complete, checked options.
import { SimulatorError } from './errors.ts';

/** Generator options; the same options and day always give the same catalog. */
export interface CatalogOptions {
  /** Models on the list on day 0 (default 500, 0…100_000). */
  readonly size?: number;
  /** Generator seed, a non-negative safe integer (default 1). */
  readonly seed?: number;
  /** Share of the list that changes membership per day: enters, leaves, returns (default 0.01). */
  readonly churnRate?: number;
  /** Share of models whose downloads grow per day (default 1/3); likes grow on a fifth as many. */
  readonly metricsRate?: number;
  /** Unfiltered hub size on day 0 = size × hubFactor (default 3, at least 1). */
  readonly hubFactor?: number;
  /** Ids served by /v1/models, `gatewayOnly` of them not in the catalog (default 40). */
  readonly chatModels?: number;
  /**
   * The tidy world of before issue 19 (default false): `Organization: null` for users, `StorageSize`, covers in
   * `CoverImages`, Default order = newest Id first, and every knob below off. A knob given with `tidy: true` is refused.
   */
  readonly tidy?: boolean;
  /**
   * Share of the listed models served with `SupportInference: ""` although the filter returns them (default 0.05;
   * ~1.15× that on image LoRAs, 0.1× on text models). The draw is per model and per week (day ÷ 7), stable within a day.
   */
  readonly emptyInferenceShare?: number;
  /** Hidden rows: the filtered list's TotalCount says this many more than it serves (default 3, stable all day). */
  readonly shortfall?: number;
  /** Ids /v1/models serves that the catalog does not have (default 3, at most GATEWAY_ONLY_IDS.length). */
  readonly gatewayOnly?: number;
  /**
   * Expected renames per day (default 0.2): ⌊x⌋ every day plus one more with probability x − ⌊x⌋. A renamed model
   * keeps its `Id` and `Name` but moves to another namespace (like `damo/` → `iic/`), and stays there.
   */
  readonly renames?: number;
}

/** Options with every default filled in (resolveCatalogOptions). */
export type ResolvedCatalogOptions = Required<CatalogOptions>;

/** The id /v1/models serves that the catalog does not have (the tidy world's only one). */
export const GATEWAY_ONLY_ID = 'deepseek-ai/DeepSeek-V3.2-Exp';
/**
 * Ids the gateway serves that the filtered catalog does not list, first `gatewayOnly` of them (the real gateway
 * served the text-to-video `Wan-AI/Wan2.1-T2V-1.3B` in 2025-08: shared/data-samples/gateway-v1models-ids-2025-08.json).
 */
export const GATEWAY_ONLY_IDS: readonly string[] = [
  GATEWAY_ONLY_ID,
  'Wan-AI/Wan2.1-T2V-1.3B',
  'Qwen/Qwen3-235B-A22B',
  'LLM-Research/c4ai-command-r-plus-08-2024',
  'mistralai/Mistral-Large-Instruct-2407',
  'Wan-AI/Wan2.1-T2V-14B',
  'XGenerationLab/XiYanSQL-QwenCoder-32B-2412',
  'opencompass/CompassJudger-1-32B-Instruct',
];

/** `value` when it is a finite number in [min, max] (and whole when `integer`); else a SimulatorError naming `name`. */
export function checkNumber(value: number, name: string, min: number, max: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new SimulatorError(`${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${String(value)}`, 'catalog options');
  }
  return value;
}

/** The knobs of the real world and their values in the tidy one (where they cannot be set to anything else). */
const TIDY_KNOBS = { emptyInferenceShare: 0, shortfall: 0, gatewayOnly: 1, renames: 0 } as const;
const KNOBS = Object.keys(TIDY_KNOBS) as (keyof typeof TIDY_KNOBS)[];

/** Fill in defaults and reject nonsense with a one-line error. */
export function resolveCatalogOptions(options: CatalogOptions = {}): ResolvedCatalogOptions {
  const tidy = options.tidy ?? false;
  if (typeof tidy !== 'boolean') throw new SimulatorError(`tidy must be a boolean, got ${String(tidy)}`, 'catalog options');
  // Resolved options are resolved again (state → catalogForDay), so a knob at its tidy value is not refused.
  const given = KNOBS.filter((k) => options[k] !== undefined && options[k] !== TIDY_KNOBS[k]);
  if (tidy && given.length > 0) {
    throw new SimulatorError(`tidy: true turns the real world's quirks off; ${given.join(', ')} cannot be set with it`, 'catalog options');
  }
  return {
    size: checkNumber(options.size ?? 500, 'size', 0, 100_000, true),
    seed: checkNumber(options.seed ?? 1, 'seed', 0, Number.MAX_SAFE_INTEGER, true),
    churnRate: checkNumber(options.churnRate ?? 0.01, 'churnRate', 0, 1, false),
    metricsRate: checkNumber(options.metricsRate ?? 1 / 3, 'metricsRate', 0, 1, false),
    hubFactor: checkNumber(options.hubFactor ?? 3, 'hubFactor', 1, 100, false),
    chatModels: checkNumber(options.chatModels ?? 40, 'chatModels', 0, 10_000, true),
    tidy,
    emptyInferenceShare: checkNumber(options.emptyInferenceShare ?? (tidy ? 0 : 0.05), 'emptyInferenceShare', 0, 0.5, false),
    shortfall: checkNumber(options.shortfall ?? (tidy ? 0 : 3), 'shortfall', 0, 10_000, true),
    gatewayOnly: checkNumber(options.gatewayOnly ?? (tidy ? 1 : 3), 'gatewayOnly', 0, GATEWAY_ONLY_IDS.length, true),
    renames: checkNumber(options.renames ?? (tidy ? 0 : 0.2), 'renames', 0, 100, false),
  };
}
