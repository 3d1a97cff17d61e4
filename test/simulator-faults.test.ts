import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFault, SimulatorError, startSimulator } from '../simulator/index.ts';
import type { Fault, Simulator } from '../simulator/index.ts';
import { call, crawlIds, modelsOf, putModels } from '../simulator/testing.ts';

let sim: Simulator;
beforeAll(async () => {
  // The tidy world: shrink and ignore-filter counts are exact there (no hidden rows, no empty SupportInference).
  sim = await startSimulator({ size: 300, seed: 5, tidy: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearFaults();
  sim.setDay(0);
});

const page = (n: number, filtered = true): ReturnType<typeof putModels> => putModels(sim.origin, { PageNumber: n, PageSize: 100 }, filtered);
const idOf = (m: object): string => {
  const r = m as Record<string, unknown>;
  return `${String(r['Path'])}/${String(r['Name'])}`;
};

describe('simulator/faults status', () => {
  it('answers with the status and Retry-After verbatim, `times` times, then recovers', async () => {
    sim.inject({ kind: 'status', status: 429, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT', times: 2 });
    for (let i = 0; i < 2; i++) {
      const reply = await page(1);
      expect(reply.status).toBe(429);
      expect(reply.headers['retry-after']).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
      expect(JSON.parse(reply.text)).toMatchObject({ Code: 429, Success: false });
    }
    expect((await page(1)).status).toBe(200);
    expect(sim.requests.slice(-3).map((r) => [r.status, r.fault])).toEqual([[429, 'status'], [429, 'status'], [200, undefined]]);
  });

  it('matches only its page, and only its route (default list)', async () => {
    sim.inject({ kind: 'status', status: 503, page: 2 });
    expect((await page(1)).status).toBe(200);
    expect((await page(2, false)).status).toBe(200); // hub, not list
    expect((await call(`${sim.inferenceOrigin}/v1/models`)).status).toBe(200);
    expect((await page(2)).status).toBe(503);
    expect((await page(2)).status).toBe(200);
  });

  it('routes hub, chat, detail and any separately', async () => {
    sim.inject({ kind: 'status', status: 500, route: 'hub' });
    sim.inject({ kind: 'status', status: 502, route: 'chat' });
    sim.inject({ kind: 'status', status: 404, route: 'detail' });
    expect((await page(1)).status).toBe(200);
    expect((await page(1, false)).status).toBe(500);
    const chat = await call(`${sim.inferenceOrigin}/v1/models`);
    expect(chat.status).toBe(502);
    expect(JSON.parse(chat.text)).toMatchObject({ error: { code: 502 } });
    expect((await call(`${sim.origin}/api/v1/models/a/b`)).status).toBe(404);
    sim.inject({ kind: 'status', status: 503, route: 'any', times: 3 });
    const statuses = [(await page(1)).status, (await page(1, false)).status, (await call(`${sim.inferenceOrigin}/v1/models`)).status, (await page(1)).status];
    expect(statuses).toEqual([503, 503, 503, 200]);
  });

  it('keeps firing with times: Infinity until cleared', async () => {
    sim.inject({ kind: 'status', status: 503, times: Infinity });
    for (let i = 0; i < 5; i++) expect((await page(1)).status).toBe(503);
    sim.clearFaults();
    expect((await page(1)).status).toBe(200);
  });
});

describe('simulator/faults broken answers', () => {
  it('reset destroys the socket without a response', async () => {
    sim.inject({ kind: 'reset' });
    await expect(page(1)).rejects.toThrow();
    expect(sim.requests.at(-1)).toMatchObject({ route: 'list', status: 0, fault: 'reset' });
    expect((await page(1)).status).toBe(200);
  });

  it('truncate sends 200 with half the JSON body, ending cleanly', async () => {
    const full = (await page(1)).text;
    sim.inject({ kind: 'truncate' });
    const reply = await page(1);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBeUndefined();
    expect(() => JSON.parse(reply.text) as unknown).toThrow(SyntaxError);
    expect(reply.text.length).toBeLessThan(full.length * 0.6);
    // Same page, cut: everything after the (per-request) RequestId is a prefix of the full answer's.
    const data = (text: string): string => text.slice(text.indexOf('"Data"'));
    expect(reply.text.startsWith('{"Code":200,')).toBe(true);
    expect(data(full).startsWith(data(reply.text))).toBe(true);
    expect(data(reply.text).length).toBeGreaterThan(1000);
  });

  it('html sends a WAF page with status 200 by default, or a Tengine page for an error status', async () => {
    sim.inject({ kind: 'html' });
    sim.inject({ kind: 'html', status: 405 });
    const waf = await page(1);
    expect(waf.status).toBe(200);
    expect(waf.headers['content-type']).toMatch(/^text\/html/);
    expect(waf.text).toMatch(/<title>[^<]*Aliyun WAF<\/title>/);
    const tengine = await page(1);
    expect(tengine.status).toBe(405);
    expect(tengine.text).toContain('<title>405 Method Not Allowed</title>');
    expect(tengine.text).toContain('Tengine');
  });

  it('envelope answers HTTP 200 with Code≠200 / Success:false (defaults or given values)', async () => {
    sim.inject({ kind: 'envelope' });
    sim.inject({ kind: 'envelope', code: 200, success: false, message: '用户未登录' });
    const first = JSON.parse((await page(1)).text) as Record<string, unknown>;
    expect(first).toMatchObject({ Code: 500, Success: false, Data: null });
    const second = await page(1);
    expect(second.status).toBe(200);
    expect(JSON.parse(second.text)).toMatchObject({ Code: 200, Success: false, Message: '用户未登录' });
  });

  it('schema keeps a valid envelope but Data.Model.Models is not an array', async () => {
    sim.inject({ kind: 'schema' });
    const body = JSON.parse((await page(1)).text) as { Code: number; Success: boolean; Data: { Model: { Models: unknown } } };
    expect(body.Code).toBe(200);
    expect(body.Success).toBe(true);
    expect(Array.isArray(body.Data.Model.Models)).toBe(false);
    sim.inject({ kind: 'schema', route: 'chat' });
    const chat = JSON.parse((await call(`${sim.inferenceOrigin}/v1/models`)).text) as { data: unknown };
    expect(Array.isArray(chat.data)).toBe(false);
  });

  it('the first matching answer fault wins and only it is used up', async () => {
    sim.inject({ kind: 'status', status: 500 });
    sim.inject({ kind: 'status', status: 502 });
    expect([(await page(1)).status, (await page(1)).status, (await page(1)).status]).toEqual([500, 502, 200]);
  });
});

describe('simulator/faults data faults', () => {
  it('ignore-filter makes the filtered route answer with the whole hub until cleared', async () => {
    sim.inject({ kind: 'ignore-filter' });
    for (let i = 0; i < 3; i++) {
      const { Models, TotalCount } = modelsOf(await page(1));
      expect(TotalCount).toBe(900);
      expect(Models.some((m) => m['SupportInference'] === '')).toBe(true);
    }
    expect(sim.requests.at(-1)).toMatchObject({ route: 'list', fault: 'ignore-filter' });
    sim.clearFaults();
    expect(modelsOf(await page(1)).TotalCount).toBe(300);
  });

  it('ignore-filter with a finite `times` counts the requests it alters', async () => {
    sim.inject({ kind: 'ignore-filter', times: 1 });
    expect(modelsOf(await page(1)).TotalCount).toBe(900);
    expect(modelsOf(await page(1)).TotalCount).toBe(300);
  });

  it('shrink drops exactly ⌊n × fraction⌋ models from every page while it lasts; listing() agrees', async () => {
    const full = sim.listing().map(idOf);
    sim.inject({ kind: 'shrink', fraction: 0.25 });
    const crawled = await crawlIds(sim.origin);
    expect(crawled).toHaveLength(300 - 75);
    expect(modelsOf(await page(1)).TotalCount).toBe(225);
    expect(sim.listing().map(idOf)).toEqual(crawled);
    for (const id of crawled) expect(full).toContain(id);
    expect(modelsOf(await page(1, false)).TotalCount).toBe(900); // the hub is not shrunk by a list fault
    sim.clearFaults();
    expect(sim.listing().map(idOf)).toEqual(full);
  });

  it('insert-during-crawl puts a brand-new model on top after every `every` list requests, `times` times', async () => {
    const before = sim.listing().map(idOf);
    sim.inject({ kind: 'insert-during-crawl', every: 2, times: 2 });
    const first = modelsOf(await page(1));
    expect(first.TotalCount).toBe(300);
    await page(2);
    const after = modelsOf(await page(3));
    expect(after.TotalCount).toBe(301);
    const top = sim.listing()[0]!;
    expect(sim.listing().slice(1).map(idOf)).toEqual(before);
    expect(top.Id).toBeGreaterThan(Number(first.Models[0]?.['Id']));
    expect(top.SupportInference).not.toBe('');
    await page(4);
    expect(sim.listing()).toHaveLength(302);
    for (let i = 0; i < 4; i++) await page(1);
    expect(sim.listing()).toHaveLength(302); // used up
    const detail = JSON.parse((await call(`${sim.origin}/api/v1/models/${top.Path}/${top.Name}`)).text) as { Data: { Id: number } };
    expect(detail.Data.Id).toBe(top.Id);
    sim.setDay(0);
    expect(sim.listing().map(idOf)).toEqual(before);
  });

  it('insert-during-crawl with times: Infinity shifts a naive crawl so it duplicates models', async () => {
    sim.inject({ kind: 'insert-during-crawl', every: 1, times: Infinity });
    const ids = await crawlIds(sim.origin, 50);
    expect(new Set(ids).size).toBeLessThan(ids.length);
  });
});

describe('simulator/faults validation', () => {
  const bad: [unknown, RegExp][] = [
    [{ kind: 'status' }, /needs "status"/],
    [{ kind: 'status', status: 99 }, /status must be an integer in \[100, 599\]/],
    [{ kind: 'reset', times: 0 }, /times must be an integer/],
    [{ kind: 'reset', route: 'somewhere' }, /route must be one of/],
    [{ kind: 'shrink', fraction: 1.5 }, /fraction must be a number in \[0, 1\]/],
    [{ kind: 'insert-during-crawl' }, /needs "every"/],
    [{ kind: 'truncate', extra: true }, /unknown key "extra"/],
    ['503', /a fault must be an object/],
  ];
  for (const [value, message] of bad) {
    it(`rejects ${JSON.stringify(value)} with a one-line error`, () => {
      expect(() => sim.inject(value as Fault)).toThrow(message);
      expect(() => sim.inject(value as Fault)).toThrow(SimulatorError);
    });
  }

  it('accepts "Infinity" for times in JSON', () => {
    expect(parseFault({ kind: 'status', status: 503, times: 'Infinity' }, 'test')).toEqual({ kind: 'status', status: 503, times: Infinity });
  });
});
