// Crawler → change tracking → site, over simulated nights with churn and a refused night: the product end to end.
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { readEventLog } from '../store/change-files.ts';
import { readSnapshot } from '../store/snapshots.ts';
import { EXIT } from '../core/cli.ts';
import { runNight } from '../pipeline/night.ts';
import { buildSite } from '../publish/site.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { crawlOptions, quietProgress, tempDir, treeContents } from './helpers.ts';

const NIGHTS = 10;
const REFUSED_NIGHT = 4;
const dateOf = (night: number): string => new Date(Date.UTC(2026, 4, 1 + night)).toISOString().slice(0, 10);

let sim: Simulator;
let dataDir: string;
const exitCodes: number[] = [];

beforeAll(async () => {
  // A high churn rate so ten nights see plenty of entries, departures and returns.
  sim = await startSimulator({ size: 300, seed: 5, churnRate: 0.05 });
  dataDir = await tempDir('pipeline-');
  for (let night = 0; night < NIGHTS; night += 1) {
    sim.setDay(night);
    sim.clearFaults();
    if (night === REFUSED_NIGHT) sim.inject({ kind: 'ignore-filter', times: Infinity });
    const { exitCode } = await runNight(crawlOptions(sim, dataDir, dateOf(night)), { progress: quietProgress().progress });
    exitCodes.push(exitCode);
  }
}, 120_000);
afterAll(async () => {
  await sim.close();
});

describe('pipeline/nightly-crawls', () => {
  it('publishes every night but the refused one', () => {
    expect(exitCodes).toEqual(Array.from({ length: NIGHTS }, (_, night) => (night === REFUSED_NIGHT ? EXIT.refused : EXIT.ok)));
  });

  it('records events that agree with consecutive snapshots, and the refused night as a gap', async () => {
    const log = await readEventLog(dataDir);
    expect(log.days.map((day) => day.date)).toEqual(Array.from({ length: NIGHTS }, (_, n) => dateOf(n)).filter((_, n) => n !== REFUSED_NIGHT));
    expect(log.days[0]).toMatchObject({ previous: null, entered: 0, left: 0, returned: 0 });
    const afterGap = log.days.find((day) => day.date === dateOf(REFUSED_NIGHT + 1));
    expect(afterGap).toMatchObject({ previous: dateOf(REFUSED_NIGHT - 1), missing: [dateOf(REFUSED_NIGHT)] });
    expect(log.events.some((event) => event.date === dateOf(REFUSED_NIGHT))).toBe(false);

    for (const day of log.days.slice(1)) {
      const before = new Set((await readSnapshot(dataDir, day.previous!))!.models.map((m) => m.id));
      const now = new Set((await readSnapshot(dataDir, day.date))!.models.map((m) => m.id));
      // The catalog list's events; a rename is the arrival of the new id and the departure of `from`.
      const events = log.events.filter((event) => event.date === day.date && ['entered', 'returned', 'renamed', 'left'].includes(event.kind));
      const arrived = events.filter((e) => e.kind !== 'left').map((e) => e.id).sort();
      const departed = events.flatMap((e) => (e.kind === 'left' ? [e.id] : e.kind === 'renamed' ? [e.from as string] : [])).sort();
      expect(arrived).toEqual([...now].filter((id) => !before.has(id)).sort());
      expect(departed).toEqual([...before].filter((id) => !now.has(id)).sort());
      // The gateway's events agree with its own lists the same way.
      const served = async (date: string) => new Set(((await readSnapshot(dataDir, date))!.gateway ?? []).map((g) => g.id));
      const [gatewayBefore, gatewayNow] = [await served(day.previous!), await served(day.date)];
      const gatewayEvents = log.events.filter((event) => event.date === day.date && ['served', 'served-again', 'unserved'].includes(event.kind));
      expect(gatewayEvents.filter((e) => e.kind !== 'unserved').map((e) => e.id).sort()).toEqual([...gatewayNow].filter((id) => !gatewayBefore.has(id)).sort());
      expect(gatewayEvents.filter((e) => e.kind === 'unserved').map((e) => e.id).sort()).toEqual([...gatewayBefore].filter((id) => !gatewayNow.has(id)).sort());
    }
    const kinds = new Set(log.events.map((event) => event.kind));
    // The real world renames models too; this churn moves the gateway's chat models in and out.
    for (const kind of ['entered', 'left', 'returned', 'renamed']) expect(kinds, kind).toContain(kind);
  });

  it('rebuilds from the snapshots alone to exactly the files the crawls wrote', async () => {
    const copy = await tempDir('pipeline-rebuild-');
    await cp(join(dataDir, 'snapshots'), join(copy, 'snapshots'), { recursive: true });
    await rebuildChanges(copy);
    expect(await treeContents(copy)).toEqual(await treeContents(dataDir));
  });

  it('builds feeds and API that tell the same story', async () => {
    const out = join(await tempDir('pipeline-site-'), 'dist');
    await buildSite({ dataDir, outDir: out, siteUrl: 'https://example.test/catalog/', snapshotDays: 'all' });
    const log = await readEventLog(dataDir);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { id: string }[] };
    const changedDays = log.days.filter((day) => day.entered + day.left + day.returned > 0);
    expect(feed.items.map((item) => item.id).sort()).toEqual(changedDays.map((day) => `changes-${day.date}`).sort());
    const latest = JSON.parse(await readFile(join(out, 'api', 'latest.json'), 'utf8')) as { date: string; models: unknown[] };
    expect(latest.date).toBe(dateOf(NIGHTS - 1));
    expect(latest.models).toHaveLength(sim.listing().length);
  });
});
