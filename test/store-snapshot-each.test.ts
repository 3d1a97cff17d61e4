// store/snapshots parseSnapshotEach: the rebuild's reader, one record at a time, must accept and refuse
// exactly what parseSnapshot does, with the same one-line errors.
import { describe, expect, it } from 'vitest';
import { observeEach, observeSnapshot } from '../changes/observe.ts';
import type { ModelRecord } from '../store/record.ts';
import { parseSnapshot, parseSnapshotEach, serialiseSnapshot } from '../store/snapshots.ts';
import { model, snapshot } from './changes-factory.ts';

const served = { ...model('q/chat', 5, 50), openaiApi: true, openaiApiSince: '2026-01-02' };
const text = serialiseSnapshot({ ...snapshot('2026-03-01', [model('a/one', 1, 10), served, model('b/two', 2, 20)]) });
const withGateway = serialiseSnapshot({ ...snapshot('2026-03-01', [model('a/one', 1, 10)]), gateway: [{ id: 'g/only', since: null }] });

/** What each reader makes of `input`: the records and the rest, or the error's message. */
function both(input: string): [unknown, unknown] {
  const whole = (() => {
    try {
      return parseSnapshot(input, 'f');
    } catch (error) {
      return (error as Error).message;
    }
  })();
  const each = (() => {
    try {
      const models: ModelRecord[] = [];
      return { ...parseSnapshotEach(input, 'f', (record) => models.push(record)), models };
    } catch (error) {
      return (error as Error).message;
    }
  })();
  return [whole, each];
}

describe('store/snapshot-each', () => {
  it('hands out the same records in file order and returns the rest, with and without a gateway list', () => {
    for (const input of [text, withGateway]) {
      const [whole, each] = both(input);
      expect(typeof whole).toBe('object');
      expect(each).toEqual({ ...(whole as object) });
    }
  });

  it('refuses what parseSnapshot refuses, in the same words', () => {
    const broken = [
      text.replace('"likes":2', '"likes":-2'),
      text.replace('"likes":2', '"likes":"2"'),
      text.replace('"date": "2026-03-01"', '"date": "2026-02-30"'),
      text.replace('"date": "2026-03-01",', '"date": "2026-03-01", "extra": 1,'),
      text.replace('{"id":"b/two"', '{"surprise":true,"id":"b/two"'),
      withGateway.replace('"since":null', '"since":7'),
      text.slice(0, text.length / 2),
    ];
    for (const input of broken) {
      const [whole, each] = both(input);
      expect(typeof whole, input.slice(0, 80)).toBe('string');
      expect(each).toBe(whole);
    }
  });

  it('observes a night as observeSnapshot does, the gateway from the flagged records when the snapshot kept none', async () => {
    for (const input of [text, withGateway]) {
      const day = await observeEach(async (visit) => parseSnapshotEach(input, 'f', visit));
      expect(day).toEqual(observeSnapshot(parseSnapshot(input, 'f')));
    }
    expect((await observeEach(async (visit) => parseSnapshotEach(text, 'f', visit))).gateway).toEqual({ ids: ['q/chat'], complete: false });
  });
});
