// What the browser fixture says each catalog state should show (the oracle of test/site-browser-*.test.ts):
// worked out from the fixture's own data (test/site-browser-fixture.ts), never read back from the site.
import { PAGE_SIZE } from '../site/src/lib/search/search.ts';
import { DATES, type FixtureModel } from './site-browser-fixture.ts';

/** A column the catalog sorts by, or the gateway's models first. */
type SortKey = 'downloads' | 'likes' | 'entered' | 'growth' | 'api';

/** A catalog state, as far as the tests use one. */
export interface Want {
  q?: string;
  /** Instead of `q`'s terms: groups of alternatives, each group matched by any of its texts (aliases). */
  groups?: string[][];
  api?: boolean;
  task?: string;
  aigc?: string;
  family?: string;
  license?: string;
  owner?: string;
  recent?: boolean;
  left?: boolean;
  sort?: SortKey;
}

let models: FixtureModel[] = [];

/** Gives the oracle the fixture's models (the shared site's, once built). */
export function setFixtureModels(fixture: FixtureModel[]): void {
  models = fixture;
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** The day number of `YYYY-MM-DD`. */
export const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
/** "New in the last 7 days": entered on the newest night or the six before it. */
const recentFrom = (): number => dayOf(DATES[DATES.length - 1] ?? '') - 6;

function sortValue(m: FixtureModel, sort: Exclude<SortKey, 'api'>): number {
  switch (sort) {
    case 'downloads': return m.record.downloads;
    case 'likes': return m.record.likes;
    case 'entered': return dayOf(m.entered);
    case 'growth': return m.growth ?? -Infinity;
  }
}

/** The models `want` matches, in the order the catalog lists them (most first, ties by id). */
export function expected(want: Want): FixtureModel[] {
  const groups = want.groups ?? (want.q ?? '').toLowerCase().split(/\s+/u).filter((t) => t !== '').map((t) => [t]);
  const sort = want.sort ?? 'downloads';
  return models
    .filter((m) => {
      const r = m.record;
      if (!m.onList && want.left !== true) return false;
      if (want.api === true && !r.openaiApi) return false;
      if (want.task !== undefined && !r.tasks.includes(want.task)) return false;
      if (want.aigc !== undefined && r.aigcType !== want.aigc) return false;
      if (want.family !== undefined && r.visionFoundation !== want.family) return false;
      if (want.license !== undefined && r.license !== want.license) return false;
      // The owner box matches any part of the owner.
      if (want.owner !== undefined && !r.owner.toLowerCase().includes(want.owner.toLowerCase())) return false;
      if (want.recent === true && dayOf(m.entered) < recentFrom()) return false;
      // Searched: id, Chinese name, tasks, base model, type, family, licence and curated tags.
      const hay = [r.id, r.chineseName, ...r.tasks, r.baseModels[0]?.id ?? '', r.aigcType, r.visionFoundation, r.license, ...r.officialTags.flatMap((t) => [t.name, t.chineseName])].join('\n').toLowerCase();
      return groups.every((group) => group.some((t) => hay.includes(t)));
    })
    .sort((a, b) =>
      // 'api': the gateway's models first, each group by downloads.
      (sort === 'api' ? Number(b.record.openaiApi) - Number(a.record.openaiApi) || b.record.downloads - a.record.downloads : sortValue(b, sort) - sortValue(a, sort))
      || compareIds(a.record.id, b.record.id));
}

/** The ids of page `page` (1-based) of `want`. */
export const pageIds = (want: Want, page = 1): string[] => expected(want).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((m) => m.record.id);

/** Figures as the English catalog writes them. */
export const EN = new Intl.NumberFormat('en');
/** The count line for `n` matches, in English. */
export const countLine = (n: number): string => (n === 0 ? 'No models match' : n === 1 ? '1 model' : `${EN.format(n)} models`);

/** The fixture model `id` (throws when there is none). */
export const byId = (id: string): FixtureModel => {
  const found = models.find((m) => m.record.id === id);
  if (found === undefined) throw new Error(`no fixture model ${id}`);
  return found;
};
