import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import { DataFileError } from '../store/errors.ts';
import { rebuildChanges } from '../changes/rebuild.ts';
import { readEventLog } from '../store/change-files.ts';
import { updateChanges } from '../changes/update.ts';
import type { ModelRecord } from '../store/record.ts';
import { seededRandom } from '../simulator/hash.ts';
import { changeFiles, model, tempDataDir, writeDay } from './changes-factory.ts';

interface Simulated {
  present: boolean;
  likes: number;
  downloads: number;
}

/** A churning list: 400 possible models, ~3% leaving and ~5% of absent ones (re)joining per day. */
function simulation(seed: number): () => ModelRecord[] {
  const random = seededRandom(seed);
  const pool = new Map<string, Simulated>();
  for (let i = 0; i < 400; i++) {
    pool.set(`owner${i % 37}/Model_${i}-v${i % 5}.${i % 3}`, { present: i < 250, likes: i % 13, downloads: i * 101 });
  }
  return () => {
    const models: ModelRecord[] = [];
    for (const [id, m] of pool) {
      if (m.present ? random() < 0.03 : random() < 0.05) m.present = !m.present;
      if (random() < 1 / 3) m.downloads += 1 + Math.floor(random() * 500);
      if (random() < 0.1) m.likes = Math.max(0, m.likes + (random() < 0.8 ? 1 : -1));
      if (m.present) models.push(model(id, m.likes, m.downloads));
    }
    return models;
  };
}

describe('changes/rebuild-equality', () => {
  // 40 nights of crawling-sized work: ~12 s alone, more beside the rest of the suite.
  it('rebuilding from snapshots alone gives byte-identical files to 40 nights of incremental updates', { timeout: 120_000 }, async () => {
    const dataDir = await tempDataDir();
    const next = simulation(42);
    const start = dayNumber('2025-01-28');
    const missing = new Set([5, 6, 17, 29]); // failed nights: no snapshot, no update
    let recrawls = 0;
    for (let offset = 0; offset < 44; offset++) {
      const models = next();
      if (missing.has(offset)) continue;
      const date = dateOfDay(start + offset);
      await writeDay(dataDir, date, models);
      await updateChanges(dataDir, date);
      if (offset % 11 === 3) {
        // A same-day re-crawl that saw a slightly different list replaces the night's first result.
        await writeDay(dataDir, date, models.filter((_, i) => i % 17 !== 0));
        expect((await updateChanges(dataDir, date)).mode).toBe('replace');
        recrawls++;
      }
    }
    const incremental = await changeFiles(dataDir);

    const log = await readEventLog(dataDir);
    const kinds = new Set(log.events.map((e) => e.kind));
    expect(log.days).toHaveLength(40);
    expect(kinds).toEqual(new Set(['entered', 'left', 'returned']));
    expect(log.days.filter((d) => d.missing.length > 0)).toHaveLength(3);
    expect(recrawls).toBeGreaterThanOrEqual(3);

    const fresh = await tempDataDir();
    await mkdir(join(fresh, 'snapshots'), { recursive: true });
    await cp(join(dataDir, 'snapshots'), join(fresh, 'snapshots'), { recursive: true });
    const summary = await rebuildChanges(fresh, { workers: 2 });
    expect(summary).toMatchObject({ mode: 'rebuild', days: 40, date: log.days.at(-1)?.date });
    expect(await changeFiles(fresh)).toEqual(incremental);
    expect(Object.keys(incremental).length).toBeGreaterThan(100);

    expect((await rebuildChanges(dataDir, { workers: 0 })).filesWritten).toEqual([]);
  });

  it('reports a broken snapshot by file, with or without worker threads, and writes nothing', async () => {
    const dataDir = await tempDataDir();
    for (let day = 1; day <= 9; day++) await writeDay(dataDir, `2025-03-0${day}`, [model('a/one', day, day)]);
    await writeFile(join(dataDir, 'snapshots', '2025-03-05.json'), '{"date":"2025-03-05","models":[]}');
    for (const workers of [0, 2]) {
      const failure = rebuildChanges(dataDir, { workers });
      await expect(failure).rejects.toBeInstanceOf(DataFileError);
      await expect(failure).rejects.toThrow(`${join(dataDir, 'snapshots', '2025-03-05.json')}: does not match the snapshot schema at source`);
    }
    expect(await changeFiles(dataDir)).toEqual({});
  });
});
