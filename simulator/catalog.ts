// The deterministic catalog: which models are on the API-Inference list on a given day, with their metrics.
// Pure from the outside (catalogForDay); inside, each generator keeps its latest day so walking forward is cheap.
import { forcedAwkward } from './awkward.ts';
import { compareDefault, dayStart, type CatalogDay, type CatalogEntry } from './catalog-day.ts';
import { checkNumber, GATEWAY_ONLY_IDS, resolveCatalogOptions, type CatalogOptions, type ResolvedCatalogOptions } from './catalog-options.ts';
import { unit } from './hash.ts';
import { modelSeed, parseToken, type ModelSeed } from './model-seed.ts';
import { pickRenameTarget } from './organizations.ts';
import { render } from './render.ts';

const SPAN = 3 * 365 * 86_400;
const ID_BASE = 100_000;
/** Of the churn: leave probability per listed model and arrivals per day, both × churnRate. */
const LEAVE_SHARE = 0.4;
const ENTER_SHARE = 0.4;
/** Chance per day that a model off the list comes back. */
const RETURN_RATE = 0.12;
const LIKES_SHARE = 0.2;
const UPDATE_RATE = 0.02;
const SALT = { leave: 1, back: 2, downloads: 3, gain: 4, stars: 5, updated: 6, when: 7, arrivals: 8, init: 9, blank: 10, renames: 11, created: 12 } as const;

class Generator {
  readonly options: ResolvedCatalogOptions;
  readonly hubExtraCount: number;
  private readonly idStride: number;
  private readonly seeds: ModelSeed[] = [];
  private readonly extras: (CatalogEntry | undefined)[] = [];
  private readonly recent = new Map<number, CatalogDay>();
  private day = 0;
  private count = 0;
  private listed = new Uint8Array(0);
  private downloads = new Float64Array(0);
  private stars = new Float64Array(0);
  private updated = new Float64Array(0);
  /** Today's namespace of renamed catalog models (real world). */
  private readonly paths = new Map<number, string>();

  constructor(options: ResolvedCatalogOptions) {
    this.options = options;
    this.hubExtraCount = Math.round(options.size * (options.hubFactor - 1));
    // Catalog ids are even and hub ids odd, over the same range, so the unfiltered Default order interleaves them.
    this.idStride = Math.max(1, Math.ceil(this.hubExtraCount / Math.max(1, options.size)));
    this.reset();
  }

  at(day: number): CatalogDay {
    const cached = this.recent.get(day);
    if (cached !== undefined) return cached;
    if (day < this.day) this.reset();
    while (this.day < day) this.step();
    const result = this.materialise();
    this.recent.set(day, result);
    if (this.recent.size > 3) this.recent.delete(this.recent.keys().next().value ?? day);
    return result;
  }

  private reset(): void {
    const { size, seed } = this.options;
    this.day = 0;
    this.count = 0;
    this.seeds.length = 0;
    this.paths.clear();
    this.grow(size + 64);
    for (let k = 0; k < size; k++) {
      const slot = SPAN / Math.max(1, size);
      const created = Math.floor(dayStart(0) - SPAN + k * slot + unit(seed, k, 0, SALT.init) * slot * 0.9);
      const model = this.add(created);
      this.downloads[k] = model.downloads0;
      this.stars[k] = model.stars0;
      this.updated[k] = created + Math.floor(unit(seed, k, 1, SALT.init) * (dayStart(0) - 1 - created));
    }
  }

  private grow(capacity: number): void {
    if (capacity <= this.listed.length) return;
    const next = Math.max(capacity, this.listed.length * 2);
    const copy = <T extends Uint8Array | Float64Array>(from: T, to: T): T => (to.set(from), to);
    this.listed = copy(this.listed, new Uint8Array(next));
    this.downloads = copy(this.downloads, new Float64Array(next));
    this.stars = copy(this.stars, new Float64Array(next));
    this.updated = copy(this.updated, new Float64Array(next));
  }

  /** A new catalog model, listed, with no downloads yet. */
  private add(created: number): ModelSeed {
    const k = this.count++;
    this.grow(this.count);
    const model = modelSeed(this.options.seed, 'catalog', k, ID_BASE + 2 * k * this.idStride, created, forcedAwkward(k));
    this.seeds.push(model);
    this.listed[k] = 1;
    this.downloads[k] = 0;
    this.stars[k] = 0;
    this.updated[k] = created;
    return model;
  }

  private step(): void {
    const { seed, size, churnRate, metricsRate } = this.options;
    const d = this.day;
    const end = dayStart(d + 1);
    const leave = churnRate * LEAVE_SHARE;
    const { listed, downloads, stars, updated } = this;
    for (let k = 0; k < this.count; k++) {
      if (listed[k] === 1) {
        if (unit(seed, k, d, SALT.leave) < leave) listed[k] = 0;
      } else if (unit(seed, k, d, SALT.back) < RETURN_RATE) listed[k] = 1;
      if (unit(seed, k, d, SALT.downloads) < metricsRate) {
        downloads[k] = (downloads[k] ?? 0) + 1 + Math.floor(unit(seed, k, d, SALT.gain) * (1 + (downloads[k] ?? 0) / 400));
      }
      if (unit(seed, k, d, SALT.stars) < metricsRate * LIKES_SHARE) stars[k] = (stars[k] ?? 0) + 1;
      if (unit(seed, k, d, SALT.updated) < UPDATE_RATE) {
        updated[k] = Math.max(updated[k] ?? 0, end - 1 - Math.floor(unit(seed, k, d, SALT.when) * 43_200));
      }
    }
    this.rename(d);
    const expected = size * churnRate * ENTER_SHARE * (0.5 + unit(seed, d, 0, SALT.arrivals));
    const arrivals = Math.floor(expected + unit(seed, d, 1, SALT.arrivals));
    for (let i = 0; i < arrivals; i++) this.add(end - 86_400 + Math.floor(((i + 1) * 86_400) / (arrivals + 1)));
    this.day = d + 1;
  }

  /** The renames of day `d` → `d + 1`: listed models move to another namespace, keeping Id and Name. */
  private rename(d: number): void {
    const { seed, renames } = this.options;
    if (this.options.tidy || renames === 0 || this.count === 0) return;
    const whole = Math.floor(renames);
    const n = whole + (unit(seed, d, 0, SALT.renames) < renames - whole ? 1 : 0);
    for (let i = 0; i < n; i++) {
      // A few tries to land on a listed model; renaming one off the list would go unseen.
      for (let t = 0; t < 8; t++) {
        const k = Math.floor(unit(seed, d, 16 + i * 8 + t, SALT.renames) * this.count);
        const model = this.seeds[k];
        if (model === undefined || this.listed[k] !== 1) continue;
        const from = this.paths.get(k) ?? model.base.Path;
        this.paths.set(k, pickRenameTarget(from, unit(seed, d, 1000 + i, SALT.renames)));
        break;
      }
    }
  }

  /** Served with `SupportInference: ""` today although listed (real world's emptyInferenceShare). */
  private blank(model: ModelSeed, k: number): boolean {
    const share = this.options.emptyInferenceShare;
    if (share === 0) return false;
    const p = model.image ? Math.min(1, share * 1.15) : share * 0.1;
    return unit(this.options.seed, k, Math.floor(this.day / 7), SALT.blank) < p;
  }

  private entry(k: number, listed: boolean): CatalogEntry {
    const model = this.seeds[k];
    if (model === undefined) throw new RangeError(`no catalog model ${k}`);
    const metrics = { downloads: this.downloads[k] ?? 0, stars: this.stars[k] ?? 0, updated: this.updated[k] ?? 0 };
    if (this.options.tidy) {
      return {
        model: render(model, metrics, listed),
        key: model.key,
        id: model.id,
        downloads: metrics.downloads,
        stars: metrics.stars,
        modified: metrics.updated,
        listed,
      };
    }
    const path = this.paths.get(k) ?? model.base.Path;
    return {
      model: render(model, metrics, listed, { path, blankInference: listed && this.blank(model, k) }),
      key: `${path}/${model.base.Name}`,
      id: model.id,
      downloads: metrics.downloads,
      stars: metrics.stars,
      modified: metrics.updated,
      listed,
      top: model.top,
    };
  }

  hubExtra(j: number): CatalogEntry {
    const cached = this.extras[j];
    if (cached !== undefined) return cached;
    const m = this.hubExtraCount;
    if (!Number.isInteger(j) || j < 0 || j >= m) throw new RangeError(`no hub model ${j}`);
    const rank = (m - j) / m;
    const modified = dayStart(0) - 3600 - Math.floor((j * SPAN) / m);
    const created = modified - Math.floor(unit(this.options.seed, j, 2, SALT.init) * SPAN * 0.5);
    const model = modelSeed(this.options.seed, 'hub', j, ID_BASE + 2 * (m - 1 - j) + 1, created);
    const metrics = { downloads: Math.floor(200_000 * rank ** 6), stars: Math.floor(800 * rank ** 8), updated: modified };
    const result: CatalogEntry = {
      model: render(model, metrics, false, this.options.tidy ? undefined : { path: model.base.Path, blankInference: false }),
      key: model.key,
      id: model.id,
      downloads: metrics.downloads,
      stars: metrics.stars,
      modified,
      listed: false,
    };
    this.extras[j] = result;
    return result;
  }

  private materialise(): CatalogDay {
    const { count } = this;
    const { tidy, seed } = this.options;
    const byIndex: CatalogEntry[] = [];
    for (let k = 0; k < count; k++) byIndex.push(this.entry(k, this.listed[k] === 1));
    // Newest Id first; the real world's Default order is a ranking instead.
    const hubCore = byIndex.slice().reverse();
    if (!tidy) hubCore.sort(compareDefault(false));
    const entries = hubCore.filter((e) => e.listed);
    const chat = this.options.chatModels;
    const byId = entries.slice().sort((a, b) => b.id - a.id);
    const llms = byId.filter((e) => e.model.SupportInference === 'txt2txt').reverse();
    // Like the real gateway: chat models, one listed model that is not a chat model (the real one lists
    // a text-to-video model), and `gatewayOnly` ids the catalog does not have.
    const other = byId.find((e) => e.model.SupportInference !== 'txt2txt' && e.model.SupportInference !== '');
    const g = Math.min(this.options.gatewayOnly, chat);
    const served = other === undefined || chat < 2 + g ? llms.slice(0, Math.max(0, chat - g)) : [...llms.slice(0, chat - 1 - g), other];
    const chatIds = chat === 0 ? [] : [...served.map((e) => e.key), ...GATEWAY_ONLY_IDS.slice(0, g)];
    const generator = this;
    return {
      day: this.day,
      options: this.options,
      listing: entries.map((e) => e.model),
      entries,
      hubCore,
      hubExtraCount: this.hubExtraCount,
      hubExtra: (j) => generator.hubExtra(j),
      hubTotal: hubCore.length + this.hubExtraCount,
      chatIds,
      chatCreated(id) {
        const at = GATEWAY_ONLY_IDS.indexOf(id);
        const entry = at >= 0 ? undefined : this.find(id);
        if (entry !== undefined) return Number(entry.model.CreatedTime);
        // Tidy: midnight a month before day 0. Real: when the id went on the gateway, any time of day.
        if (tidy || at < 0) return dayStart(0) - 30 * 86_400;
        return dayStart(0) - (20 + 9 * at) * 86_400 + Math.floor(unit(seed, at, 0, SALT.created) * 86_400);
      },
      find(key) {
        const token = parseToken(key.slice(key.indexOf('/') + 1));
        if (token === undefined) return undefined;
        if (token.space === 'catalog') {
          const found = token.index < count ? byIndex[token.index] : undefined;
          return found?.key === key ? found : undefined;
        }
        if (token.space !== 'hub' || token.index >= generator.hubExtraCount) return undefined;
        const extra = generator.hubExtra(token.index);
        return extra.key === key ? extra : undefined;
      },
    };
  }
}

const generators = new Map<string, Generator>();

function generatorFor(options: ResolvedCatalogOptions): Generator {
  const key = JSON.stringify(options);
  let generator = generators.get(key);
  if (generator === undefined) {
    generator = new Generator(options);
    if (generators.size >= 4) generators.delete(generators.keys().next().value ?? key);
  } else generators.delete(key);
  generators.set(key, generator);
  return generator;
}

/** The catalog on `day` (default 0) for these options. Fast when days are asked in increasing order. */
export function catalogForDay(options: CatalogOptions & { readonly day?: number } = {}): CatalogDay {
  const { day = 0, ...rest } = options;
  checkNumber(day, 'day', 0, 100_000, true);
  return generatorFor(resolveCatalogOptions(rest)).at(day);
}
