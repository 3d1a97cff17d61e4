// The last records of models that left come from the snapshot before they left, published or not: the
// OpenAI-compatible feed must announce a chat model's departure even when one dated snapshot is published.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { rebuildChanges } from '../changes/rebuild.ts';
import { LAST_KNOWN_NIGHTS, readSiteInputs } from '../publish/inputs.ts';
import { buildSite } from '../publish/site.ts';
import { DataFileError } from '../store/errors.ts';
import { readSnapshotRecords, snapshotPath, writeSnapshot } from '../store/snapshots.ts';
import { model, snapshot } from './factories.ts';
import { emptyDataDir } from './fixtures/publish/fs.ts';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

const dataDir = (): Promise<string> => emptyDataDir(made);

const CHAT = model('chat/Gone-7B', { openaiApi: true, chineseName: '走了的模型', tasks: ['text-generation'] });
const LORA = model('ink/"quoted"\\lora', { aigcType: 'LoRA', chineseName: '水墨' });
const STAYS = model('stays/here');

describe('store/readSnapshotRecords', () => {
  it('reads only the wanted models of a snapshot, odd ids included', async () => {
    const dir = await dataDir();
    await writeSnapshot(dir, snapshot('2026-03-01', [CHAT, LORA, STAYS]));
    const found = await readSnapshotRecords(dir, '2026-03-01', new Set([LORA.id, CHAT.id, 'not/there']));
    expect(found).toEqual(new Map([[LORA.id, LORA], [CHAT.id, CHAT]]));
    expect(await readSnapshotRecords(dir, '2026-03-02', new Set([CHAT.id]))).toBeUndefined();
  });

  it('checks a wanted line against the record schema', async () => {
    const dir = await dataDir();
    await writeSnapshot(dir, snapshot('2026-03-01', [CHAT, STAYS]));
    const path = snapshotPath(dir, '2026-03-01');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"openaiApi":true', '"openaiApi":"yes"'));
    await expect(readSnapshotRecords(dir, '2026-03-01', new Set([CHAT.id]))).rejects.toThrow(DataFileError);
    // A damaged line nobody asked for is not read.
    expect(await readSnapshotRecords(dir, '2026-03-01', new Set([STAYS.id]))).toEqual(new Map([[STAYS.id, STAYS]]));
  });
});

describe('publish/inputs last records', () => {
  it('knows a recent departure from the snapshot before it, when only the newest is published', async () => {
    const dir = await dataDir();
    const served = (...ids: string[]) => ids.map((id) => ({ id, since: '2026-01-01' }));
    await writeSnapshot(dir, { ...snapshot('2026-03-01', [CHAT, LORA, STAYS]), gateway: served(CHAT.id) });
    await writeSnapshot(dir, { ...snapshot('2026-03-02', [CHAT, LORA, STAYS]), gateway: served(CHAT.id) });
    await writeSnapshot(dir, { ...snapshot('2026-03-03', [STAYS]), gateway: served() });
    await rebuildChanges(dir);
    const inputs = await readSiteInputs({ dataDir: dir, siteUrl: 'https://u.github.io/repo/', snapshotDays: 1 });
    expect(inputs.published).toEqual(['2026-03-03']);
    expect(inputs.lastKnown).toEqual(new Map([[CHAT.id, CHAT], [LORA.id, LORA]]));
    // The OpenAI-compatible feed says the gateway stopped serving the chat model; the LoRA is not in it.
    const out = join(dir, '..', 'dist');
    await buildSite({ dataDir: dir, outDir: out, siteUrl: 'https://u.github.io/repo/', snapshotDays: 1 });
    const feed = JSON.parse(await readFile(join(out, 'openai/feed.json'), 'utf8')) as { items: { content_text: string }[] };
    expect(feed.items.map((item) => item.content_text).join('\n')).toContain(CHAT.id);
    expect(feed.items.map((item) => item.content_text).join('\n')).not.toContain('quoted');
    // And the tombstone shows the model's Chinese name.
    expect(await readFile(join(out, 'models/chat/Gone-7B/index.html'), 'utf8')).toContain(CHAT.chineseName);
  });

  it('forgets departures older than LAST_KNOWN_NIGHTS observed nights', async () => {
    const dir = await dataDir();
    const dates = Array.from({ length: LAST_KNOWN_NIGHTS + 2 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
    for (const [i, date] of dates.entries()) await writeSnapshot(dir, snapshot(date, i === 0 ? [CHAT, STAYS] : [STAYS]));
    await rebuildChanges(dir);
    const inputs = await readSiteInputs({ dataDir: dir, siteUrl: 'https://u.github.io/repo/', snapshotDays: 1 });
    expect(inputs.lastKnown.size).toBe(0);
  });
});
