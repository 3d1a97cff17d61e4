// The per-model history files, `data/history/<shard>.shard.json` (format documented in data/README.md):
// one model per line, days as delta-coded day numbers, so a normal night appends a few characters to
// the lines of models whose metrics changed and rewrites nothing else but the header's `through`.
import { hash } from 'node:crypto';
import { dayNumber, isCalendarDate } from './dates.ts';
import { DataFileError, OutdatedFileError } from './errors.ts';
import { jsonWithItemLines } from './json-lines.ts';
import { compareIds } from './order.ts';
import { parseJson } from './read-json.ts';
import { deltaDecode, deltaEncode } from './tracks.ts';
import type { Track } from './types.ts';

/**
 * Version of the shard encoding, in every file's header. 1: `[id, presence, likes, downloads]`;
 * 2 appends the gateway presence, the genImageCount series and the upstream `Id` (or `null`) to each line.
 */
export const HISTORY_FORMAT = 2;

/**
 * Shard file names: two lowercase hex digits, then `.shard.json`. git's repack lines objects up by a
 * hash of the last 16 characters of their path and looks for a delta base among the 10 before each.
 * Plain `<xx>.json` sorts among the dated snapshots (`…-26.json`) and crowds them out of each other's
 * window; `<xx>.history.json` pushes the digits so far left that ~40 shards share one hash and their
 * versions mix. Here every shard's versions stay together and away from the snapshots.
 */
export const SHARD_FILE_PATTERN = /^([0-9a-f]{2})\.shard\.json$/;

/** The file name of shard `shard` inside `history/`. */
export const shardFileName = (shard: string): string => `${shard}.shard.json`;

/** The shard holding `id`: first two hex digits of the SHA-1 of its UTF-8 bytes (stable, documented). */
export function shardOf(id: string): string {
  return hash('sha1', id, 'hex').slice(0, 2);
}

/** One decoded shard. */
export interface Shard {
  /** Two hex digits. */
  name: string;
  /** Newest snapshot date the shard reflects; open intervals end there. */
  through: string;
  /** Models in the shard, by id. */
  tracks: Map<string, Track>;
}

/** One model's line as a value: `[id, presence, likes, downloads, gateway, genImages, upstreamId]`, each array delta-coded. */
type TrackLine = [id: string, presence: number[], likes: number[], downloads: number[], gateway: number[], genImages: number[], upstreamId: number | null];

/** Interval boundaries for the file: an open last interval (still on the list on `throughDay`) without its end. */
function encodeIntervals(bounds: readonly number[], throughDay: number): number[] {
  const count = bounds.length;
  const open = count > 0 && bounds[count - 1] === throughDay;
  return deltaEncode(open ? bounds.slice(0, -1) : bounds);
}

/** The line of one model. */
function encodeTrack(id: string, track: Track, throughDay: number): TrackLine {
  return [
    id,
    encodeIntervals(track.presence, throughDay),
    deltaEncode(track.likes, 2),
    deltaEncode(track.downloads, 2),
    encodeIntervals(track.gateway, throughDay),
    deltaEncode(track.genImages, 2),
    track.upstreamId,
  ];
}

/** Serialise a shard: header, then one model per line sorted by id. */
export function serialiseShard(name: string, through: string, tracks: ReadonlyMap<string, Track>): string {
  const throughDay = dayNumber(through);
  const models = [...tracks.keys()].sort(compareIds).map((id) => encodeTrack(id, tracks.get(id) as Track, throughDay));
  return jsonWithItemLines({ format: HISTORY_FORMAT, shard: name, through, models }, { lineArrays: ['models'] });
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Interval boundaries from the file (`name` for messages); an empty list is no interval at all. */
function decodeIntervals(raw: unknown, name: string, throughDay: number, fail: (what: string) => never): number[] {
  if (!Array.isArray(raw)) fail(`${name} must be an array`);
  if (raw.length === 0) return [];
  for (let i = 0; i < raw.length; i++) {
    const delta: unknown = raw[i];
    // Interval lengths may be 0 (one-day interval); gaps between intervals are at least one day.
    if (!isInt(delta) || (i > 0 && (i % 2 === 1 ? delta < 0 : delta < 1))) fail(`bad ${name} value at ${i}`);
  }
  const out = deltaDecode(raw as number[]);
  if (out.length % 2 === 1) out.push(throughDay);
  if ((out[out.length - 1] ?? 0) > throughDay || (out[out.length - 2] ?? 0) > throughDay) {
    fail(`${name} runs past the header date`);
  }
  if (raw.length % 2 === 0 && out[out.length - 1] === throughDay) fail(`closed ${name} interval ends on the header date`);
  return out;
}

/** Change points from the file; `[]` decodes to no points (a series that may be empty: checked by the caller). */
function decodeSeries(raw: unknown, name: string, fail: (what: string) => never): number[] {
  if (!Array.isArray(raw) || raw.length % 2 !== 0) fail(`${name} must be [day, value] pairs`);
  // Decoded before it is checked, so the checks run pair by pair in file order and the first problem is
  // the one reported: up to it every delta is an integer, so the sums there are the values.
  const out = deltaDecode(raw as number[], 2);
  for (let i = 0; i < raw.length; i += 2) {
    const dd: unknown = raw[i];
    const dv: unknown = raw[i + 1];
    if (!isInt(dd) || !isInt(dv) || (i > 0 && (dd < 1 || dv === 0))) fail(`bad ${name} change at ${i}`);
    if ((out[i + 1] as number) < 0) fail(`negative ${name} at ${i}`);
  }
  return out;
}

/** Parse and check a shard; any problem is a DataFileError naming the file and line (an older format: OutdatedFileError). */
export function parseShard(text: string, where: string): Shard {
  const raw = parseJson(text, where);
  const file = raw as { format?: unknown; shard?: unknown; through?: unknown; models?: unknown };
  if (typeof raw === 'object' && raw !== null && typeof file.format === 'number' && file.format >= 1 && file.format < HISTORY_FORMAT) {
    throw new OutdatedFileError(`history shard of "format": ${file.format}, this code reads ${HISTORY_FORMAT}`, where);
  }
  if (typeof raw !== 'object' || raw === null || file.format !== HISTORY_FORMAT) {
    throw new DataFileError(`expected a history shard with "format": ${HISTORY_FORMAT}`, where);
  }
  if (typeof file.shard !== 'string' || !/^[0-9a-f]{2}$/.test(file.shard)) throw new DataFileError('bad "shard"', where);
  if (typeof file.through !== 'string' || !isCalendarDate(file.through)) throw new DataFileError('bad "through" date', where);
  if (!Array.isArray(file.models)) throw new DataFileError('"models" must be an array', where);
  const throughDay = dayNumber(file.through);
  const tracks = new Map<string, Track>();
  let previousId: string | undefined;
  file.models.forEach((line: unknown, index) => {
    const fail = (what: string): never => {
      throw new DataFileError(`model #${index + 1}: ${what}`, where);
    };
    if (!Array.isArray(line) || line.length !== 7 || typeof line[0] !== 'string') {
      fail('expected [id, presence, likes, downloads, gateway, genImages, upstreamId]');
    }
    const [id, presence, likes, downloads, gateway, genImages, upstreamId] = line as [string, unknown, unknown, unknown, unknown, unknown, unknown];
    if (upstreamId !== null && !(isInt(upstreamId) && upstreamId > 0)) fail('upstreamId must be a positive integer or null');
    if (previousId !== undefined && compareIds(previousId, id) >= 0) fail(`${JSON.stringify(id)} is out of order or repeated`);
    if (shardOf(id) !== file.shard) fail(`${JSON.stringify(id)} belongs in shard ${shardOf(id)}`);
    previousId = id;
    const track: Track = {
      presence: decodeIntervals(presence, 'presence', throughDay, fail),
      likes: decodeSeries(likes, 'likes', fail),
      downloads: decodeSeries(downloads, 'downloads', fail),
      gateway: decodeIntervals(gateway, 'gateway', throughDay, fail),
      genImages: decodeSeries(genImages, 'genImages', fail),
      upstreamId: upstreamId as number | null,
    };
    if (track.presence.length === 0 && track.gateway.length === 0) fail('on neither list: presence and gateway are both empty');
    const first = track.presence[0];
    if (first === undefined) {
      if (track.likes.length > 0 || track.downloads.length > 0 || track.genImages.length > 0) fail('series without a day on the catalog list');
    } else {
      if (track.likes[0] !== first || track.downloads[0] !== first) fail('series must start on the first day seen');
      if (track.genImages.length > 0 && (track.genImages[0] as number) < first) fail('genImages starts before the first day seen');
    }
    tracks.set(id, track);
  });
  return { name: file.shard, through: file.through, tracks };
}
