import { describe, expect, it } from 'vitest';
import { catalogForDay as anyCatalogForDay } from '../simulator/catalog.ts';
import { DAY0, type CatalogDay } from '../simulator/catalog-day.ts';
import type { CatalogOptions } from '../simulator/catalog-options.ts';

// These tests pin the generator's mechanics in the tidy world (newest Id first, no real-world quirks);
// test/simulator-real-shapes.test.ts covers the real world, the default since issue 19.
const catalogForDay = (options: CatalogOptions & { readonly day?: number } = {}): CatalogDay => anyCatalogForDay({ tidy: true, ...options });
import { AWKWARD, forcedAwkward, HTML_PAYLOADS, UNICODE_PAYLOADS } from '../simulator/awkward.ts';
import { modelSeed, parseToken } from '../simulator/model-seed.ts';
import { SimulatorError } from '../simulator/errors.ts';

const keys = (day: CatalogDay): Set<string> => new Set(day.entries.map((e) => e.key));
const symmetricDifference = (a: Set<string>, b: Set<string>): number =>
  [...a].filter((k) => !b.has(k)).length + [...b].filter((k) => !a.has(k)).length;

describe('simulator/catalog determinism', () => {
  it('gives the same listing for the same seed, size and day, and a different one for another seed', () => {
    const a = catalogForDay({ size: 300, seed: 7, day: 3 });
    const again = catalogForDay({ size: 300, seed: 7, day: 3, churnRate: 0.01 });
    expect(JSON.stringify(again.listing)).toBe(JSON.stringify(a.listing));
    const other = catalogForDay({ size: 300, seed: 8, day: 3 });
    expect(other.listing.map((m) => m.Name)).not.toEqual(a.listing.map((m) => m.Name));
  });

  it('walking backwards and forwards again reproduces each day exactly', () => {
    const opts = { size: 200, seed: 11 };
    const forward = [0, 1, 2, 3, 4, 5].map((day) => JSON.stringify(catalogForDay({ ...opts, day }).listing));
    // Other option sets in between evict and reset the cached generator state.
    for (let i = 0; i < 5; i++) catalogForDay({ size: 10 + i });
    const backward = [5, 4, 3, 2, 1, 0].map((day) => JSON.stringify(catalogForDay({ ...opts, day }).listing)).reverse();
    expect(backward).toEqual(forward);
  });

  it('lists day 0 with exactly `size` models in Default order (newest Id first) with unique ids', () => {
    const day = catalogForDay({ size: 500 });
    expect(day.listing).toHaveLength(500);
    const ids = day.listing.map((m) => m.Id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(new Set(ids).size).toBe(500);
    expect(keys(day).size).toBe(500);
  });

  it('rejects bad options with a one-line SimulatorError', () => {
    expect(() => catalogForDay({ size: -1 })).toThrow(SimulatorError);
    expect(() => catalogForDay({ size: 100_001 })).toThrow(/size must be an integer in \[0, 100000\]/);
    expect(() => catalogForDay({ day: 1.5 })).toThrow(/day must be an integer/);
    expect(() => catalogForDay({ churnRate: 2 })).toThrow(/churnRate/);
  });
});

describe('simulator/catalog churn', () => {
  it('changes about churnRate of the list per day: new models enter with higher ids, some leave', () => {
    const size = 5000;
    for (let d = 1; d <= 6; d++) {
      const before = catalogForDay({ size, day: d - 1 });
      const after = catalogForDay({ size, day: d });
      const changed = symmetricDifference(keys(before), keys(after)) / size;
      expect(changed).toBeGreaterThan(0.004);
      expect(changed).toBeLessThan(0.02);
      const maxBefore = Math.max(...before.hubCore.map((e) => e.id));
      const entered = after.entries.filter((e) => !before.hubCore.some((b) => b.key === e.key));
      expect(entered.length).toBeGreaterThan(0);
      for (const e of entered) expect(e.id).toBeGreaterThan(maxBefore);
    }
  });

  it('scales churn with churnRate (0 = nothing moves)', () => {
    const still = [0, 1, 2].map((day) => keys(catalogForDay({ size: 1000, churnRate: 0, day })));
    expect(symmetricDifference(still[0]!, still[2]!)).toBe(0);
    const busy = symmetricDifference(keys(catalogForDay({ size: 1000, churnRate: 0.1, day: 0 })), keys(catalogForDay({ size: 1000, churnRate: 0.1, day: 1 })));
    expect(busy).toBeGreaterThan(40);
  });

  it('lets models that left come back on a later day', () => {
    const opts = { size: 2000, churnRate: 0.05 };
    const seenLeaving = new Set<string>();
    let returned = 0;
    let previous = keys(catalogForDay({ ...opts, day: 0 }));
    for (let day = 1; day <= 12; day++) {
      const now = keys(catalogForDay({ ...opts, day }));
      for (const k of now) if (!previous.has(k) && seenLeaving.has(k)) returned++;
      for (const k of previous) if (!now.has(k)) seenLeaving.add(k);
      previous = now;
    }
    expect(seenLeaving.size).toBeGreaterThan(0);
    expect(returned).toBeGreaterThan(0);
  });

  it('only ever grows downloads and likes; about metricsRate of models gain downloads per day', () => {
    const d0 = catalogForDay({ size: 3000, day: 0 });
    const d1 = catalogForDay({ size: 3000, day: 1 });
    const before = new Map(d0.hubCore.map((e) => [e.key, e]));
    let gained = 0;
    let liked = 0;
    for (const e of d1.hubCore) {
      const b = before.get(e.key);
      if (b === undefined) continue;
      expect(e.downloads).toBeGreaterThanOrEqual(b.downloads);
      expect(e.stars).toBeGreaterThanOrEqual(b.stars);
      expect(e.modified).toBeGreaterThanOrEqual(b.modified);
      if (e.downloads > b.downloads) gained++;
      if (e.stars > b.stars) liked++;
    }
    expect(gained / 3000).toBeGreaterThan(0.28);
    expect(gained / 3000).toBeLessThan(0.39);
    expect(liked).toBeGreaterThan(0);
    expect(liked).toBeLessThan(gained);
  });

  it('keeps leavers on the hub with an empty SupportInference', () => {
    const day = catalogForDay({ size: 2000, churnRate: 0.05, day: 3 });
    const leavers = day.hubCore.filter((e) => !e.listed);
    expect(leavers.length).toBeGreaterThan(0);
    for (const e of leavers) expect(e.model.SupportInference).toBe('');
    expect(day.find(leavers[0]!.key)?.listed).toBe(false);
  });
});

describe('simulator/catalog records', () => {
  const day = catalogForDay({ size: 1000 });
  const all = day.listing;

  it('never lists a model with an empty SupportInference, and mostly sends SupportApiInference false', () => {
    for (const m of all) expect(['txt2img', 'img2img', 'txt2txt', 'img2txt']).toContain(m.SupportInference);
    expect(all.filter((m) => m.SupportInference === 'txt2img').length).toBeGreaterThan(all.length / 2);
    expect(all.filter((m) => m.SupportInference === 'txt2txt').length).toBeGreaterThan(40);
    expect(all.filter((m) => m.SupportApiInference).length).toBeLessThan(all.length / 10);
  });

  it('keeps Path and Name to [A-Za-z0-9._-] and makes Path/Name unique across the whole hub', () => {
    const hub = [...day.hubCore, ...Array.from({ length: day.hubExtraCount }, (_, j) => day.hubExtra(j))];
    for (const e of hub) {
      expect(e.model.Path).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(e.model.Name).toMatch(/^[A-Za-z0-9._-]+$/);
    }
    expect(new Set(hub.map((e) => e.key)).size).toBe(hub.length);
    expect(new Set(hub.map((e) => e.id)).size).toBe(hub.length);
    expect(hub.length).toBe(day.hubTotal);
  });

  it('contains each kind of awkwardness', () => {
    const json = all.map((m) => JSON.stringify(m));
    expect(all.some((m) => typeof m.Stars === 'string' && /^\d+$/.test(m.Stars))).toBe(true);
    expect(all.some((m) => typeof m.CreatedTime === 'string' && typeof m.LastUpdatedTime === 'string')).toBe(true);
    expect(all.some((m) => !('ChineseName' in m))).toBe(true);
    expect(all.some((m) => /[\u4e00-\u9fff]/.test(m.ChineseName ?? ''))).toBe(true);
    expect(all.some((m) => m.Tasks?.length === 0)).toBe(true);
    expect(all.some((m) => m.Tasks?.length === 1 && m.Tasks[0]?.Name === '')).toBe(true);
    // The real shapes of shared/data-samples/modelscope-dolphin-lora-page-raw.json.
    expect(all.some((m) => m.Tasks === null)).toBe(true);
    expect(all.some((m) => m.Architectures === null)).toBe(true);
    expect(all.some((m) => typeof m.BackendSupport === 'object')).toBe(true);
    expect(all.some((m) => typeof m.AigcAttributes === 'string' && m.AigcAttributes !== '')).toBe(true);
    expect(all.some((m) => m.License === 'Apache License 2.0') && all.some((m) => m.License === 'apache-2.0')).toBe(true);
    expect(all.some((m) => m.BaseModel.some((id) => /@v1$/.test(id)))).toBe(true);
    expect(all.some((m) => m.VisionFoundation === 'FLUX_1')).toBe(true);
    expect(all.some((m) => (m.ModelInfos['safetensor'] as { model_size?: number } | undefined)?.model_size === 0)).toBe(true);
    expect(all.some((m) => m.License === '')).toBe(true);
    expect(all.some((m) => HTML_PAYLOADS.includes(m.ChineseName ?? ''))).toBe(true);
    expect(all.some((m) => HTML_PAYLOADS.some((h) => m.Description.includes(h)))).toBe(true);
    expect(all.some((m) => m.Tags.some((t) => t.includes('<')))).toBe(true);
    expect(all.some((m) => UNICODE_PAYLOADS.includes(m.ChineseName ?? ''))).toBe(true);
    expect(json.some((j) => j.includes('\u202E'))).toBe(true);
    expect(all.some((m) => /[._]/.test(m.Name) && /[A-Z]/.test(m.Name))).toBe(true);
    expect(all.some((m) => m.Organization === null)).toBe(true);
    expect(all.some((m) => typeof m.AigcAttributes === 'string') && all.some((m) => typeof m.AigcAttributes === 'object')).toBe(true);
  });

  it('forces every awkward feature into even a tiny list', () => {
    const tiny = catalogForDay({ size: AWKWARD.length + 1 });
    const seeds = tiny.entries.map((e) => {
      const index = parseToken(e.model.Name)!.index;
      return modelSeed(1, 'catalog', index, e.id, 0, forcedAwkward(index));
    });
    // The rebuilt seeds are the ones the listing was rendered from.
    expect(seeds.map((s) => s.base.Name)).toEqual(tiny.listing.map((m) => m.Name));
    for (const feature of AWKWARD) expect(seeds.some((s) => s.awkward.includes(feature))).toBe(true);
  });

  it('dates records before day 0 and new arrivals on their day', () => {
    for (const e of day.entries) {
      expect(Number(e.model.CreatedTime)).toBeLessThan(DAY0);
      expect(e.modified).toBeGreaterThanOrEqual(Number(e.model.CreatedTime));
    }
  });

  it('serves gateway ids as the real one does: chat models, one listed model that is not one, one id not in the catalog', () => {
    const d = catalogForDay({ size: 1000, chatModels: 12 });
    expect(d.chatIds).toHaveLength(12);
    const listed = new Map(d.listing.map((m) => [`${m.Path}/${m.Name}`, m]));
    const missing = d.chatIds.filter((id) => !listed.has(id));
    expect(missing).toHaveLength(1);
    const kinds = d.chatIds.filter((i) => listed.has(i)).map((id) => listed.get(id)?.SupportInference);
    expect(kinds.filter((kind) => kind === 'txt2txt')).toHaveLength(10);
    expect(kinds.filter((kind) => kind !== 'txt2txt')).toHaveLength(1);
    expect(catalogForDay({ size: 1000, chatModels: 0 }).chatIds).toEqual([]);
  });
});
