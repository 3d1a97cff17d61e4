// Issue 19's "done when", over the real simulator's default (real) world and the real night pipeline:
// nights with empty SupportInference records, a stable shortfall of 3 and gateway-only ids publish; a
// rename is one `renamed` event whose history carries on; the gateway has its own events.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNight } from '../pipeline/night.ts';
import { parseCrawlArgs } from '../pipeline/options.ts';
import { Progress } from '../pipeline/report.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { readEventLog } from '../store/change-files.ts';
import { readHistories } from './history-helpers.ts';
import { loadSnapshot } from '../store/snapshots.ts';
import type { Snapshot } from '../store/record.ts';
import { tempDataDir } from './changes-factory.ts';

const DATES = ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04'];
let sim: Simulator;
let dataDir: string;
const outcomes: string[] = [];
const summaries: Awaited<ReturnType<typeof runNight>>['summary'][] = [];
const snapshots: Snapshot[] = [];

beforeAll(async () => {
  // The default world is the real one; only the rename rate is raised so that every night has some.
  sim = await startSimulator({ size: 400, seed: 11, renames: 2 });
  dataDir = await tempDataDir();
  for (const [day, date] of DATES.entries()) {
    sim.setDay(day);
    const options = parseCrawlArgs(['--origin', sim.origin, '--inference-origin', sim.inferenceOrigin, '--data-dir', dataDir, '--date', date, '--concurrency', '4', '--rps', '200']);
    const { summary } = await runNight(options, { progress: new Progress({ stream: { write: () => true } }) });
    outcomes.push(`${summary.outcome}${summary.reason === undefined ? '' : `: ${summary.reason}`}`);
    summaries.push(summary);
    if (summary.outcome === 'published') snapshots.push(await loadSnapshot(dataDir, date, DATES));
  }
}, 120_000);

afterAll(async () => {
  await sim?.close();
});

describe('real world nights', () => {
  it('reports each night’s renames and gateway counts, and what the crawl listed, from runNight itself', async () => {
    const log = await readEventLog(dataDir);
    for (const [i, summary] of summaries.entries()) {
      const day = log.days[i];
      expect(summary.changes, DATES[i]).toMatchObject({ renamed: day?.renamed, gateway: day?.gateway, served: day?.served, unserved: day?.unserved });
      // The crawl's facts reach the summary of every caller of runNight (the demo, the nightly), not only the CLI.
      expect(Array.isArray(summary.rejectedRecords), DATES[i]).toBe(true);
    }
  });

  it('publishes every night: empty SupportInference kept, the stable shortfall of 3 recorded, gateway-only ids kept', () => {
    expect(outcomes).toEqual(DATES.map(() => 'published'));
    for (const snapshot of snapshots) {
      expect(snapshot.source.shortfall, snapshot.date).toBe(3);
      const unknown = snapshot.models.filter((model) => model.inferenceType === '').length;
      expect(unknown, snapshot.date).toBeGreaterThan(0);
      expect(snapshot.source.unknownInference, snapshot.date).toBe(unknown);
      const listed = new Set(snapshot.models.map((model) => model.id));
      const gatewayOnly = (snapshot.gateway ?? []).filter((entry) => !listed.has(entry.id)).map((entry) => entry.id);
      expect(gatewayOnly, snapshot.date).toContain('Wan-AI/Wan2.1-T2V-1.3B');
      expect(snapshot.source.openaiApiModelCount, snapshot.date).toBe(snapshot.gateway?.length);
    }
  });

  it('records each rename once, as renamed, never as a left and an entered of the same upstream Id, and carries the history on', async () => {
    const log = await readEventLog(dataDir);
    const renamed = log.events.filter((event) => event.kind === 'renamed');
    expect(renamed.length).toBeGreaterThan(0);
    const byDate = new Map(snapshots.map((snapshot) => [snapshot.date, snapshot]));
    for (const day of log.days.slice(1)) {
      const upstream = (id: string, date: string) => byDate.get(date)?.models.find((model) => model.id === id)?.upstreamId;
      const entered = log.events.filter((e) => e.date === day.date && e.kind === 'entered').map((e) => upstream(e.id, day.date));
      const left = log.events.filter((e) => e.date === day.date && e.kind === 'left').map((e) => upstream(e.id, day.previous as string));
      expect(entered.filter((id) => id != null && left.includes(id)), day.date).toEqual([]);
    }
    const histories = await readHistories(dataDir);
    for (const event of renamed) {
      const now = byDate.get(event.date)?.models.find((model) => model.id === event.id);
      const before = byDate.get(DATES[DATES.indexOf(event.date) - 1] as string)?.models.find((model) => model.id === event.from);
      expect(now?.upstreamId, event.id).toBe(before?.upstreamId);
      expect(histories.get(event.from as string)?.intervals ?? [], event.from).toEqual([]);
      expect(histories.get(event.id)?.firstSeen, event.id).toBe(histories.get(event.id)?.intervals[0]?.from);
      expect((histories.get(event.id)?.firstSeen ?? '') < event.date, event.id).toBe(true);
    }
  });

  it('keeps the gateway list as its own history, its gateway-only ids included', async () => {
    const log = await readEventLog(dataDir);
    expect(log.days.map((day) => day.gateway)).toEqual(snapshots.map((snapshot) => snapshot.gateway?.length));
    const wan = (await readHistories(dataDir)).get('Wan-AI/Wan2.1-T2V-1.3B');
    expect(wan).toMatchObject({ intervals: [], gatewayIntervals: [{ from: DATES[0], to: DATES.at(-1) }] });
    const file = JSON.parse(await readFile(join(dataDir, 'events', '2026.events.json'), 'utf8')) as { events: { kind: string; likes: unknown }[] };
    for (const event of file.events) if (['entered', 'left', 'returned', 'renamed'].includes(event.kind)) expect(typeof event.likes).toBe('number');
  });
});
