// What change tracking reads from a snapshot: each listed model's observation and the gateway's ids.
import { gatewayOf, type ModelRecord, type Snapshot } from '../store/record.ts';
import { readArchivedSnapshotEach, type ArchivedSnapshot } from '../store/snapshot-archive.ts';
import { loadSnapshotEach, type SnapshotEnvelope } from '../store/snapshots.ts';
import type { Observation } from './events.ts';
import type { GatewayDay } from './history.ts';

/** One snapshot as applyDay takes it. */
export interface DayInput {
  date: string;
  models: Observation[];
  gateway: GatewayDay;
}

/**
 * The observations of a snapshot read by `load`, which hands each record to a visitor and returns the
 * rest (snapshots.ts parseSnapshotEach): only the fields change tracking needs are kept, never the night.
 */
export async function observeEach(load: (visit: (model: ModelRecord) => void) => Promise<SnapshotEnvelope>): Promise<DayInput> {
  const models: Observation[] = [];
  // What gatewayOf needs of the records, for a snapshot without a gateway list of its own.
  const flagged: Pick<ModelRecord, 'id' | 'openaiApi' | 'openaiApiSince'>[] = [];
  const envelope = await load(({ id, likes, downloads, upstreamId, genImageCount, openaiApi, openaiApiSince }) => {
    models.push({ id, likes, downloads, upstreamId, genImageCount });
    if (openaiApi) flagged.push({ id, openaiApi, openaiApiSince });
  });
  return { date: envelope.date, models, gateway: gatewayDay({ models: flagged, gateway: envelope.gateway }) };
}

/** The observations of a snapshot; its gateway list is complete only when the snapshot kept its own. */
export function observeSnapshot(snapshot: Pick<Snapshot, 'date' | 'models' | 'gateway'>): DayInput {
  return {
    date: snapshot.date,
    models: snapshot.models.map(({ id, likes, downloads, upstreamId, genImageCount }) => ({ id, likes, downloads, upstreamId, genImageCount })),
    gateway: gatewayDay(snapshot),
  };
}

function gatewayDay(snapshot: Parameters<typeof gatewayOf>[0]): GatewayDay {
  return { ids: gatewayOf(snapshot).map((entry) => entry.id), complete: snapshot.gateway !== undefined };
}

/** A DayInput as parallel arrays, cheap to pass between threads (60,000 small objects clone slowly). */
export interface PackedDay {
  date: string;
  ids: string[];
  likes: number[];
  downloads: number[];
  upstreamIds: (number | null)[];
  genImageCounts: (number | null)[];
  gatewayIds: string[];
  gatewayComplete: boolean;
}

export function packDay(day: DayInput): PackedDay {
  return {
    date: day.date,
    ids: day.models.map((m) => m.id),
    likes: day.models.map((m) => m.likes),
    downloads: day.models.map((m) => m.downloads),
    upstreamIds: day.models.map((m) => m.upstreamId ?? null),
    genImageCounts: day.models.map((m) => m.genImageCount ?? null),
    gatewayIds: [...day.gateway.ids],
    gatewayComplete: day.gateway.complete,
  };
}

export function unpackDay(packed: PackedDay): DayInput {
  return {
    date: packed.date,
    models: packed.ids.map((id, i) => ({
      id,
      likes: packed.likes[i] ?? 0,
      downloads: packed.downloads[i] ?? 0,
      upstreamId: packed.upstreamIds[i] ?? null,
      genImageCount: packed.genImageCounts[i] ?? null,
    })),
    gateway: { ids: packed.gatewayIds, complete: packed.gatewayComplete },
  };
}

/** Where a night's snapshot is read from: the working tree's file, or git's history (`object`). */
export interface Night {
  date: string;
  archived?: ArchivedSnapshot;
}

/** One night's observations, from wherever its snapshot is kept, never holding the night's records. */
export function observeNight(dataDir: string, night: Night, dates: readonly string[]): Promise<DayInput> {
  const { archived } = night;
  return observeEach((visit) => (archived === undefined ? loadSnapshotEach(dataDir, night.date, dates, visit) : readArchivedSnapshotEach(dataDir, archived, visit)));
}
