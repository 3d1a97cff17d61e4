// Everything the server changes: the current day, models inserted mid-crawl, faults and the request log.
import { dayStart } from './catalog-day.ts';
import type { CatalogDay, CatalogEntry } from './catalog-day.ts';
import type { ResolvedCatalogOptions } from './catalog-options.ts';
import { catalogForDay } from './catalog.ts';
import { SimulatorError } from './errors.ts';
import { FaultBook } from './faults.ts';
import { modelSeed, parseToken } from './model-seed.ts';
import { MovingOrder } from './moving.ts';
import { render } from './render.ts';
import type { Fault, RequestRecord, UpstreamModel } from './types.ts';
import { arrayView, ViewCache } from './views.ts';
import type { View, ViewRequest, ViewSource } from './views.ts';

/** The request log keeps at most this many records (the oldest tenth is dropped past it). */
export const MAX_LOGGED_REQUESTS = 200_000;

export class SimulatorState {
  readonly options: ResolvedCatalogOptions;
  readonly faults = new FaultBook();
  readonly log: RequestRecord[] = [];
  private catalog: CatalogDay;
  /** Models inserted by insert-during-crawl today, newest first; setDay() drops them. */
  private inserted: CatalogEntry[] = [];
  private insertedEver = 0;
  private version = 0;
  private requestCount = 0;
  private readonly views = new ViewCache();
  private listingCache: { version: number; shrink: number | null; models: readonly UpstreamModel[] } | undefined;
  /** The live order under a moving-order fault, for the list as it was at `version`. */
  private moving: { version: number; order: MovingOrder } | undefined;

  constructor(options: ResolvedCatalogOptions, day: number) {
    this.options = options;
    this.catalog = this.load(day);
  }

  get day(): number {
    return this.catalog.day;
  }

  get hubTotal(): number {
    return this.catalog.hubTotal + this.inserted.length;
  }

  setDay(day: number): void {
    this.catalog = this.load(day);
    this.inserted = [];
    this.version += 1;
  }

  private load(day: number): CatalogDay {
    if (!Number.isInteger(day) || day < 0 || day > 100_000) {
      throw new SimulatorError(`day must be an integer in [0, 100000], got ${String(day)}`, 'setDay()');
    }
    return catalogForDay({ ...this.options, day });
  }

  private source(): ViewSource {
    return { day: this.catalog, inserted: this.inserted, version: this.version };
  }

  /** The view for `request`; `moving` when a moving-order fault shapes it (the plain list then comes in its live order). */
  view(request: ViewRequest, moving = false): View {
    const plain = request.scope === 'list' && request.shrink === null && request.name === '' && request.tasks === null && request.aigcTypes === null;
    const current = this.moving?.version === this.version ? this.moving : undefined;
    const live = moving && plain ? current?.order.order(request.sortBy) : undefined;
    return live === undefined ? this.views.view(this.source(), request) : arrayView(live, this.options.shortfall);
  }

  /** Start (or keep) a live order for today's list under a moving-order fault. */
  startMoving(): void {
    if (this.moving?.version === this.version) return;
    const entries = this.views.view(this.source(), { scope: 'list', sortBy: 'Default', shrink: null, name: '', tasks: null, aigcTypes: null });
    this.moving = { version: this.version, order: new MovingOrder(entries.slice(0, entries.total), this.options.seed + this.version) };
  }

  /** Move the live order after a list request answered under `fault`. */
  stepMoving(fault: Extract<Fault, { kind: 'moving-order' }>): void {
    this.moving?.order.step({ share: fault.share ?? 0.05, jump: fault.jump ?? Number.MAX_SAFE_INTEGER, updates: fault.updates ?? 0 });
  }

  /** The filtered list in Default order as a consistent crawl would see it now (inserted models and a standing shrink included). */
  listing(): readonly UpstreamModel[] {
    const shrink = this.faults.standingShrink();
    const cached = this.listingCache;
    if (cached !== undefined && cached.version === this.version && cached.shrink === shrink) return cached.models;
    const models = this.views.list(this.source(), shrink).map((e) => e.model);
    this.listingCache = { version: this.version, shrink, models };
    return models;
  }

  chatIds(): readonly string[] {
    return this.catalog.chatIds;
  }

  /** Creation time and owner for a /v1/models id. */
  chatModel(id: string): { id: string; created: number; owner: string } {
    return { id, created: this.catalog.chatCreated(id), owner: id.slice(0, id.indexOf('/')) };
  }

  /** A model by `Path/Name` for the detail route, inserted ones included. */
  find(key: string): CatalogEntry | undefined {
    if (parseToken(key.slice(key.indexOf('/') + 1))?.space === 'inserted') return this.inserted.find((e) => e.key === key);
    return this.catalog.find(key);
  }

  /** Put a brand-new model at the top of the Default order ("the list changing under the crawler"). */
  insertModel(): void {
    const n = this.insertedEver++;
    // hubCore is newest Id first only in the tidy world; the real world's is a ranking.
    let newest = this.options.tidy ? (this.catalog.hubCore[0]?.id ?? 0) : 0;
    if (!this.options.tidy) for (const e of this.catalog.hubCore) newest = Math.max(newest, e.id);
    const top = Math.max(this.inserted[0]?.id ?? 0, newest, this.catalog.hubExtraCount > 0 ? this.catalog.hubExtra(0).id : 0);
    const created = dayStart(this.day) + 3600 + (n % 3600);
    const seed = modelSeed(this.options.seed, 'inserted', n, top + 1, created);
    const metrics = { downloads: 0, stars: 0, updated: created };
    const tidy = this.options.tidy;
    const model = render(seed, metrics, true, tidy ? undefined : { path: seed.base.Path, blankInference: false });
    // Real world: above every IsTop, so an insertion still shifts every page as in the tidy world.
    const pinned = tidy ? {} : { top: 1e9 + n };
    this.inserted = [{ model, key: seed.key, id: seed.id, downloads: 0, stars: 0, modified: created, listed: true, ...pinned }, ...this.inserted];
    this.version += 1;
  }

  nextRequestNumber(): number {
    return this.requestCount++;
  }

  record(entry: RequestRecord): void {
    if (this.log.length >= MAX_LOGGED_REQUESTS) this.log.splice(0, MAX_LOGGED_REQUESTS / 10);
    this.log.push(entry);
  }
}
