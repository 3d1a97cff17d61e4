// Pure core of change tracking: apply one snapshot to the in-memory state (event log + per-model
// tracks), or take the newest one back off. No I/O here; store/change-files.ts reads and writes the state.
// Events come from diffSnapshots (events.ts), the one place that decides what happened; this module
// only keeps the tracks in step with them.
import { datesBetween, dayNumber } from '../store/dates.ts';
import { DataFileError } from '../store/errors.ts';
import type { ChangeEvent, ChangeState, ObservedDay, Track } from '../store/types.ts';
import { diffSnapshots, findDuplicateId, type GatewayComparison, type Observation } from './events.ts';

/** What applying one snapshot found. */
export interface DayResult {
  day: ObservedDay;
  /** That day's events, in log order (already appended to the log). */
  events: ChangeEvent[];
}

/** The gateway side of one snapshot. */
export interface GatewayDay {
  /** Ids the gateway served that night (for snapshots without their own list: the catalog's `openaiApi` models). */
  ids: readonly string[];
  /** Whether the snapshot kept the gateway's own full list; days without it are a gateway baseline (no gateway events). */
  complete: boolean;
}

/** No gateway list at all (tests and callers that track only the catalog). */
const NO_GATEWAY: GatewayDay = { ids: [], complete: false };

/** A fresh state with nothing processed. */
export function emptyState(): ChangeState {
  return { log: { days: [], events: [] }, tracks: new Map() };
}

/** Newest processed snapshot date, or null when nothing has been processed. */
export function lastDate(state: ChangeState): string | null {
  return state.log.days.at(-1)?.date ?? null;
}

/** A track for an id seen on neither list yet. */
function blankTrack(): Track {
  return { presence: [], likes: [], downloads: [], gateway: [], genImages: [], upstreamId: null };
}

function pushChange(series: number[], day: number, value: number): void {
  if (series.length === 0 || series[series.length - 1] !== value) series.push(day, value);
}

/** Extend interval boundaries to `today`: the last interval when it ended on `previousDay`, else a new one. */
function extendIntervals(bounds: number[], today: number, previousDay: number): void {
  if (bounds.length > 0 && bounds[bounds.length - 1] === previousDay) bounds[bounds.length - 1] = today;
  else bounds.push(today, today);
}

function lastValue(series: readonly number[]): number {
  return series[series.length - 1] ?? 0;
}

/** Move the catalog side of `from`'s track (presence, series, upstream `Id`) onto `to`'s; gateway presence stays with each id. */
function moveCatalogHistory(tracks: Map<string, Track>, from: string, to: string): void {
  const source = tracks.get(from);
  if (source === undefined) return;
  const target = tracks.get(to) ?? blankTrack();
  tracks.set(to, { ...source, gateway: target.gateway });
  if (source.gateway.length === 0) tracks.delete(from);
  else tracks.set(from, { ...blankTrack(), gateway: source.gateway });
}

/**
 * Apply the snapshot of `date` (newer than anything processed) to `state`: diff it against the last
 * processed snapshot, append the day and its events to the log and extend every present id's track.
 * The first snapshot ever is the baseline: no events, since we cannot know when those models entered;
 * likewise a day whose gateway list, or the previous day's, is not `complete` has no gateway events.
 * A rename carries the old id's catalog history on under the new id. Throws before touching `state`
 * when the input is unusable.
 */
export function applyDay(state: ChangeState, date: string, models: readonly Observation[], gateway: GatewayDay = NO_GATEWAY): DayResult {
  const previous = lastDate(state);
  if (previous !== null && date <= previous) {
    throw new DataFileError(`cannot apply ${date} after ${previous}; rewind or rebuild instead`, `snapshot ${date}`);
  }
  const duplicate = findDuplicateId(models) ?? findDuplicateId(gateway.ids.map((id) => ({ id, likes: 0, downloads: 0 })));
  if (duplicate !== undefined) {
    throw new DataFileError(`model id ${JSON.stringify(duplicate)} occurs twice`, `snapshot ${date}`);
  }
  const today = dayNumber(date);
  const previousDay = previous === null ? Number.NaN : dayNumber(previous);
  const before: Observation[] = [];
  const servedBefore: string[] = [];
  for (const [id, track] of state.tracks) {
    if (track.presence.at(-1) === previousDay) {
      before.push({ id, likes: lastValue(track.likes), downloads: lastValue(track.downloads), upstreamId: track.upstreamId });
    }
    if (track.gateway.at(-1) === previousDay) servedBefore.push(id);
  }
  const lastDay = state.log.days.at(-1);
  const comparison: GatewayComparison | undefined =
    gateway.complete && lastDay !== undefined && lastDay.gateway !== null
      ? { previous: servedBefore, current: gateway.ids, servedBefore: (id) => (state.tracks.get(id)?.gateway.length ?? 0) > 0 }
      : undefined;
  const events =
    previous === null
      ? []
      : diffSnapshots(before, models, (id) => (state.tracks.get(id)?.presence.length ?? 0) > 0, date, comparison);
  for (const event of events) if (event.kind === 'renamed' && event.from !== undefined) moveCatalogHistory(state.tracks, event.from, event.id);
  for (const model of models) {
    let track = state.tracks.get(model.id);
    if (track === undefined) state.tracks.set(model.id, (track = blankTrack()));
    extendIntervals(track.presence, today, previousDay);
    pushChange(track.likes, today, model.likes);
    pushChange(track.downloads, today, model.downloads);
    if (model.genImageCount != null) pushChange(track.genImages, today, model.genImageCount);
    if (model.upstreamId !== undefined) track.upstreamId = model.upstreamId;
  }
  for (const id of gateway.ids) {
    let track = state.tracks.get(id);
    if (track === undefined) state.tracks.set(id, (track = blankTrack()));
    extendIntervals(track.gateway, today, previousDay);
  }
  const count = (kind: ChangeEvent['kind']): number => events.reduce((n, event) => n + (event.kind === kind ? 1 : 0), 0);
  const day: ObservedDay = {
    date,
    previous,
    missing: previous === null ? [] : datesBetween(previous, date),
    models: models.length,
    entered: count('entered'),
    left: count('left'),
    returned: count('returned'),
    renamed: count('renamed'),
    gateway: gateway.complete ? gateway.ids.length : null,
    served: count('served'),
    unserved: count('unserved'),
    servedAgain: count('served-again'),
  };
  state.log.days.push(day);
  for (const event of events) state.log.events.push(event);
  return { day, events };
}

function popChangeOn(series: number[], day: number): void {
  if (series[series.length - 2] === day) series.length -= 2;
}

/** Undo extendIntervals: an interval reaching `today` either began today or ran on from `previousDay`. */
function shrinkIntervals(bounds: number[], today: number, previousDay: number): void {
  if (bounds[bounds.length - 1] !== today) return;
  if (bounds[bounds.length - 2] === today) bounds.length -= 2;
  else bounds[bounds.length - 1] = previousDay;
}

/**
 * Take the newest processed day back off `state`, leaving the state before it was applied (same-day
 * re-runs rewind, then apply the new snapshot). Returns the removed day, if any. The one thing not
 * restored is a model's upstream `Id` when it changed that day: a track keeps only the latest.
 */
export function rewindDay(state: ChangeState): ObservedDay | undefined {
  const day = state.log.days.pop();
  if (day === undefined) return undefined;
  const events = state.log.events;
  const renames: ChangeEvent[] = [];
  while (events.length > 0 && events[events.length - 1]?.date === day.date) {
    const event = events.pop() as ChangeEvent;
    if (event.kind === 'renamed') renames.push(event);
  }
  const today = dayNumber(day.date);
  const previousDay = day.previous === null ? Number.NaN : dayNumber(day.previous);
  for (const [id, track] of state.tracks) {
    if (track.presence.at(-1) === today) {
      shrinkIntervals(track.presence, today, previousDay);
      popChangeOn(track.likes, today);
      popChangeOn(track.downloads, today);
      popChangeOn(track.genImages, today);
    }
    shrinkIntervals(track.gateway, today, previousDay);
    if (track.presence.length === 0 && track.gateway.length === 0) state.tracks.delete(id);
  }
  for (const event of renames) if (event.from !== undefined) moveCatalogHistory(state.tracks, event.id, event.from);
  return day;
}
