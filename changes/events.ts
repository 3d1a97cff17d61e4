// Pure event derivation: which models entered, returned or left between two observations of the list.
import { compareEvents } from '../store/order.ts';
import type { ChangeEvent, EventKind } from '../store/types.ts';

/** The part of a snapshot record that change tracking looks at (a `ModelRecord` is one). */
export interface Observation {
  /** Model id, `owner/name`. */
  id: string;
  likes: number;
  downloads: number;
}

/** Build an event with keys in the file's fixed order. */
export function makeEvent(date: string, kind: EventKind, model: Observation): ChangeEvent {
  return { date, id: model.id, kind, likes: model.likes, downloads: model.downloads };
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
 * Events between two observations of the list, dated `date` (the later one), in log order.
 * A model on `current` but not `previous` is `returned` when `seenBefore(id)` (on the list at some
 * point up to `previous`), else `entered`; one on `previous` only is `left` with its previous metrics.
 * What happened on nights without a snapshot is unknowable, so nothing is invented for them.
 */
export function diffSnapshots(
  previous: readonly Observation[],
  current: readonly Observation[],
  seenBefore: (id: string) => boolean,
  date: string,
): ChangeEvent[] {
  const before = new Set(previous.map((model) => model.id));
  const now = new Set(current.map((model) => model.id));
  const events: ChangeEvent[] = [];
  for (const model of current) {
    if (!before.has(model.id)) events.push(makeEvent(date, seenBefore(model.id) ? 'returned' : 'entered', model));
  }
  for (const model of previous) {
    if (!now.has(model.id)) events.push(makeEvent(date, 'left', model));
  }
  return events.sort(compareEvents);
}
