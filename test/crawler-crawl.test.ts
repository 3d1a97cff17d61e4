// The whole crawler over real loopback HTTP against the simulator, fault by fault.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSnapshot, snapshotPath } from '../store/snapshots.ts';
import { EXIT } from '../core/cli.ts';
import { runNight } from '../pipeline/night.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { crawlOptions, quietProgress, recordingSleep, tempDir, treeContents } from './helpers.ts';

let sim: Simulator;
let dataDir: string;

beforeEach(async () => {
  // The tidy world: these tests pin exact passes and requests (the real world has its own tests).
  sim = await startSimulator({ size: 340, chatModels: 12, seed: 7, tidy: true });
  dataDir = await tempDir();
});
afterEach(async () => {
  await sim.close();
});

async function run(date: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const quiet = quietProgress();
  const sleep = recordingSleep();
  const result = await runNight(crawlOptions(sim, dataDir, date, extra, env), { progress: quiet.progress, sleep: sleep.sleep });
  return { ...result, log: quiet.text(), delays: sleep.delays };
}

const listingIds = (): string[] => sim.listing().map((m) => `${m.Path}/${m.Name}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('crawler/happy-path', () => {
  it('writes one snapshot equal to the listing, sorted by id, joined with the chat API', async () => {
    const { exitCode, summary } = await run('2026-03-01');
    expect(exitCode).toBe(EXIT.ok);
    expect(summary.outcome).toBe('published');
    const snapshot = await readSnapshot(dataDir, '2026-03-01');
    expect(snapshot?.models.map((m) => m.id)).toEqual(listingIds());
    const chat = new Set(sim.chatIds());
    for (const model of snapshot!.models) expect(model.openaiApi).toBe(chat.has(model.id));
    expect(snapshot!.models.filter((m) => m.openaiApi).length).toBeGreaterThan(0);
    expect(snapshot!.source.totalCount).toBe(sim.listing().length);
    expect(snapshot!.source.unfilteredTotalCount).toBeGreaterThan(snapshot!.source.totalCount);
  });

  it('carries the fields people look for through a real crawl: licence id, base models, family, gateway date', async () => {
    await run('2026-03-01');
    const models = (await readSnapshot(dataDir, '2026-03-01'))!.models;
    const respelled = models.filter((m) => m.licenseUpstream === 'Apache License 2.0');
    expect(respelled.length).toBeGreaterThan(0);
    for (const m of respelled) expect(m.license).toBe('apache-2.0');
    expect(models.some((m) => m.baseModels.some((b) => b.revision === 'v1' && !b.id.includes('@')))).toBe(true);
    expect(models.some((m) => m.visionFoundation === 'FLUX_1' && m.aigcType === 'LoRA')).toBe(true);
    expect(models.some((m) => m.parameters !== null && m.parameters > 0)).toBe(true);
    // The gateway serves a model that is not a chat model, and dates every one it serves.
    const served = models.filter((m) => m.openaiApi);
    expect(served.some((m) => m.inferenceType !== 'txt2txt')).toBe(true);
    for (const m of served) expect(m.openaiApiSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const m of models.filter((x) => !x.openaiApi)) expect(m.openaiApiSince).toBeNull();
  });

  it('reads the list with the API-Inference filter, 100 per page, by PUT', async () => {
    await run('2026-03-01');
    const listRequests = sim.requests.filter((r) => r.route === 'list');
    expect(listRequests.every((r) => r.method === 'PUT')).toBe(true);
    expect(listRequests.map((r) => r.page).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4]);
    expect(sim.requests.filter((r) => r.route === 'hub')).toHaveLength(1);
    expect(sim.requests.filter((r) => r.route === 'chat')).toHaveLength(1);
  });

  it('is deterministic: a re-run against unchanged data leaves the file byte-identical', async () => {
    await run('2026-03-01');
    const first = await readFile(snapshotPath(dataDir, '2026-03-01'), 'utf8');
    const again = await run('2026-03-01');
    expect(again.summary.outcome).toBe('unchanged');
    expect(await readFile(snapshotPath(dataDir, '2026-03-01'), 'utf8')).toBe(first);
  });

  it('sends a descriptive User-Agent', async () => {
    await run('2026-03-01');
    expect(String(sim.requests[0]?.headers['user-agent'])).toMatch(/modelscope-inference-catalog/);
  });
});

describe('crawler/token', () => {
  it('sends MODELSCOPE_TOKEN to the inference gateway only and never prints or stores it', async () => {
    const token = 'ms-very-secret-token-123';
    const result = await run('2026-03-01', [], { MODELSCOPE_TOKEN: token });
    expect(result.exitCode).toBe(EXIT.ok);
    const chat = sim.requests.find((r) => r.route === 'chat');
    expect(chat?.headers['authorization']).toBe(`Bearer ${token}`);
    expect(sim.requests.filter((r) => r.route !== 'chat').every((r) => r.headers['authorization'] === undefined)).toBe(true);
    const everything = JSON.stringify(await treeContents(dataDir)) + result.log + JSON.stringify(result.summary);
    expect(everything).not.toContain(token);
  });
});

describe('crawler/transient-faults', () => {
  it.each([
    ['429 with Retry-After seconds', { kind: 'status', status: 429, retryAfter: '7', page: 2 } as const],
    ['500', { kind: 'status', status: 500, page: 3 } as const],
    ['502 on the chat list', { kind: 'status', status: 502, route: 'chat' } as const],
    ['a connection reset', { kind: 'reset', page: 2 } as const],
    ['a truncated body', { kind: 'truncate', page: 4 } as const],
    ['an HTML error page with status 200', { kind: 'html', page: 1 } as const],
    ['an envelope with Code ≠ 200', { kind: 'envelope', code: 500, success: false, message: '系统繁忙', page: 2 } as const],
    ['a page whose shape is wrong', { kind: 'schema', page: 3 } as const],
  ])('recovers from %s by retrying', async (_name, fault) => {
    sim.inject({ times: 2, ...fault });
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    expect(result.summary.retries).toBe(2);
    const snapshot = await readSnapshot(dataDir, '2026-03-01');
    expect(snapshot?.models.map((m) => m.id)).toEqual(listingIds());
  });

  it('honours Retry-After', async () => {
    sim.inject({ kind: 'status', status: 429, retryAfter: '7', page: 2 });
    const result = await run('2026-03-01');
    expect(result.delays.some((ms) => ms >= 7000)).toBe(true);
  });
});

describe('crawler/permanent-faults', () => {
  it.each([
    ['an HTML page that never goes away', { kind: 'html', page: 2 } as const, /PUT http:\/\/127\.0\.0\.1:\d+\/api\/v1\/dolphin\/models \(page 2\).*HTML/],
    ['an envelope error that never goes away', { kind: 'envelope', code: 10010205, success: false, message: '系统繁忙', page: 3 } as const, /page 3.*系统繁忙/],
    ['a page that never parses', { kind: 'schema', page: 2 } as const, /page 2/],
    ['a 503 that never goes away', { kind: 'status', status: 503, page: 4 } as const, /page 4.*503/],
  ])('fails on %s with a one-line reason naming where, and writes nothing', async (_name, fault, reason) => {
    await run('2026-03-01');
    const before = await treeContents(dataDir);
    sim.setDay(1);
    sim.inject({ times: Infinity, ...fault });
    const result = await run('2026-03-02', ['--retries', '2']);
    expect(result.exitCode).toBe(EXIT.failed);
    expect(result.summary.outcome).toBe('failed');
    expect(result.summary.reason).toMatch(reason);
    expect(result.summary.reason).not.toContain('\n');
    expect(await treeContents(dataDir)).toEqual(before);
  });
});

describe('crawler/refusals', () => {
  it('refuses a crawl where the API-Inference filter was ignored', async () => {
    sim.inject({ kind: 'ignore-filter', times: Infinity });
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.refused);
    expect(result.summary.reason).toMatch(/filter was ignored/);
    expect(await treeContents(dataDir)).toEqual({});
    // Page 1 already shows it: the whole hub is not paged through.
    expect(sim.requests.filter((r) => r.route === 'list')).toHaveLength(1);
  });

  it('refuses a sharp shrink, leaving every file untouched, unless --allow-shrink', async () => {
    await run('2026-03-01');
    const before = await treeContents(dataDir);
    sim.inject({ kind: 'shrink', fraction: 0.5, times: Infinity });
    const refused = await run('2026-03-02');
    expect(refused.exitCode).toBe(EXIT.refused);
    expect(refused.summary.reason).toMatch(/shrank 50\.\d% \(340 on 2026-03-01 → 170\)/);
    expect(await treeContents(dataDir)).toEqual(before);
    const allowed = await run('2026-03-02', ['--allow-shrink']);
    expect(allowed.exitCode).toBe(EXIT.ok);
    expect((await readSnapshot(dataDir, '2026-03-02'))?.models).toHaveLength(170);
  });

  it('reads the list again when it changes mid-crawl, and keeps the consistent view', async () => {
    sim.inject({ kind: 'insert-during-crawl', every: 2, times: 1 });
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.ok);
    expect(result.summary.passes).toBe(2);
    expect(result.log).toMatch(/changed while it was read/);
    expect((await readSnapshot(dataDir, '2026-03-01'))?.models.map((m) => m.id)).toEqual(listingIds());
  });

  it('refuses when the list never settles', async () => {
    sim.inject({ kind: 'insert-during-crawl', every: 2, times: Infinity });
    const result = await run('2026-03-01', ['--max-passes', '3']);
    expect(result.exitCode).toBe(EXIT.refused);
    expect(result.summary.reason).toMatch(/kept changing: no consistent listing in 3 passes/);
    expect(await treeContents(dataDir)).toEqual({});
  });
});

describe('crawler/change-log-failure', () => {
  it('takes its snapshot back when events and history cannot be updated, so data stays in step', async () => {
    await run('2026-03-01');
    await writeFile(join(dataDir, 'events', 'index.json'), '{ not json');
    const before = await treeContents(dataDir);
    sim.setDay(1);
    const result = await run('2026-03-02');
    expect(result.exitCode).toBe(EXIT.failed);
    expect(result.summary.reason).toMatch(/events\/index\.json/);
    expect(await treeContents(dataDir)).toEqual(before);
  });

  it('puts the earlier snapshot of the same date back byte for byte when a re-run cannot update the change log', async () => {
    await run('2026-03-01');
    await writeFile(join(dataDir, 'events', 'index.json'), '{ not json');
    const before = await treeContents(dataDir);
    sim.setDay(1); // upstream moved on, so the re-run's snapshot differs from the one on disk
    const result = await run('2026-03-01');
    expect(result.exitCode).toBe(EXIT.failed);
    expect(await treeContents(dataDir)).toEqual(before);
  });
});
