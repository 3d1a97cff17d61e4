// The `moving-order` fault: the list's order as a live ranking that moves between requests, as the real
// `SortBy: "Default"` does (shared/modelscope-api.md §2.4). Popularity (the Default and DownloadsCount
// orders) rises for a share of models after every list request; optionally a share is "updated" and
// jumps to the top of the GmtModified order. Membership and the records themselves never change here.
import type { CatalogEntry } from './catalog-day.ts';
import { seededRandom } from './hash.ts';
import type { SortBy } from './types.ts';
import { compareFor } from './views.ts';

/** How much the order moves per list request. */
export interface MovingOptions {
  /** Share of the list whose popularity rises (default 0.05). */
  readonly share: number;
  /** At most this many places a model climbs in the ranking per move (default: the list's length). */
  readonly jump: number;
  /** Share of the list updated, moving to the top of GmtModified (default 0). */
  readonly updates: number;
}

/** The live orders of one day's list. */
export class MovingOrder {
  private readonly entries: readonly CatalogEntry[];
  /** Popularity score per entry: higher ranks first. */
  private readonly score = new Map<CatalogEntry, number>();
  private ranking: CatalogEntry[];
  private rankingStale = false;
  private readonly modified: CatalogEntry[];
  private readonly random: () => number;

  constructor(entries: readonly CatalogEntry[], seed: number) {
    this.entries = entries;
    this.ranking = [...entries].sort(compareFor('DownloadsCount'));
    // Scores one apart in rank order, so a rise of d moves a model about d places.
    this.ranking.forEach((entry, rank) => this.score.set(entry, entries.length - rank));
    this.modified = [...entries].sort(compareFor('GmtModified'));
    this.random = seededRandom(seed);
  }

  /** The list in `sortBy` order now, or undefined for an order that does not move (StarsCount). */
  order(sortBy: SortBy): readonly CatalogEntry[] | undefined {
    if (sortBy === 'GmtModified') return this.modified;
    if (sortBy === 'StarsCount') return undefined;
    if (this.rankingStale) {
      this.ranking.sort((a, b) => (this.score.get(b) ?? 0) - (this.score.get(a) ?? 0) || b.id - a.id);
      this.rankingStale = false;
    }
    return this.ranking;
  }

  /** Move the orders as one request's worth of time would. */
  step(options: MovingOptions): void {
    const n = this.entries.length;
    if (n === 0) return;
    const pick = (): CatalogEntry => this.entries[Math.floor(this.random() * n)] as CatalogEntry;
    for (let k = Math.round(n * options.share); k > 0; k--) {
      const entry = pick();
      this.score.set(entry, (this.score.get(entry) ?? 0) + 1 + Math.floor(this.random() * options.jump));
      this.rankingStale = true;
    }
    for (let k = Math.round(n * options.updates); k > 0; k--) {
      const entry = pick();
      const at = this.modified.indexOf(entry);
      if (at > 0) {
        this.modified.splice(at, 1);
        this.modified.unshift(entry);
      }
    }
  }
}
