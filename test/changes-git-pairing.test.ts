// changes/git-delta-pairing: the data files are named so that git's delta search compares a snapshot
// with other snapshots. Why it matters and the figures: data/README.md ("Size in git"), bench:history.
import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import { eventsDir, eventsIndexPath, shardPath } from '../store/change-files.ts';
import { yearFile } from '../store/events-years.ts';
import { join } from 'node:path';
import { snapshotPath } from '../store/snapshots.ts';

/**
 * git's `pack_name_hash` (pack-objects.h): the order in which `git repack` lines objects up before
 * it looks for a delta base among the 10 before each one. Only the last 16 characters count.
 */
function packNameHash(path: string): number {
  let hash = 0;
  for (const byte of Buffer.from(path)) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue; // git's isspace()
    hash = ((hash >>> 2) + (byte << 24)) >>> 0;
  }
  return hash;
}

const SHARDS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Ten years of dated snapshot names. */
const SNAPSHOT_HASHES = Array.from({ length: 3653 }, (_, i) => packNameHash(snapshotPath('data', dateOfDay(dayNumber('2025-01-01') + i))));
const LOW = Math.min(...SNAPSHOT_HASHES);
const HIGH = Math.max(...SNAPSHOT_HASHES);
const amongSnapshots = (path: string): boolean => {
  const hash = packNameHash(path);
  return hash >= LOW && hash <= HIGH;
};

/** The most paths that share one name hash (git then orders them by size, mixing different files). */
function largestHashGroup(paths: readonly string[]): number {
  const counts = new Map<number, number>();
  for (const path of paths) counts.set(packNameHash(path), (counts.get(packNameHash(path)) ?? 0) + 1);
  return Math.max(...counts.values());
}

describe('changes/git-delta-pairing', () => {
  it('the model of git’s name hash matches git: the last 16 characters decide, later ones weigh most', () => {
    expect(packNameHash('a/long/prefix/2025-03-04.json')).toBe(packNameHash('other/2025-03-04.json'));
    expect(packNameHash('snapshots/2025-03-04.json')).not.toBe(packNameHash('snapshots/2025-03-05.json'));
    // Known value from git's definition, worked by hand for a one-character name: 'a' << 24.
    expect(packNameHash('a')).toBe(0x61000000);
  });

  it('no history shard and no file of the event log sort among the dated snapshots, so they never crowd a snapshot out of its delta window', () => {
    const crowding = SHARDS.map((shard) => shardPath('data', shard)).filter(amongSnapshots);
    expect(crowding).toEqual([]);
    expect(amongSnapshots(eventsIndexPath('data'))).toBe(false);
    // The event log's year files (ten years of them) do not either.
    const years = Array.from({ length: 10 }, (_, i) => join(eventsDir('data'), yearFile(String(2025 + i))));
    expect(years.filter(amongSnapshots)).toEqual([]);
  });

  it('plain `<xx>.json` shard names would: the check above can fail', () => {
    const plain = SHARDS.map((shard) => `data/history/${shard}.json`).filter(amongSnapshots);
    expect(plain.length).toBeGreaterThan(50);
  });

  it('at most 3 shards share a name hash, so each shard’s nightly versions stay next to each other', () => {
    expect(largestHashGroup(SHARDS.map((shard) => shardPath('data', shard)))).toBeLessThanOrEqual(3);
  });

  it('names that push the shard digits past 14 characters from the end would not: that check can fail too', () => {
    expect(largestHashGroup(SHARDS.map((shard) => `data/history/${shard}.history.json`))).toBeGreaterThan(20);
  });
});
