// The changes pages' filter as plain data: what the query string asks for (tolerant: a hand-edited or
// stale URL still opens the page), the canonical query for a choice, and how many of a kind's events
// match a model category. The DOM work is in scripts/changes-filter.ts.
import type { EventKind } from '../../../../store/types.ts';
import type { ModelCategory } from '../model/model-kind.ts';

/** The filter: a kind of change and a kind of model; `''` means any. */
export interface ChangesFilter {
  kind: EventKind | '';
  cat: ModelCategory | '';
}

/** The filter a query string asks for; unknown values are ignored (read as "any"). */
export function filterFromSearch(search: string, kinds: readonly string[], cats: readonly string[]): ChangesFilter {
  const params = new URLSearchParams(search);
  const kind = params.get('kind') ?? '';
  const cat = params.get('cat') ?? '';
  return { kind: (kinds.includes(kind) ? kind : '') as EventKind | '', cat: (cats.includes(cat) ? cat : '') as ModelCategory | '' };
}

/** `search` with the filter's keys set (defaults left out, other keys kept, `kind` before `cat`). */
export function searchWithFilter(search: string, filter: ChangesFilter): string {
  const params = new URLSearchParams(search);
  params.delete('kind');
  params.delete('cat');
  if (filter.kind !== '') params.set('kind', filter.kind);
  if (filter.cat !== '') params.set('cat', filter.cat);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** How many of a kind's events the category filter keeps: all of them (`total`) for any category. */
export function matchingCount(total: number, byCategory: Readonly<Partial<Record<ModelCategory, number>>>, cat: ModelCategory | ''): number {
  return cat === '' ? total : (byCategory[cat] ?? 0);
}
