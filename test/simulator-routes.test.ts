import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogForDay, GATEWAY_ONLY_ID, MAX_PAGE_SIZE, startSimulator } from '../simulator/index.ts';
import type { Simulator } from '../simulator/index.ts';
import { call, crawlIds, modelsOf, putModels } from '../simulator/testing.ts';

// The tidy world (newest Id first, TotalCount = rows, one gateway-only id): these tests pin the routes' mechanics;
// test/simulator-real-shapes.test.ts covers the real world, the default since issue 19.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: 450, seed: 3, chatModels: 10, tidy: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearFaults();
  sim.setDay(0);
});

const idOf = (m: object): string => {
  const r = m as Record<string, unknown>;
  return `${String(r['Path'])}/${String(r['Name'])}`;
};

describe('simulator/dolphin paging', () => {
  it('pages the filtered list in Default order with TotalCount on every page, and an empty page past the end', async () => {
    const expected = sim.listing().map(idOf);
    expect(expected).toHaveLength(450);
    expect(await crawlIds(sim.origin, 100)).toEqual(expected);
    const last = modelsOf(await putModels(sim.origin, { PageNumber: 5, PageSize: 100 }));
    expect(last.Models).toHaveLength(50);
    expect(last.TotalCount).toBe(450);
    const past = modelsOf(await putModels(sim.origin, { PageNumber: 6, PageSize: 100 }));
    expect(past).toEqual({ Models: [], TotalCount: 450 });
  });

  it('answers with the documented envelope', async () => {
    const body = JSON.parse((await putModels(sim.origin, { PageNumber: 1, PageSize: 1 })).text) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['Code', 'Success', 'Message', 'RequestId', 'Data']);
    // As the real page in shared/data-samples: Message "success", Source and Target beside the page.
    expect(body).toMatchObject({ Code: 200, Success: true, Message: 'success', Data: { FiledAgg: {}, Source: '', Target: '' } });
    expect(Object.keys(body['Data'] as object)).toEqual(['FiledAgg', 'Model', 'Source', 'Target']);
    expect(body['RequestId']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('clamps PageSize to 100 and defaults missing paging fields', async () => {
    const big = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 5000 }));
    expect(big.Models).toHaveLength(MAX_PAGE_SIZE);
    const defaults = modelsOf(await putModels(sim.origin, {}));
    expect(defaults.Models.map(idOf)).toEqual(sim.listing().slice(0, 10).map(idOf));
  });

  it('only accepts PUT: GET and POST are 404', async () => {
    for (const method of ['GET', 'POST'] as const) {
      expect((await call(`${sim.origin}/api/v1/dolphin/models`, method, method === 'POST' ? {} : undefined)).status).toBe(404);
    }
    expect((await call(`${sim.origin}/api/v1/dolphin/models`, 'PUT', '{not json')).status).toBe(400);
    expect(sim.requests.at(-1)).toMatchObject({ route: 'other', status: 400 });
  });
});

describe('simulator/dolphin filter and hub', () => {
  it('without the inference filter lists the whole hub: list size × hubFactor, mostly without SupportInference', async () => {
    const page = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 100 }, false));
    expect(page.TotalCount).toBe(450 * 3);
    expect(page.Models.filter((m) => m['SupportInference'] === '').length).toBeGreaterThan(30);
    expect(sim.requests.at(-1)).toMatchObject({ route: 'hub', page: 1, status: 200 });
  });

  it('pages the whole hub without gaps or duplicates, newest Id first', async () => {
    const seen: string[] = [];
    let previous = Infinity;
    for (let page = 1; page <= 14; page++) {
      for (const m of modelsOf(await putModels(sim.origin, { PageNumber: page, PageSize: 100 }, false)).Models) {
        seen.push(idOf(m));
        expect(m['Id']).toBeLessThan(previous);
        previous = m['Id'] as number;
      }
    }
    expect(new Set(seen).size).toBe(1350);
    for (const id of sim.listing().map(idOf)) expect(seen).toContain(id);
  });

  it('treats SingleCriterion with another category as no filter', async () => {
    const body = { PageNumber: 1, PageSize: 1, SingleCriterion: [{ category: 'support_api_inference', DateType: 'int', predicate: 'equal', IntValue: 1 }] };
    expect(modelsOf(await putModels(sim.origin, body, false)).TotalCount).toBe(1350);
  });

  it('filters by Name substring (case-insensitive) and by Criterion tasks contains', async () => {
    const needle = 'lora';
    const byName = sim.listing().filter((m) => m.Name.toLowerCase().includes(needle));
    const named = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 100, Name: 'LoRA' }));
    expect(named.TotalCount).toBe(byName.length);
    expect(named.TotalCount).toBeGreaterThan(0);
    const criterion = [{ category: 'tasks', predicate: 'contains', values: ['text-generation'] }];
    const llms = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 100, Criterion: criterion }));
    const expected = sim.listing().filter((m) => (m.Tasks ?? []).some((t) => t.Name === 'text-generation'));
    expect(llms.TotalCount).toBe(expected.length);
    expect(llms.Models.map(idOf)).toEqual(expected.slice(0, 100).map(idOf));
    // Other predicates are silently ignored upstream.
    const ignored = [{ category: 'tasks', predicate: 'eq', values: ['text-generation'] }];
    expect(modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 1, Criterion: ignored })).TotalCount).toBe(450);
    const hubLlms = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 100, Criterion: criterion }, false));
    expect(hubLlms.TotalCount).toBeGreaterThan(llms.TotalCount);
  });
});

describe('simulator/dolphin sort orders', () => {
  const keyOf: Record<string, string> = { DownloadsCount: 'Downloads', StarsCount: 'Stars', GmtModified: 'LastUpdatedTime' };
  for (const sortBy of ['DownloadsCount', 'StarsCount', 'GmtModified']) {
    it(`sorts by ${sortBy} descending (ties by newest Id) across pages, on the list and the hub`, async () => {
      for (const filtered of [true, false]) {
        const all: Record<string, unknown>[] = [];
        for (let page = 1; page <= (filtered ? 5 : 3); page++) {
          all.push(...modelsOf(await putModels(sim.origin, { PageNumber: page, PageSize: 100, SortBy: sortBy }, filtered)).Models);
        }
        const keys = all.map((m) => [Number(m[keyOf[sortBy]!]), m['Id'] as number] as const);
        for (let i = 1; i < keys.length; i++) {
          const [k0, id0] = keys[i - 1]!;
          const [k1, id1] = keys[i]!;
          expect(k0 > k1 || (k0 === k1 && id0 > id1)).toBe(true);
        }
        if (filtered) expect(new Set(all.map((m) => idOf(m))).size).toBe(450);
      }
    });
  }

  it('falls back to Default for an unknown SortBy', async () => {
    const page = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 5, SortBy: 'DownloadCount' }));
    expect(page.Models.map(idOf)).toEqual(sim.listing().slice(0, 5).map(idOf));
  });
});

describe('simulator/days', () => {
  it('serves the generator listing for the current day and moves with setDay', async () => {
    sim.setDay(4);
    expect(sim.day).toBe(4);
    const expected = catalogForDay({ size: 450, seed: 3, chatModels: 10, day: 4, tidy: true }).listing.map(idOf);
    expect(sim.listing().map(idOf)).toEqual(expected);
    expect(await crawlIds(sim.origin)).toEqual(expected);
    expect(() => sim.setDay(-1)).toThrow(/day must be an integer/);
  });

  it('switches day and faults through the control routes', async () => {
    const moved = await call(`${sim.origin}/__sim/day`, 'POST', { day: 2 });
    expect(moved.status).toBe(200);
    expect(sim.day).toBe(2);
    const bad = await call(`${sim.origin}/__sim/faults`, 'POST', [{ kind: 'status', status: 503 }, { kind: 'nope' }]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({ error: expect.stringContaining('#2: kind must be one of') });
    expect((await call(`${sim.origin}/__sim/faults`, 'POST', { kind: 'status', status: 503 })).status).toBe(200);
    expect((await putModels(sim.origin, {})).status).toBe(503);
    await call(`${sim.origin}/__sim/faults`, 'POST', { kind: 'status', status: 503 });
    expect(JSON.parse((await call(`${sim.origin}/__sim/state`)).text)).toMatchObject({ day: 2, faults: [{ kind: 'status', status: 503 }] });
    await call(`${sim.origin}/__sim/faults`, 'DELETE');
    expect((await putModels(sim.origin, {})).status).toBe(200);
  });
});

describe('simulator/chat models', () => {
  it('serves today\'s gateway ids in the shape real replies have and records the Authorization header', async () => {
    const reply = await call(`${sim.inferenceOrigin}/v1/models`, 'GET', undefined, { authorization: 'Bearer ms-test-token' });
    const body = JSON.parse(reply.text) as { object: string; data: { id: string; object: string; created: number; owned_by: string }[] };
    expect(body.object).toBe('list');
    expect(body.data.map((d) => d.id)).toEqual(sim.chatIds());
    expect(body.data).toHaveLength(10);
    expect(body.data.map((d) => d.id)).toContain(GATEWAY_ONLY_ID);
    // Real replies: "object" is "" (not "model") and "owned_by" is "system" on every entry.
    for (const d of body.data) expect(d).toEqual({ id: d.id, object: '', created: expect.any(Number), owned_by: 'system' });
    expect(sim.requests.at(-1)).toMatchObject({ route: 'chat', status: 200, headers: { authorization: 'Bearer ms-test-token' } });
  });
});

describe('simulator/detail', () => {
  it('returns the record plus detail-only keys for a listed model', async () => {
    const model = sim.listing()[7]!;
    const reply = await call(`${sim.origin}/api/v1/models/${model.Path}/${model.Name}`);
    const body = JSON.parse(reply.text) as { Code: number; Success: boolean; Data: Record<string, unknown> };
    expect(reply.status).toBe(200);
    expect(body).toMatchObject({ Code: 200, Success: true });
    expect(body.Data).toMatchObject({ Id: model.Id, Path: model.Path, Name: model.Name, SupportInference: model.SupportInference, Revision: 'master' });
    expect(typeof body.Data['ReadMeContent']).toBe('string');
  });

  it('finds hub-only models (SupportInference "") and answers unknown ones with HTTP 200, Code 10010205', async () => {
    const hub = modelsOf(await putModels(sim.origin, { PageNumber: 1, PageSize: 100 }, false)).Models.find((m) => m['SupportInference'] === '')!;
    const found = JSON.parse((await call(`${sim.origin}/api/v1/models/${String(hub['Path'])}/${String(hub['Name'])}`)).text) as { Data: Record<string, unknown> };
    expect(found.Data['Id']).toBe(hub['Id']);
    for (const path of ['nobody/nothing', 'Qwen/Qwen3-8B-mzzzzzz', 'a/b/c']) {
      const reply = await call(`${sim.origin}/api/v1/models/${path}`);
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text)).toMatchObject({ Code: 10010205, Success: false, Message: '模型不存在', Data: null });
    }
    expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', route: 'detail', status: 200 });
  });
});

describe('simulator/request log', () => {
  it('records method, path, route, page, status and headers of every request', async () => {
    const before = sim.requests.length;
    await putModels(sim.origin, { PageNumber: 3, PageSize: 10 }, true);
    await call(`${sim.origin}/nowhere?x=1`);
    const [list, other] = sim.requests.slice(before);
    expect(list).toMatchObject({ method: 'PUT', path: '/api/v1/dolphin/models', route: 'list', page: 3, status: 200 });
    expect(list?.headers['content-type']).toBe('application/json');
    expect(list?.at).toBeGreaterThan(0);
    expect(other).toMatchObject({ method: 'GET', path: '/nowhere?x=1', route: 'other', status: 404 });
    expect(other).not.toHaveProperty('page');
  });
});

describe('simulator/latency', () => {
  it('delays every response by latencyMs', async () => {
    const slow = await startSimulator({ size: 20, latencyMs: 150, tidy: true });
    try {
      const started = performance.now();
      await putModels(slow.origin, {});
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });
});
