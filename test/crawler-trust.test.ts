// Issue 20, "a record people can trust", over real loopback HTTP: the simulator behind a rewriting proxy
// that can also hold a reply back (so concurrent pages answer out of order). Absurd timestamps are nulled
// and counted, rejected records are listed with their page, a duplicate id keeps the copy on the lowest
// page whichever answers first, and the counts reach the run report.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../core/cli.ts';
import type { CrawlFacts } from '../crawler/crawl.ts';
import { runNight } from '../pipeline/night.ts';
import { summaryLines, summaryMarkdown, withCrawlFacts } from '../pipeline/report.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { readSnapshot } from '../store/snapshots.ts';
import { crawlOptions, quietProgress, recordingSleep, tempDir, treeContents } from './helpers.ts';

type Json = Record<string, unknown>;
type Route = 'list' | 'gateway' | 'other';
/** Rewrites one JSON reply (may wait); `page` is the catalog page asked for (filtered listing only). */
type Rewrite = (route: Route, json: Json, page: number | undefined) => Json | Promise<Json>;

let sim: Simulator;
let proxy: Server;
let origin: string;
let rewrite: Rewrite;
/** How long to hold back the reply to a filtered listing page, in ms. */
let holdBack: (page: number) => number;
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
          void (async () => {
            let text = Buffer.concat(parts).toString('utf8');
            const sent = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Json) : undefined;
            const filtered = Array.isArray(sent?.['SingleCriterion']) && (sent['SingleCriterion'] as unknown[]).length > 0;
            const route: Route = req.url?.includes('/v1/models') ? 'gateway' : req.url?.includes('/dolphin/models') && filtered ? 'list' : 'other';
            const page = route === 'list' ? Number(sent?.['PageNumber']) : undefined;
            if (reply.statusCode === 200) text = JSON.stringify(await rewrite(route, JSON.parse(text) as Json, page));
            if (page !== undefined) await delay(holdBack(page));
            const headers = { ...reply.headers };
            delete headers['content-length'];
            delete headers['content-encoding'];
            res.writeHead(reply.statusCode ?? 500, headers);
            res.end(text);
          })();
        });
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  // The tidy world (TotalCount = rows, no empty SupportInference): one pass reads the list, so what is tested is that pass.
  sim = await startSimulator({ size: 340, chatModels: 12, seed: 7, tidy: true });
  await startProxy(sim.origin);
  rewrite = (_route, json) => json;
  holdBack = () => 0;
  dataDir = await tempDir();
});
afterEach(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await sim.close();
});

async function run(date: string) {
  const quiet = quietProgress();
  const sleep = recordingSleep();
  const inferenceOrigin = `${origin}${new URL(sim.inferenceOrigin).pathname}`;
  let facts: CrawlFacts | undefined;
  const options = { ...crawlOptions({ origin, inferenceOrigin }, dataDir, date), onCrawled: (crawled: CrawlFacts) => void (facts = crawled) };
  const result = await runNight(options, { progress: quiet.progress, sleep: sleep.sleep });
  const summary = withCrawlFacts(result.summary, facts);
  return { ...result, summary, facts, report: summaryLines(summary).join('\n'), markdown: summaryMarkdown(summary), log: quiet.text() };
}

const models = (json: Json): Json[] => {
  const data = json['Data'] as Json;
  return ((data['Model'] ?? data) as { Models: Json[] }).Models;
};
const idOf = (model: Json): string => `${String(model['Path'])}/${String(model['Name'])}`;

describe('trust/timestamps', () => {
  it('nulls absurd CreatedTime, LastUpdatedTime and gateway `created`, publishes, and counts each in the report', async () => {
    const absurd: unknown[] = [2 ** 53 - 1, Number.MAX_VALUE, 1e20, 8.64e15 + 1, 4102444800, 946684799, -5, 'soon', '9'.repeat(400)];
    const touched: string[] = [];
    rewrite = (route, json, page) => {
      if (route === 'list' && page === 2) {
        models(json).slice(0, absurd.length).forEach((model, n) => {
          model['CreatedTime'] = absurd[n];
          touched.push(idOf(model));
        });
        models(json)[absurd.length]!['LastUpdatedTime'] = 1e300;
      }
      if (route === 'gateway') (json['data'] as Json[]).push({ id: 'gw/absurd', created: 2 ** 53 - 1 }, { id: 'gw/ms', created: 1745856000000 });
      return json;
    };
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    const snapshot = (await readSnapshot(dataDir, '2026-03-01'))!;
    expect(snapshot.models).toHaveLength(340);
    for (const id of touched) expect(snapshot.models.find((m) => m.id === id)?.createdAt).toBeNull();
    expect(snapshot.gateway).toContainEqual({ id: 'gw/absurd', since: null });
    expect(snapshot.gateway).toContainEqual({ id: 'gw/ms', since: '2025-04-29' });
    const nulled = result.summary.nulledTimestamps!;
    expect(nulled.count).toBe(absurd.length + 2);
    expect(nulled.byProblem).toEqual({ 'from 2100 on': 7, 'before 2000': 1, negative: 1, unreadable: 1, 'not finite': 1 });
    expect(nulled.sample).toContain(`${touched[0]} CreatedTime: from 2100 on`);
    expect(nulled.sample).toHaveLength(10);
    expect(result.report).toContain('timestamps: 11 unusable timestamps set to null (');
    expect(result.markdown).toMatch(/\| timestamps \| 11 unusable timestamps/);
  });
});

describe('trust/rejected', () => {
  it('lists every rejected record with id, page and reason in the report, and publishes under the share rule', async () => {
    const broken: string[] = [];
    rewrite = (route, json, page) => {
      if (route === 'list' && page === 3) {
        const [a, b, c] = models(json);
        a!['Stars'] = 'many';
        b!['Downloads'] = -1;
        delete c!['Path'];
        broken.push(idOf(a!), idOf(b!));
      }
      return json;
    };
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    expect(result.summary.rejected).toBe(3);
    expect(result.summary.rejectedRecords?.map((r) => [r.id, r.page])).toEqual([[broken[0], 3], [broken[1], 3], ['#1', 3]]);
    expect(result.report).toContain(`unusable records (3, left out):`);
    expect(result.report).toContain(`    ${broken[0]} (page 3): Stars not a count: "many"`);
    expect(result.report).toContain(`    ${broken[1]} (page 3): Downloads not a count: -1`);
    expect(result.report).toContain('    #1 (page 3): no Path/Name (item 3)');
    expect(result.markdown).toContain('#### Unusable records (3, left out)');
    expect(result.markdown).toContain('| \\#1 | 3 | no Path/Name \\(item 3\\) |');
  });

  it('still refuses a night with too many rejects, its reason and report naming them', async () => {
    rewrite = (route, json, page) => {
      if (route === 'list' && (page === 2 || page === 4)) for (const model of models(json).slice(0, 30)) model['Stars'] = 'x';
      return json;
    };
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.refused);
    expect(result.summary.reason).toMatch(/^60 of 340 records could not be read \(more than 1%\).*; first: \S+ \(page 2\): Stars not a count/);
    expect(result.summary.rejectedRecords).toHaveLength(60);
    expect(result.summary.rejectedRecords?.every((r) => r.page === 2 || r.page === 4)).toBe(true);
    expect(result.report.split('\n').filter((line) => /^    \S/.test(line) && !line.includes('… and')).length).toBe(50);
    expect(result.report).toContain('    … and 10 more');
    expect(await treeContents(dataDir)).toEqual({});
  });
});

describe('trust/duplicates', () => {
  /**
   * Page 3 also carries page 2's first model, with other figures; the page `slow` names is held back so
   * the other answers first. Returns the duplicated id.
   */
  function duplicateAcross(slow: number): { id: () => string } {
    let copy: Json | undefined;
    let ready: () => void = () => {};
    const page2 = new Promise<void>((resolve) => (ready = resolve));
    holdBack = (page) => (page === slow ? 400 : 0);
    rewrite = async (route, json, page) => {
      if (route !== 'list') return json;
      if (page === 2) {
        copy = { ...models(json)[0]!, Stars: 987_654 };
        ready();
      }
      if (page === 3) {
        await page2;
        models(json).push(copy!);
      }
      return json;
    };
    return { id: () => idOf(copy!) };
  }

  it.each([[2], [3]])('keeps the copy on the lowest page whichever page answers first (page %i held back)', async (slow) => {
    const dup = duplicateAcross(slow);
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    const snapshot = (await readSnapshot(dataDir, '2026-03-01'))!;
    const kept = snapshot.models.find((m) => m.id === dup.id())!;
    // Page 2's own copy, never page 3's 987,654 likes.
    expect(kept.likes).not.toBe(987_654);
    expect(snapshot.models).toHaveLength(340);
    expect(result.summary.passes).toBe(1);
    expect(result.summary.duplicates).toEqual([{ id: dup.id(), pages: [2, 3] }]);
    expect(result.report).toContain(`duplicates: 1 id listed more than once in one pass, the copy on the lowest page kept: ${dup.id()} (pages 2, 3)`);
  });

  it('gives the same snapshot whichever page answers first', async () => {
    duplicateAcross(2);
    await run('2026-03-01');
    const first = (await readSnapshot(dataDir, '2026-03-01'))!;
    dataDir = await tempDir();
    duplicateAcross(3);
    await run('2026-03-01');
    expect((await readSnapshot(dataDir, '2026-03-01'))!.models).toEqual(first.models);
  });
});
