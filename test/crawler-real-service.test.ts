// Issue 19's real-service rules over real loopback HTTP: the simulator behind a small rewriting proxy
// (empty SupportInference on some records, a TotalCount above the ids served, gateway-only ids), so the
// crawler's whole path — listing, re-reads, guards, snapshot — is what is tested.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../core/cli.ts';
import { runNight } from '../pipeline/night.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { readSnapshot } from '../store/snapshots.ts';
import { crawlOptions, quietProgress, recordingSleep, tempDir, treeContents } from './helpers.ts';

type Json = Record<string, unknown>;
/** Rewrites one JSON reply; `list` is the filtered catalog listing, `gateway` the /v1/models reply. */
type Rewrite = (route: 'list' | 'gateway' | 'other', json: Json, body: Json | undefined) => Json;

let sim: Simulator;
let proxy: Server;
let origin: string;
let rewrite: Rewrite;
let dataDir: string;

async function startProxy(target: string): Promise<void> {
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, 'accept-encoding': 'identity', host: new URL(target).host } }, (reply) => {
        const parts: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => parts.push(chunk));
        reply.on('end', () => {
          let text = Buffer.concat(parts).toString('utf8');
          const sent = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Json) : undefined;
          const filtered = Array.isArray(sent?.['SingleCriterion']) && (sent['SingleCriterion'] as unknown[]).length > 0;
          const route = req.url?.includes('/v1/models') ? 'gateway' : req.url?.includes('/dolphin/models') && filtered ? 'list' : 'other';
          if (reply.statusCode === 200) text = JSON.stringify(rewrite(route, JSON.parse(text) as Json, sent));
          const headers = { ...reply.headers };
          delete headers['content-length'];
          delete headers['content-encoding'];
          res.writeHead(reply.statusCode ?? 500, headers);
          res.end(text);
        });
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  // The tidy world: the proxy adds each quirk itself, so it is the only one in play.
  sim = await startSimulator({ size: 340, chatModels: 12, seed: 7, tidy: true });
  await startProxy(sim.origin);
  rewrite = (_route, json) => json;
  dataDir = await tempDir();
});
afterEach(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await sim.close();
});

async function run(date: string, extra: string[] = []) {
  const quiet = quietProgress();
  const sleep = recordingSleep();
  const inferenceOrigin = `${origin}${new URL(sim.inferenceOrigin).pathname}`;
  const result = await runNight(crawlOptions({ origin, inferenceOrigin }, dataDir, date, extra), { progress: quiet.progress, sleep: sleep.sleep });
  return { ...result, log: quiet.text() };
}

const page = (json: Json): { Models: Json[]; TotalCount: number } => {
  const data = json['Data'] as Json;
  return (data['Model'] ?? data) as { Models: Json[]; TotalCount: number };
};

/** Blank SupportInference on the records whose id the predicate picks. */
const blankInference = (pick: (id: string) => boolean): Rewrite => (route, json) => {
  if (route === 'list') for (const model of page(json).Models) if (pick(`${String(model['Path'])}/${String(model['Name'])}`)) model['SupportInference'] = '';
  return json;
};

describe('crawler/unknown-inference', () => {
  it('publishes a night where 5% of the listed records have an empty SupportInference, keeping them with type ""', async () => {
    const ids = sim.listing().map((m) => `${m.Path}/${m.Name}`).sort();
    const blank = new Set(ids.filter((_, index) => index % 20 === 0));
    rewrite = blankInference((id) => blank.has(id));
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    const snapshot = (await readSnapshot(dataDir, '2026-03-01'))!;
    expect(snapshot.models).toHaveLength(340);
    expect(snapshot.models.filter((m) => m.inferenceType === '').map((m) => m.id).sort()).toEqual([...blank].sort());
    expect(snapshot.source.unknownInference).toBe(blank.size);
    expect(result.summary.unknownInference?.count).toBe(blank.size);
    expect(result.summary.unknownInference?.sample.length).toBeGreaterThan(0);
  });

  it('still refuses an ignored filter: most records without SupportInference', async () => {
    rewrite = blankInference(() => true);
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.refused);
    expect(result.summary.reason).toMatch(/filter was ignored: 100 of 100 returned models have no SupportInference/);
    expect(await treeContents(dataDir)).toEqual({});
  });
});

/** Add `extra` to every filtered listing page's TotalCount (a function of the request count, to make it move). */
const inflate = (extra: (request: number) => number): Rewrite => {
  let requests = 0;
  return (route, json) => {
    if (route === 'list') page(json).TotalCount += extra((requests += 1));
    return json;
  };
};

describe('crawler/shortfall', () => {
  it('publishes a TotalCount that stays 3 above the ids over two full reads, recording source.shortfall', async () => {
    rewrite = inflate(() => 3);
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    const snapshot = (await readSnapshot(dataDir, '2026-03-01'))!;
    expect(snapshot.models).toHaveLength(340);
    expect(snapshot.source.totalCount).toBe(343);
    expect(snapshot.source.shortfall).toBe(3);
    expect(result.summary.shortfall).toBe(3);
    expect(result.summary.passes).toBe(2);
    expect(result.log).toMatch(/shortfall of 3/);
  });

  it('keeps shortfall 0 on a consistent night', async () => {
    await run('2026-03-01');
    expect((await readSnapshot(dataDir, '2026-03-01'))!.source.shortfall).toBe(0);
  });

  it('refuses a shortfall whose TotalCount moves between passes', async () => {
    // Each full read is 4 page requests plus re-reads; a TotalCount that changes every request never holds still.
    rewrite = inflate((n) => 3 + (n % 3));
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.refused);
    expect(result.summary.reason).toMatch(/kept changing/);
    expect(await treeContents(dataDir)).toEqual({});
  });

  it('refuses a large shortfall even when it holds still: the list collapsed', async () => {
    rewrite = inflate(() => 40);
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.refused);
    expect(result.summary.reason).toMatch(/collapsed: 340 distinct models for TotalCount 380 .*shortfall of 40 \(more than 10/);
    expect(await treeContents(dataDir)).toEqual({});
  });
});

describe('crawler/gateway-list', () => {
  it('keeps every id the gateway served in snapshot.gateway, gateway-only ones too, sorted, with dates in s or ms', async () => {
    rewrite = (route, json) => {
      if (route === 'gateway') {
        const data = json['data'] as Json[];
        data.push({ id: 'zz/gateway-only-ms', object: '', created: 1745856000000, owned_by: 'system' });
        data.push({ id: 'aa/gateway-only', object: '', created: 1745856000, owned_by: 'system' });
        data.push({ id: 'mm/absurd', object: '', created: 5, owned_by: 'system' });
      }
      return json;
    };
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    const snapshot = (await readSnapshot(dataDir, '2026-03-01'))!;
    const gateway = snapshot.gateway!;
    expect(gateway.map((g) => g.id)).toEqual([...gateway.map((g) => g.id)].sort());
    expect(gateway).toContainEqual({ id: 'aa/gateway-only', since: '2025-04-29' });
    expect(gateway).toContainEqual({ id: 'zz/gateway-only-ms', since: '2025-04-29' });
    expect(gateway).toContainEqual({ id: 'mm/absurd', since: null });
    expect(snapshot.source.openaiApiModelCount).toBe(gateway.length);
    for (const model of snapshot.models.filter((m) => m.openaiApi)) expect(gateway.map((g) => g.id)).toContain(model.id);
    expect(snapshot.models.some((m) => m.id === 'aa/gateway-only')).toBe(false);
  });
});
