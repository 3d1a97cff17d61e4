// Small factories for change-tracking tests: LoRA records, temp data dirs and their change files; records
// and snapshots are made by the one factory, factories.ts.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelRecord } from '../store/record.ts';
import { model as record, snapshot } from './factories.ts';
import { writeSnapshot } from '../store/snapshots.ts';

/** A valid record for `id` with the given metrics: a FLUX LoRA, everything else plausible and fixed (factories.ts). */
export function model(id: string, likes = 0, downloads = 0): ModelRecord {
  const slash = id.indexOf('/');
  return record(id, {
    owner: slash > 0 ? id.slice(0, slash) : 'owner',
    name: slash > 0 && slash < id.length - 1 ? id.slice(slash + 1) : 'name',
    likes,
    downloads,
    tasks: ['text-to-image-synthesis'],
    tags: ['lora'],
    inferenceType: 'txt2img',
    aigcType: 'LoRA',
    visionFoundation: 'FLUX_1',
    baseModels: [{ id: 'AI-ModelScope/FLUX.1-dev', revision: null }],
    createdAt: '2024-01-01T00:00:00.000Z',
  });
}

export { snapshot };

/** A fresh empty data dir under the OS temp dir. */
export function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'changes-test-'));
}

/** Write the snapshot file of `date` into `dataDir`, with the gateway's own list of ids when given. */
export async function writeDay(dataDir: string, date: string, models: ModelRecord[], gateway?: readonly string[]): Promise<void> {
  const base = snapshot(date, models);
  if (gateway === undefined) await writeSnapshot(dataDir, base);
  else await writeSnapshot(dataDir, { ...base, gateway: [...gateway].sort().map((id) => ({ id, since: null })) });
}

/** The event log's files (events/…, or an older events.json) and every history shard, by path relative to `dataDir`, for byte comparisons. */
export async function changeFiles(dataDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const events = await readFile(join(dataDir, 'events.json'), 'utf8').catch(() => undefined);
  if (events !== undefined) files['events.json'] = events;
  const years = await readdir(join(dataDir, 'events')).catch(() => [] as string[]);
  for (const name of years.sort()) files[`events/${name}`] = await readFile(join(dataDir, 'events', name), 'utf8');
  const shards = await readdir(join(dataDir, 'history')).catch(() => [] as string[]);
  for (const name of shards.sort()) files[`history/${name}`] = await readFile(join(dataDir, 'history', name), 'utf8');
  return files;
}
