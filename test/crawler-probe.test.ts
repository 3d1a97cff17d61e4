// `npm run probe`: each assumption the crawler makes, checked with a handful of requests, reported as a table.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../crawler/http/client.ts';
import { allHeld, probe, type ProbeRow } from '../crawler/probe.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { runScript, tempDir, treeContents } from './helpers.ts';

// The real world by default (hidden rows, empty SupportInference on a few records); the tidy one to pin figures.
let sim: Simulator;
let tidy: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: 300, seed: 5 });
  tidy = await startSimulator({ size: 300, seed: 5, tidy: true });
});
afterAll(async () => {
  await sim.close();
  await tidy.close();
});
afterEach(() => sim.clearFaults());

async function probeSim(world: Simulator = sim): Promise<{ rows: ProbeRow[]; requests: number }> {
  const dispatcher = new Agent();
  const client = createHttpClient({ dispatcher, concurrency: 2, rps: Infinity, retries: 0, retryBudget: 4 });
  const before = world.requests.length;
  try {
    return { rows: await probe(client, { origin: world.origin, inferenceOrigin: world.inferenceOrigin }), requests: world.requests.length - before };
  } finally {
    client.close();
    await dispatcher.destroy();
  }
}

const row = (rows: readonly ProbeRow[], start: string): ProbeRow | undefined => rows.find((r) => r.assumption.startsWith(start));

describe('crawler/probe', () => {
  it('finds every assumption holding on a tidy service, with at most ten requests', async () => {
    const { rows, requests } = await probeSim(tidy);
    expect(requests).toBeLessThanOrEqual(10);
    expect(allHeld(rows)).toBe(true);
    expect(row(rows, 'the API-Inference filter')?.seen).toMatch(/^filtered TotalCount 300 < hub 900; 100 of 100 records have SupportInference$/);
    expect(row(rows, 'the listing yields what TotalCount says')?.seen).toBe('the last page (3) holds the 100 rows TotalCount leaves for it');
    expect(row(rows, 'page size 100')?.held).toBe(true);
    expect(row(rows, 'GmtModified order')?.seen).toBe('the same 100 ids in the same order');
    expect(row(rows, 'SupportInference values')?.seen).toMatch(/txt2img \d+/);
    expect(row(rows, 'records carry the keys')?.seen).toMatch(/^(\d+) of \1 present; \d+ keys in all$/);
    const served = tidy.chatIds().length;
    expect(row(rows, 'GET /v1/models answers without a token')?.seen).toBe(`${served} ids, ${served} with a created date`);
  });

  it('holds on the real service’s quirks and reports them: empty SupportInference per task, hidden rows, keys not read', async () => {
    const { rows, requests } = await probeSim();
    expect(requests).toBeLessThanOrEqual(10);
    expect(allHeld(rows), JSON.stringify(rows, null, 1)).toBe(true);
    const empty = (row(rows, 'the API-Inference filter')?.seen ?? '').match(/; (\d+) of 100 records have SupportInference$/);
    expect(Number(empty?.[1])).toBeLessThan(100);
    expect(row(rows, 'SupportInference values on page 1, by task')?.seen).toMatch(/^[\w-]+: (txt2img|""|txt2txt|img2img)/);
    expect(row(rows, 'SupportInference values on page 1, by task')?.seen).toContain('""');
    // TotalCount 303 for 300 rows: page 4 should hold 3 and holds none.
    expect(row(rows, 'the listing yields what TotalCount says')).toMatchObject({ held: true, seen: 'the last page (4) holds 0 of the 3 rows TotalCount leaves for it: at least 3 short' });
    expect(row(rows, 'keys records carry that the crawler does not read')?.seen).toMatch(/\bReadMeContent\b/);
  });

  it('says the listing collapsed when TotalCount is far above what it yields', async () => {
    const collapsed = await startSimulator({ size: 300, seed: 5, shortfall: 150 });
    try {
      const { rows } = await probeSim(collapsed);
      expect(row(rows, 'the listing yields what TotalCount says')).toMatchObject({ held: false, seen: expect.stringMatching(/short$/) });
    } finally {
      await collapsed.close();
    }
  });

  it('says the filter is ignored when it is', async () => {
    sim.inject({ kind: 'ignore-filter' });
    const { rows } = await probeSim();
    expect(row(rows, 'the API-Inference filter')?.held).toBe(false);
    expect(allHeld(rows)).toBe(false);
  });

  it('sees the Default order move while the crawl order holds still', async () => {
    sim.inject({ kind: 'moving-order', share: 0.2 });
    const { rows } = await probeSim();
    expect(row(rows, 'GmtModified order')?.held).toBe(true);
    expect(row(rows, 'Default order')?.seen).toMatch(/^\d+ of 100 positions differ/);
  });

  it('reports a gateway that wants a token, and a catalog that fails, as rows rather than crashing', async () => {
    sim.inject({ kind: 'status', status: 401, route: 'chat' });
    sim.inject({ kind: 'html', status: 403, route: 'list', times: Infinity });
    const { rows } = await probeSim();
    expect(row(rows, 'GET /v1/models answers without a token')).toMatchObject({ held: false, seen: expect.stringMatching(/HTTP 401/) });
    expect(row(rows, 'the catalog answers')).toMatchObject({ held: false, seen: expect.stringMatching(/HTTP 403/) });
  });

  it('as a command: prints the table, appends it to the job summary, exits 1 when one failed, writes no data', async () => {
    const root = await tempDir();
    const summary = join(root, 'summary.md');
    const env = { ...process.env, GITHUB_STEP_SUMMARY: summary, MODELSCOPE_ORIGIN: sim.origin, MODELSCOPE_INFERENCE_ORIGIN: sim.inferenceOrigin };
    const ok = await runScript(join(process.cwd(), 'pipeline/probe-cli.ts'), [], { env, cwd: root });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^yes +the API-Inference filter is honoured/m);
    sim.inject({ kind: 'ignore-filter' });
    const failed = await runScript(join(process.cwd(), 'pipeline/probe-cli.ts'), [], { env, cwd: root });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^NO +the API-Inference filter is honoured/m);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown.match(/### ModelScope probe/g)).toHaveLength(2);
    expect(markdown).toContain('| the API\\-Inference filter is honoured | NO |');
    expect(Object.keys(await treeContents(root))).toEqual(['summary.md']);
  });
});
