// What change tracking reads from a snapshot: each listed model's observation and the gateway's ids.
import { gatewayOf, type Snapshot } from '../store/record.ts';
import type { Observation } from './events.ts';
import type { GatewayDay } from './history.ts';

/** One snapshot as applyDay takes it. */
export interface DayInput {
  date: string;
  models: Observation[];
  gateway: GatewayDay;
}

/** The observations of a snapshot; its gateway list is complete only when the snapshot kept its own. */
export function observeSnapshot(snapshot: Pick<Snapshot, 'date' | 'models' | 'gateway'>): DayInput {
  return {
    date: snapshot.date,
    models: snapshot.models.map(({ id, likes, downloads, upstreamId, genImageCount }) => ({ id, likes, downloads, upstreamId, genImageCount })),
    gateway: { ids: gatewayOf(snapshot).map((entry) => entry.id), complete: snapshot.gateway !== undefined },
  };
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
