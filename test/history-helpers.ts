// The history as dates, for tests to read and compare: what a track (store/types.ts, day numbers) says,
// written as calendar dates so an expectation reads as a calendar. Production code reads tracks
// (store/change-files.ts readTracks); only tests want this view.
import { DataFileError } from '../store/errors.ts';
import { historyDir, readTracks } from '../store/change-files.ts';
import { dateOfDay } from '../store/days.ts';
import { presenceIntervals } from '../store/tracks.ts';
import type { PresenceInterval, Track } from '../store/types.ts';

/** A value change point: the value holds from `date` until the next point. */
export type SeriesPoint = [date: string, value: number];

/** Everything we know of one model over time. */
export interface ModelHistory {
  id: string;
  /** First snapshot date the model was on the catalog list; `''` for an id only ever on the gateway. */
  firstSeen: string;
  /** Last snapshot date the model was on the catalog list; `''` for an id only ever on the gateway. */
  lastSeen: string;
  /** Catalog presence intervals, ascending; consecutive observed snapshots (gaps included) join one interval. Empty for a gateway-only id. */
  intervals: PresenceInterval[];
  /** Likes change points, ascending by date, no two consecutive points with the same value. */
  likes: SeriesPoint[];
  /** Downloads change points, same rules as likes. */
  downloads: SeriesPoint[];
  /** Gateway presence intervals (days the id was on `GET /v1/models`), same rules as `intervals`; may be empty. */
  gatewayIntervals: PresenceInterval[];
  /** genImageCount change points, same rules as likes, days without a count skipped; may be empty. */
  genImages: SeriesPoint[];
  /** Upstream numeric `Id` last seen on the catalog list; `null` when unknown or never listed. */
  upstreamId: number | null;
}

function points(series: readonly number[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = 0; i < series.length; i += 2) out.push([dateOfDay(series[i] ?? 0), series[i + 1] ?? 0]);
  return out;
}

/** A decoded track in dates instead of day numbers. */
export function toModelHistory(id: string, track: Track): ModelHistory {
  const catalog = presenceIntervals(track.presence);
  return {
    id,
    firstSeen: catalog[0]?.from ?? '',
    lastSeen: catalog.at(-1)?.to ?? '',
    intervals: catalog,
    likes: points(track.likes),
    downloads: points(track.downloads),
    gatewayIntervals: presenceIntervals(track.gateway),
    genImages: points(track.genImages),
    upstreamId: track.upstreamId,
  };
}

/** Every model's history (any order); throws if the shards disagree on how far they go. */
export async function readHistories(dataDir: string): Promise<Map<string, ModelHistory>> {
  const { tracks, through } = await readTracks(dataDir);
  if (through.length > 1) {
    throw new DataFileError(`history shards disagree on their date (${through.join(', ')}); run the rebuild`, historyDir(dataDir));
  }
  const histories = new Map<string, ModelHistory>();
  for (const [id, track] of tracks) histories.set(id, toModelHistory(id, track));
  return histories;
}
