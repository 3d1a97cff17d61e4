// Issue 19: the simulator's default world is the real one. Its list items are compared, over real HTTP, with
// test/fixtures/modelscope-dolphin-lora-page-raw.json, a byte-for-byte copy of the real capture
// shared/data-samples/modelscope-dolphin-lora-page-raw.json (one whole dolphin response, 30 LoRA/image records, from
// neverbiasu/ModelScope-Top-LoRAs @fad1335d). The fixture is in the repository, so CI never needs ../shared.
// Each knob of the real world is tested here, and `tidy: true` against hashes of the world before issue 19.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogForDay, DAY0, GATEWAY_ONLY_ID, SimulatorError, startSimulator } from '../simulator/index.ts';
import type { Simulator } from '../simulator/index.ts';
import { call, crawlIds, modelsOf, putModels } from '../simulator/testing.ts';

type Json = Record<string, unknown>;
const capture = JSON.parse(readFileSync(new URL('./fixtures/modelscope-dolphin-lora-page-raw.json', import.meta.url), 'utf8')) as {
  Data: { Model: { Models: Json[] } };
};
const real = capture.Data.Model.Models;

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every path in `value` (`a.b[].c`) with the types seen there. */
function signature(values: readonly unknown[], into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const walk = (v: unknown, path: string): void => {
    const types = into.get(path) ?? new Set<string>();
    types.add(typeOf(v));
    into.set(path, types);
    if (typeOf(v) === 'object') for (const [k, x] of Object.entries(v as Json)) walk(x, `${path}.${k}`);
    if (Array.isArray(v)) for (const x of v) walk(x, `${path}[]`);
  };
  for (const v of values) walk(v, '$');
  return into;
}

/** Top-level keys of the real records the simulator still leaves out: its records are a subset of the 96 keys. */
const NOT_SIMULATED = [
  'AigcIsTop', 'AlreadyStar', 'ApplyMeta', 'ApprovalMode', 'ApprovalNotifyEmail', 'Backbone', 'BaseModelRelation',
  'CardReady', 'CardUnreadyReason', 'CertificationCreateBy', 'CertificationCreatedTime', 'DashSdkParameter', 'Datasets',
  'DemoAvailable', 'DemoUnavailableReason', 'Domain', 'ExampleCodeAvailable', 'ExampleCodeUnavailableReason',
  'ForbiddenVisibilityUpdate', 'FromSite', 'Integrating', 'IntegrationFailureLog', 'IntegrationFailureReason',
  'IsAccessible', 'IsCertification', 'IsHot', 'IsNewModel', 'IsOnline', 'IsPreTrain', 'IsPublished', 'Language', 'Meta',
  'Metrics', 'ModelDetail', 'ModelRevisions', 'ModelTools', 'NEXA', 'NewVersion', 'OpenAiSwingDeployInfo',
  'PaiModelGalleryUrl', 'PaiSdkParameter', 'ProtectedMode', 'ReadMeTips', 'RelatedArxivId', 'RelatedPaper', 'Revision',
  'Studios', 'SupportDashDeployment', 'SupportDashTraining', 'SupportDeployment', 'SupportFinetuning', 'SupportFlexTrain',
  'SupportPaiModelGallery', 'SupportPaiSdk', 'SwingDeployInfo', 'Tools', '_',
];
/** Types the simulator sends on purpose although the capture does not show them (its awkward cases, see README). */
const AWKWARD_TYPES: Readonly<Record<string, readonly string[]>> = {
  Stars: ['string'],
  CreatedTime: ['string'],
  LastUpdatedTime: ['string'],
  AigcAttributes: ['object'],
  BackendSupport: ['string'],
  ModelInfos: [],
};

let sim: Simulator;
let items: Json[];
beforeAll(async () => {
  sim = await startSimulator({ size: 400, seed: 11, chatModels: 12 });
  items = [];
  for (let page = 1; page <= 4; page++) items.push(...modelsOf(await putModels(sim.origin, { PageNumber: page, PageSize: 100 })).Models);
});
afterAll(async () => {
  await sim.close();
});

describe('simulator/real shapes: list items as the capture has them', () => {
  it('serves only keys of the real records, each with a type the capture has (awkward cases aside)', () => {
    const captured = signature(real.map((m) => m));
    const keys = new Set(real.flatMap((m) => Object.keys(m)));
    const served = new Set(items.flatMap((m) => Object.keys(m)));
    for (const key of served) expect(keys, key).toContain(key);
    expect([...keys].filter((k) => !served.has(k)).sort()).toEqual([...NOT_SIMULATED].sort());
    for (const key of served) {
      const want = captured.get(`$.${key}`);
      const got = new Set(items.filter((m) => key in m).map((m) => typeOf(m[key])));
      for (const type of got) expect([...(want ?? []), ...(AWKWARD_TYPES[key] ?? [])], `${key}: ${type}`).toContain(type);
    }
  });

  it('has no StorageSize and an empty ReadMeContent on every list item', () => {
    expect(real.some((m) => 'StorageSize' in m)).toBe(false);
    expect(items.some((m) => 'StorageSize' in m)).toBe(false);
    expect(items.every((m) => m['ReadMeContent'] === '')).toBe(true);
  });

  it('always sends Organization as an object with the capture’s exact keys: Type 0 for people, 1 or 2 for organisations', () => {
    const realKeys = JSON.stringify(Object.keys(real[0]?.['Organization'] as Json));
    expect(real.every((m) => JSON.stringify(Object.keys(m['Organization'] as Json)) === realKeys)).toBe(true);
    const captured = signature(real.map((m) => m['Organization']));
    const orgs = items.map((m) => m['Organization'] as Json);
    expect(orgs.every((o) => typeOf(o) === 'object' && JSON.stringify(Object.keys(o)) === realKeys)).toBe(true);
    for (const [path, types] of signature(orgs)) for (const type of types) expect([...(captured.get(path) ?? [])], path).toContain(type);
    expect(new Set(orgs.map((o) => o['Type']))).toEqual(new Set([0, 1, 2]));
    // A person's object is the capture's Type 0 one, value for value.
    const person = real.find((m) => (m['Organization'] as Json)['Type'] === 0)?.['Organization'];
    expect(orgs.find((o) => o['Type'] === 0)).toEqual(person);
    for (const o of orgs.filter((x) => x['Type'] !== 0)) expect(o['Name']).not.toBe('');
    const byPath = items.filter((m) => (m['Organization'] as Json)['Type'] !== 0);
    expect(byPath.every((m) => (m['Organization'] as Json)['Name'] === m['Path'])).toBe(true);
  });

  it('sends AIGC records with CoverImages [] and MuseInfo in the capture’s key set and types, covers in versions[].coverImages', () => {
    expect(real.every((m) => (m['CoverImages'] as unknown[]).length === 0)).toBe(true);
    expect(items.every((m) => Array.isArray(m['CoverImages']) && (m['CoverImages'] as unknown[]).length === 0)).toBe(true);
    const museReal = real.map((m) => m['MuseInfo']).filter((x) => x !== null);
    const museServed = items.map((m) => m['MuseInfo']).filter((x) => x !== null) as Json[];
    expect(museServed.length).toBeGreaterThan(100);
    expect(items.filter((m) => m['AigcType'] === '').every((m) => m['MuseInfo'] === null)).toBe(true);
    const want = signature(museReal);
    const got = signature(museServed);
    // The same paths, exactly, and only types the capture has at each.
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [path, types] of got) for (const type of types) expect([...(want.get(path) ?? [])], `${path}: ${type}`).toContain(type);
    // Key order as captured, at every level that is an object.
    const order = (o: Json): string => JSON.stringify(Object.keys(o));
    const realMuse = museReal[0] as Json;
    const realVersion = (realMuse['versions'] as Json[])[0] as Json;
    for (const muse of museServed) {
      expect(order(muse)).toBe(order(realMuse));
      expect(order(muse['model'] as Json)).toBe(order(realMuse['model'] as Json));
      for (const v of muse['versions'] as Json[]) {
        expect(order(v)).toBe(order(realVersion));
        expect(order(v['modelVersion'] as Json)).toBe(order(realVersion['modelVersion'] as Json));
        const covers = v['coverImages'] as Json[];
        expect(covers.length).toBeGreaterThan(0);
        for (const c of covers) expect(c['url']).toMatch(/^https:\/\/resouces\.modelscope\.cn\//);
      }
      expect((muse['model'] as Json)['versionCount']).toBe((muse['versions'] as unknown[]).length);
    }
    // Several versions on some, as on the captured page (1, 2, 4, 5, 10 versions there).
    expect(new Set(museServed.map((m) => (m['versions'] as unknown[]).length)).size).toBeGreaterThan(2);
  });

  it('keeps the companion base model and trigger words readable in MuseInfo, as the crawler reads them', () => {
    const companions = items
      .filter((m) => m['MuseInfo'] !== null)
      .map((m) => (((m['MuseInfo'] as Json)['versions'] as Json[])[0] as Json)['inferenceCompanionVersionInfo']);
    expect(companions.filter((c) => c !== null).length).toBeGreaterThan(0);
    for (const c of companions.filter((x) => x !== null)) expect(c).toEqual({ modelUrl: 'modelscope://MusePublic/Qwen-image?revision=v1', versionId: 275_167 });
    const words = items.find((m) => (m['TriggerWords'] as string[]).length > 0 && m['MuseInfo'] !== null);
    const encoded = (((words?.['MuseInfo'] as Json)['versions'] as Json[]).map((v) => (v['modelVersion'] as Json)['triggerWords']));
    expect(encoded.filter((e) => e !== null).every((e) => JSON.stringify(words?.['TriggerWords']) === e)).toBe(true);
  });
});

describe('simulator/real shapes: the Default order', () => {
  it('puts IsTop records first, then ranks by downloads, not by Id; paging is stable and deterministic', async () => {
    const listing = sim.listing();
    const tops = listing.filter((m) => (m.IsTop ?? 0) > 0);
    expect(tops.length).toBeGreaterThan(0);
    expect(listing.slice(0, tops.length)).toEqual(tops);
    for (let i = 1; i < tops.length; i++) expect(tops[i - 1]!.IsTop!).toBeGreaterThanOrEqual(tops[i]!.IsTop!);
    const rest = listing.slice(tops.length);
    for (let i = 1; i < rest.length; i++) expect(rest[i - 1]!.Downloads).toBeGreaterThanOrEqual(rest[i]!.Downloads);
    const ids = listing.map((m) => m.Id);
    expect(ids).not.toEqual([...ids].sort((a, b) => b - a));
    // A real record's IsTop is a number (13 on the capture's first record), 0 elsewhere.
    expect(real[0]?.['IsTop']).toBe(13);
    expect(items.every((m) => typeof m['IsTop'] === 'number')).toBe(true);
    const once = await crawlIds(sim.origin, 37);
    expect(await crawlIds(sim.origin, 37)).toEqual(once);
    expect(once).toEqual(listing.map((m) => `${m.Path}/${m.Name}`));
    const again = await startSimulator({ size: 400, seed: 11, chatModels: 12 });
    try {
      expect(await crawlIds(again.origin, 100)).toEqual(once);
    } finally {
      await again.close();
    }
  });
});

describe('simulator/real shapes: knobs', () => {
  it('emptyInferenceShare: about 5 % of the filtered list by default has SupportInference "", mostly image LoRAs, stable within a day', async () => {
    const blank = items.filter((m) => m['SupportInference'] === '');
    expect(blank.length).toBeGreaterThan(400 * 0.02);
    expect(blank.length).toBeLessThan(400 * 0.1);
    expect(blank.filter((m) => m['AigcType'] !== '' || (m['Tasks'] as Json[] | null)?.[0]?.['Name'] === 'text-to-image-synthesis').length).toBeGreaterThan(blank.length * 0.7);
    const reread = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 100 })).Models;
    expect(reread.map((m) => m['SupportInference'])).toEqual(items.slice(0, 100).map((m) => m['SupportInference']));
    const many = catalogForDay({ size: 4000, seed: 2, emptyInferenceShare: 0.3 }).listing;
    expect(many.filter((m) => m.SupportInference === '').length / many.length).toBeGreaterThan(0.25);
    expect(catalogForDay({ size: 400, seed: 11, emptyInferenceShare: 0 }).listing.every((m) => m.SupportInference !== '')).toBe(true);
  });

  it('shortfall: the whole list’s TotalCount is 3 above the rows served by default, on every read; searches are not', async () => {
    const first = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 100 }));
    expect(first.TotalCount).toBe(403);
    const past = modelsOf(await putModels(sim.origin, { PageNumber: 5, PageSize: 100 }));
    expect(past).toEqual({ Models: [], TotalCount: 403 });
    expect(new Set(await crawlIds(sim.origin, 100)).size).toBe(400);
    const hub = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 1 }, false));
    expect(hub.TotalCount).toBe(1200);
    const lora = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 100, Name: 'lora' }));
    expect(lora.TotalCount).toBe(sim.listing().filter((m) => m.Name.toLowerCase().includes('lora')).length);
    const none = await startSimulator({ size: 50, seed: 11, shortfall: 0 });
    const big = await startSimulator({ size: 50, seed: 11, shortfall: 9 });
    try {
      expect(modelsOf(await putModels(none.origin, { PageSize: 100 })).TotalCount).toBe(50);
      expect(modelsOf(await putModels(big.origin, { PageSize: 100 })).TotalCount).toBe(59);
      expect(big.listing()).toHaveLength(50);
    } finally {
      await Promise.all([none.close(), big.close()]);
    }
  });

  it('gatewayOnly: /v1/models serves 3 ids the catalog does not list by default, a text-to-video one included, created as epoch seconds', async () => {
    const body = JSON.parse((await call(`${sim.inferenceOrigin}/v1/models`)).text) as { data: Json[] };
    expect(body.data).toHaveLength(12);
    const listed = new Set(sim.listing().map((m) => `${m.Path}/${m.Name}`));
    const only = body.data.filter((d) => !listed.has(String(d['id'])));
    expect(only.map((d) => d['id'])).toEqual([GATEWAY_ONLY_ID, 'Wan-AI/Wan2.1-T2V-1.3B', 'Qwen/Qwen3-235B-A22B']);
    for (const d of body.data) {
      expect(Object.keys(d)).toEqual(['id', 'object', 'created', 'owned_by']);
      expect(d).toMatchObject({ object: '', owned_by: 'system' });
      expect(Number.isSafeInteger(d['created'])).toBe(true);
      expect(d['created'] as number).toBeLessThan(DAY0);
    }
    // Not all at midnight in Shanghai (a real one was 22:24 +08).
    expect(only.some((d) => ((d['created'] as number) + 8 * 3600) % 86_400 !== 0)).toBe(true);
    const lots = catalogForDay({ size: 400, seed: 11, chatModels: 12, gatewayOnly: 6 });
    expect(lots.chatIds.filter((id) => !lots.listing.some((m) => `${m.Path}/${m.Name}` === id))).toHaveLength(6);
    expect(lots.chatIds).toHaveLength(12);
    const zero = catalogForDay({ size: 400, seed: 11, chatModels: 12, gatewayOnly: 0 });
    const zeroListed = new Set(zero.listing.map((m) => `${m.Path}/${m.Name}`));
    expect(zero.chatIds.every((id) => zeroListed.has(id))).toBe(true);
  });

  it('renames: a model keeps its Id and Name but moves namespace, and stays moved; the detail route follows', async () => {
    const opts = { size: 300, seed: 4, renames: 2 };
    const before = new Map(catalogForDay({ ...opts, day: 0 }).listing.map((m) => [m.Id, m]));
    const after = catalogForDay({ ...opts, day: 5 }).listing;
    const moved = after.filter((m) => before.has(m.Id) && before.get(m.Id)?.Path !== m.Path);
    expect(moved.length).toBeGreaterThanOrEqual(5);
    for (const m of moved) expect(m.Name).toBe(before.get(m.Id)?.Name);
    expect(moved.map((m) => m.Path).every((p) => ['iic', 'Tongyi-MAI', 'modelscope', 'Qwen-Image'].includes(p))).toBe(true);
    expect(moved.every((m) => (m.Organization as unknown as Json)['Name'] === m.Path)).toBe(true);
    // Deterministic: a fresh walk (backwards, so regenerated from day 0) gives the same renames.
    catalogForDay({ ...opts, day: 9 });
    expect(catalogForDay({ ...opts, day: 5 }).listing).toEqual(after);
    expect(catalogForDay({ ...opts, renames: 0, day: 5 }).listing.every((m) => !before.has(m.Id) || before.get(m.Id)?.Path === m.Path)).toBe(true);
    const live = await startSimulator({ ...opts, day: 5 });
    try {
      const m = moved[0]!;
      const found = JSON.parse((await call(`${live.origin}/api/v1/models/${m.Path}/${m.Name}`)).text) as Json;
      expect((found['Data'] as Json)['Id']).toBe(m.Id);
      const old = JSON.parse((await call(`${live.origin}/api/v1/models/${before.get(m.Id)?.Path}/${m.Name}`)).text) as Json;
      expect(old).toMatchObject({ Code: 10010205, Success: false, Data: null });
    } finally {
      await live.close();
    }
  });

  it('the default renames rate moves about one model every five days', () => {
    const opts = { size: 300, seed: 4 };
    const start = new Map(catalogForDay({ ...opts, day: 0 }).listing.map((m) => [m.Id, m.Path]));
    const later = catalogForDay({ ...opts, day: 40 }).listing.filter((m) => start.has(m.Id) && start.get(m.Id) !== m.Path);
    expect(later.length).toBeGreaterThan(1);
    expect(later.length).toBeLessThan(20);
  });
});

describe('simulator/real shapes: tidy: true', () => {
  const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);

  it('is the world before issue 19, byte for byte (hashes taken from the simulator at 802eaf5)', () => {
    const d = catalogForDay({ size: 300, seed: 5, day: 2, chatModels: 12, tidy: true });
    expect(hash(d.listing)).toBe('0701fadd48114fcc');
    expect(hash(d.hubCore.map((e) => e.model))).toBe('bf1bb4d40f0ae1e2');
    expect(hash(Array.from({ length: 50 }, (_, j) => d.hubExtra(j * 7).model))).toBe('c5df07b1bf096c9d');
    expect(hash(d.chatIds)).toBe('a970544437cb001b');
  });

  it('answers over HTTP exactly as before issue 19', async () => {
    const old = await startSimulator({ size: 300, seed: 5, day: 2, chatModels: 12, tidy: true });
    try {
      const bodies: string[] = [];
      bodies.push((await putModels(old.origin, { PageNumber: 1, PageSize: 100 })).text);
      bodies.push((await putModels(old.origin, { PageNumber: 4, PageSize: 100 })).text);
      bodies.push((await putModels(old.origin, { PageNumber: 2, PageSize: 50, SortBy: 'DownloadsCount' })).text);
      bodies.push((await putModels(old.origin, { PageNumber: 3, PageSize: 100 }, false)).text);
      bodies.push((await call(`${old.inferenceOrigin}/v1/models`)).text);
      const first = (JSON.parse(bodies[0]!) as { Data: { Model: { Models: Json[] } } }).Data.Model.Models[0]!;
      bodies.push((await call(`${old.origin}/api/v1/models/${String(first['Path'])}/${String(first['Name'])}`)).text);
      expect(hash(bodies)).toBe('a4c3c1bf58487ee2');
    } finally {
      await old.close();
    }
  });

  it('has the old shapes: Organization null for users, StorageSize, covers in CoverImages, no IsTop, newest Id first, no quirks', () => {
    const d = catalogForDay({ size: 400, seed: 11, chatModels: 12, tidy: true });
    const l = d.listing;
    expect(l.some((m) => m.Organization === null)).toBe(true);
    expect(l.every((m) => typeof m.StorageSize === 'number' && !('IsTop' in m))).toBe(true);
    expect(l.some((m) => m.CoverImages.length === 1)).toBe(true);
    expect(l.every((m) => m.SupportInference !== '')).toBe(true);
    expect(l.map((m) => m.Id)).toEqual(l.map((m) => m.Id).sort((a, b) => b - a));
    const listed = new Set(l.map((m) => `${m.Path}/${m.Name}`));
    expect(d.chatIds.filter((id) => !listed.has(id))).toEqual([GATEWAY_ONLY_ID]);
  });

  it('refuses a real-world knob beside tidy: true', () => {
    expect(() => catalogForDay({ tidy: true, shortfall: 3 })).toThrow(SimulatorError);
    expect(() => catalogForDay({ tidy: true, renames: 1, gatewayOnly: 4 })).toThrow(/gatewayOnly, renames cannot be set with it/);
    expect(() => catalogForDay({ shortfall: 1.5 })).toThrow(/shortfall must be an integer/);
    expect(() => catalogForDay({ emptyInferenceShare: 0.9 })).toThrow(/emptyInferenceShare/);
  });
});
