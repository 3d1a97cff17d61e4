// crawler/snapshot-format: the bytes a snapshot file is made of (sorting, one model per line, key order).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../store/errors.ts';
import { GatewayRecord, ModelRecord } from '../store/record.ts';
import { parseSnapshot, serialiseSnapshot } from '../store/snapshots.ts';
import { model, snapshot } from './changes-factory.ts';

/** The model lines of a serialised snapshot, as written. */
function modelLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trimStart().startsWith('{"id":'));
}

describe('crawler/snapshot-format', () => {
  it('writes one model per line, sorted by id in code-unit order, and parses back to the same snapshot', () => {
    const models = [model('b/two', 1, 2), model('B/upper', 3, 4), model('a/one', 5, 6), model('a/Éclair', 7, 8)];
    const text = serialiseSnapshot(snapshot('2026-03-05', models));
    const lines = modelLines(text);
    expect(lines.map((line) => (JSON.parse(line.replace(/,$/, '')) as ModelRecord).id)).toEqual(['B/upper', 'a/one', 'a/Éclair', 'b/two']);
    expect(parseSnapshot(text).models).toEqual([...models].sort((x, y) => (x.id < y.id ? -1 : 1)));
  });

  it('puts the fields that change night to night last, after every field that rarely changes', () => {
    // genImageCount (how often a LoRA was used) moves like likes and downloads.
    const [line] = modelLines(serialiseSnapshot(snapshot('2026-03-05', [model('a/one', 5, 6)])));
    const keys = Object.keys(JSON.parse((line as string).replace(/,$/, '')) as object);
    expect(keys).toEqual(Object.keys(ModelRecord.shape));
    expect(keys.slice(-4)).toEqual(['updatedAt', 'likes', 'downloads', 'genImageCount']);
  });

  it('a night where only likes, downloads and updatedAt move changes only the tail of each line', () => {
    const ids = ['a/one', 'b/two', 'c/three'];
    const before = modelLines(serialiseSnapshot(snapshot('2026-03-05', ids.map((id, i) => model(id, i, 1000 * i)))));
    const afterModels = ids.map((id, i) => ({ ...model(id, i + 1, 1000 * i + 77), updatedAt: '2026-03-06T01:02:03.000Z' }));
    const after = modelLines(serialiseSnapshot(snapshot('2026-03-06', afterModels)));
    for (const [i, line] of after.entries()) {
      const old = before[i] as string;
      let common = 0;
      while (common < line.length && line[common] === old[common]) common++;
      // Everything up to and including openaiApiSince is shared; the difference starts inside the volatile tail.
      expect(common).toBeGreaterThanOrEqual(line.indexOf(',"updatedAt":'));
    }
  });
});

describe('snapshot/id-is-owner-and-name', () => {
  it('refuses a record whose id is not its owner and name', () => {
    const good = snapshot('2026-03-01', [model('a/one')]);
    expect(parseSnapshot(serialiseSnapshot(good)).models[0]?.id).toBe('a/one');
    const forged = serialiseSnapshot(good).replace('"owner":"a"', '"owner":"b"');
    expect(() => parseSnapshot(forged, 'snap.json')).toThrow(DataFileError);
    expect(() => parseSnapshot(forged, 'snap.json')).toThrow('snap.json: does not match the snapshot schema at models.0.id: id must be owner/name');
  });
});

describe('snapshot/readme-example', () => {
  it('documents a snapshot the schema accepts, keys in file order', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', 'data', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Snapshots'));
    const example = section.slice(section.indexOf('```json') + '```json'.length, section.indexOf('```', section.indexOf('```json') + 7));
    const parsed = parseSnapshot(example, 'data/README.md');
    expect(parsed.models.length).toBeGreaterThan(1);
    expect(parsed.gateway?.length).toBeGreaterThan(0);
    // Model lines, then the gateway's lines: each in its schema's key order.
    const lines = modelLines(example).map((line) => Object.keys(JSON.parse(line.replace(/,$/, '')) as object));
    expect(lines).toEqual([...parsed.models.map(() => Object.keys(ModelRecord.shape)), ...(parsed.gateway ?? []).map(() => Object.keys(GatewayRecord.shape))]);
  });
});
