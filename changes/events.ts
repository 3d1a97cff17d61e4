// Pure event derivation: which models entered, returned, were renamed or left between two observations
// of the catalog list, and which ids the gateway started, stopped or resumed serving.
import { compareEvents } from '../store/order.ts';
import type { ChangeEvent, EventKind } from '../store/types.ts';

/** The part of a snapshot record that change tracking looks at (a `ModelRecord` is one). */
export interface Observation {
  /** Model id, `owner/name`. */
  id: string;
  likes: number;
  downloads: number;
  /** Upstream numeric `Id`, the same across a rename; absent or `null` when not known. */
  upstreamId?: number | null;
  /** Upstream `MuseInfo.genImageCount`; absent or `null` when not known. */
  genImageCount?: number | null;
}

/** The metrics an event carries: known for catalog events, `null` on gateway events of ids the catalog did not list. */
export interface Metrics {
  likes: number | null;
  downloads: number | null;
}

/** No catalog record to take metrics from. */
export const UNLISTED: Metrics = { likes: null, downloads: null };

/** Build an event with keys in the file's fixed order. */
export function makeEvent(date: string, kind: EventKind, id: string, metrics: Metrics): ChangeEvent {
  return { date, id, kind, likes: metrics.likes, downloads: metrics.downloads };
}

/** The `renamed` event: `id` the new id, `from` the old one, metrics of the new record. */
export function renamedEvent(date: string, from: string, model: Observation): ChangeEvent {
  return { date, id: model.id, kind: 'renamed', likes: model.likes, downloads: model.downloads, from };
}

/** The first id that occurs twice, if any: a snapshot with duplicates cannot be diffed meaningfully. */
export function findDuplicateId(models: readonly Observation[]): string | undefined {
  const seen = new Set<string>();
  for (const model of models) {
    if (seen.has(model.id)) return model.id;
    seen.add(model.id);
  }
  return undefined;
}

/**
 * Renames between two snapshots, as old id → the new model. A model that left (`leaving`, with its
 * previous snapshot's `upstreamId`) is renamed to a model that is new (`arriving`: never on the catalog
 * list under its id before) when they share a non-null `upstreamId` and that `Id` is unambiguous: held
 * by exactly one leaving model and by exactly one model of the current snapshot (`current`), the arriving
 * one. Any other sharing (two leaving, or a model that stayed or a second arrival holding it) is no
 * rename: those stay left and entered, so a duplicated upstream `Id` never merges unrelated histories.
 */
export function matchRenames(
  leaving: readonly Observation[],
  arriving: readonly Observation[],
  current: readonly Observation[],
): Map<string, Observation> {
  const renames = new Map<string, Observation>();
  if (leaving.length === 0 || arriving.length === 0) return renames;
  const count = (models: readonly Observation[]): Map<number, number> => {
    const counts = new Map<number, number>();
    for (const { upstreamId } of models) if (upstreamId != null) counts.set(upstreamId, (counts.get(upstreamId) ?? 0) + 1);
    return counts;
  };
  const leavingCounts = count(leaving);
  const currentCounts = count(current);
  const arrivingById = new Map<number, Observation>();
  for (const model of arriving) if (model.upstreamId != null) arrivingById.set(model.upstreamId, model);
  for (const model of leaving) {
    const upstreamId = model.upstreamId;
    if (upstreamId == null || leavingCounts.get(upstreamId) !== 1 || currentCounts.get(upstreamId) !== 1) continue;
    const target = arrivingById.get(upstreamId);
    if (target !== undefined) renames.set(model.id, target);
  }
  return renames;
}

/** The gateway side of a comparison: each date's served ids, and what the gateway served before. */
export interface GatewayComparison {
  /** Ids served on the earlier date; `undefined` when that snapshot kept no gateway list (then there are no gateway events). */
  previous: readonly string[] | undefined;
  /** Ids served on the later date. */
  current: readonly string[];
  /** Whether the id was on the gateway list at some point up to the earlier date. */
  servedBefore: (id: string) => boolean;
}

/**
 * Events between two observations of the list, dated `date` (the later one), in log order.
 * A model on `current` but not `previous` is `returned` when `seenBefore(id)` (on the list at some
 * point up to `previous`), else `entered` — or the end of a `renamed` pair (matchRenames) when new; one
 * on `previous` only is `left` with its previous metrics, unless renamed. With `gateway`, ids newly
 * served are `served` or `served-again`, ids no longer served `unserved`, with the catalog metrics of
 * the date they were (not) served on, `null` when the catalog did not list them. What happened on nights
 * without a snapshot is unknowable, so nothing is invented for them.
 */
export function diffSnapshots(
  previous: readonly Observation[],
  current: readonly Observation[],
  seenBefore: (id: string) => boolean,
  date: string,
  gateway?: GatewayComparison,
): ChangeEvent[] {
  const before = new Map(previous.map((model) => [model.id, model]));
  const now = new Map(current.map((model) => [model.id, model]));
  const arriving = current.filter((model) => !before.has(model.id));
  const leaving = previous.filter((model) => !now.has(model.id));
  const renames = matchRenames(leaving, arriving.filter((model) => !seenBefore(model.id)), current);
  const renamedTo = new Set([...renames.values()].map((model) => model.id));
  const events: ChangeEvent[] = [];
  for (const model of arriving) {
    if (!renamedTo.has(model.id)) events.push(makeEvent(date, seenBefore(model.id) ? 'returned' : 'entered', model.id, model));
  }
  for (const model of leaving) {
    const target = renames.get(model.id);
    events.push(target === undefined ? makeEvent(date, 'left', model.id, model) : renamedEvent(date, model.id, target));
  }
  if (gateway?.previous !== undefined) {
    const served = new Set(gateway.previous);
    const serving = new Set(gateway.current);
    for (const id of serving) {
      if (!served.has(id)) events.push(makeEvent(date, gateway.servedBefore(id) ? 'served-again' : 'served', id, now.get(id) ?? UNLISTED));
    }
    for (const id of served) if (!serving.has(id)) events.push(makeEvent(date, 'unserved', id, before.get(id) ?? UNLISTED));
  }
  return events.sort(compareEvents);
}
