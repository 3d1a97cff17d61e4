// Pure core of change tracking: apply one snapshot to the in-memory state (event log + per-model
// tracks), or take the newest one back off. No I/O here; store/change-files.ts reads and writes the state.
import { datesBetween, dayNumber } from '../store/dates.ts';
import { DataFileError } from '../store/errors.ts';
import { compareIds } from '../store/order.ts';
import type { ChangeEvent, ChangeState, ObservedDay } from '../store/types.ts';
import { findDuplicateId, makeEvent, type Observation } from './events.ts';

/** What applying one snapshot found. */
export interface DayResult {
  day: ObservedDay;
  /** That day's events, in log order (already appended to the log). */
  events: ChangeEvent[];
}

/** A fresh state with nothing processed. */
export function emptyState(): ChangeState {
  return { log: { days: [], events: [] }, tracks: new Map() };
}

/** Newest processed snapshot date, or null when nothing has been processed. */
export function lastDate(state: ChangeState): string | null {
  return state.log.days.at(-1)?.date ?? null;
}

function pushChange(series: number[], day: number, value: number): void {
  if (series.length === 0 || series[series.length - 1] !== value) series.push(day, value);
}

/**
 * Apply the snapshot of `date` (newer than anything processed) to `state`: diff it against the last
 * processed snapshot, append the day and its events to the log and extend every present model's
 * track. The first snapshot ever is the baseline: no events, since we cannot know when those
 * models entered. Throws before touching `state` when the input is unusable.
 */
export function applyDay(state: ChangeState, date: string, models: readonly Observation[]): DayResult {
  const previous = lastDate(state);
  if (previous !== null && date <= previous) {
    throw new DataFileError(`cannot apply ${date} after ${previous}; rewind or rebuild instead`, `snapshot ${date}`);
  }
  const duplicate = findDuplicateId(models);
  if (duplicate !== undefined) {
    throw new DataFileError(`model id ${JSON.stringify(duplicate)} occurs twice`, `snapshot ${date}`);
  }
  const today = dayNumber(date);
  const previousDay = previous === null ? Number.NaN : dayNumber(previous);
  const entered: ChangeEvent[] = [];
  const returned: ChangeEvent[] = [];
  const left: ChangeEvent[] = [];
  for (const model of models) {
    const track = state.tracks.get(model.id);
    if (track === undefined) {
      state.tracks.set(model.id, {
        presence: [today, today],
        likes: [today, model.likes],
        downloads: [today, model.downloads],
      });
      if (previous !== null) entered.push(makeEvent(date, 'entered', model));
      continue;
    }
    const last = track.presence.length - 1;
    if (track.presence[last] === previousDay) {
      track.presence[last] = today;
    } else {
      track.presence.push(today, today);
      returned.push(makeEvent(date, 'returned', model));
    }
    pushChange(track.likes, today, model.likes);
    pushChange(track.downloads, today, model.downloads);
  }
  // Present models now end on `today`, so whatever still ends on the previous day is gone.
  if (previous !== null) {
    for (const [id, track] of state.tracks) {
      if (track.presence[track.presence.length - 1] === previousDay) {
        left.push(makeEvent(date, 'left', { id, likes: lastValue(track.likes), downloads: lastValue(track.downloads) }));
      }
    }
  }
  const byId = (a: ChangeEvent, b: ChangeEvent): number => compareIds(a.id, b.id);
  const events = [...entered.sort(byId), ...returned.sort(byId), ...left.sort(byId)];
  const day: ObservedDay = {
    date,
    previous,
    missing: previous === null ? [] : datesBetween(previous, date),
    models: models.length,
    entered: entered.length,
    left: left.length,
    returned: returned.length,
  };
  state.log.days.push(day);
  for (const event of events) state.log.events.push(event);
  return { day, events };
}

function lastValue(series: readonly number[]): number {
  return series[series.length - 1] ?? 0;
}

function popChangeOn(series: number[], day: number): void {
  if (series[series.length - 2] === day) series.length -= 2;
}

/**
 * Take the newest processed day back off `state`, leaving exactly the state before it was applied
 * (same-day re-runs rewind, then apply the new snapshot). Returns the removed day, if any.
 */
export function rewindDay(state: ChangeState): ObservedDay | undefined {
  const day = state.log.days.pop();
  if (day === undefined) return undefined;
  const events = state.log.events;
  while (events.length > 0 && events[events.length - 1]?.date === day.date) events.pop();
  const today = dayNumber(day.date);
  const previousDay = day.previous === null ? Number.NaN : dayNumber(day.previous);
  for (const [id, track] of state.tracks) {
    const presence = track.presence;
    if (presence[presence.length - 1] !== today) continue;
    // An interval reaching today either began today or ran on from the previous snapshot.
    if (presence[presence.length - 2] === today) presence.length -= 2;
    else presence[presence.length - 1] = previousDay;
    popChangeOn(track.likes, today);
    popChangeOn(track.downloads, today);
    if (presence.length === 0) state.tracks.delete(id);
  }
  return day;
}
