// The one door from the pages to the data: the inputs `npm run build` read through store/ (handed over
// in-process), or under `astro dev` the same reader run here on CATALOG_DATA_DIR. Derived tables are
// computed once per build, not once per page.
import { defaultDataDir } from '../../core/cli.ts';
import { parseDays } from '../../publish/config.ts';
import { providedSiteInputs, readSiteInputs, type SiteInputs } from '../../publish/inputs.ts';
import { renamesOf, type Rename } from '../../publish/pages.ts';
import { normaliseSiteUrl } from '../../publish/urls.ts';
import { searchRows } from './lib/catalog/catalog-data.ts';
import type { DepartedModel } from './lib/model/departed.ts';
import { departedModels } from './lib/model/departed-models.ts';
import type { SearchRow } from './lib/search/search-shard.ts';
import { checkedDayNumber } from '../../store/days.ts';

/** The inputs plus what several pages derive from them. */
export interface SiteData {
  inputs: SiteInputs;
  /** One search row per model ever seen. */
  rows: SearchRow[];
  /** Day number of the newest snapshot (0 before the first). */
  lastDay: number;
  /** Day numbers of every observed night, ascending. */
  observedDays: number[];
  /** Models that left before the tombstone window: no page file, a record in `api/departed/`. Sorted by id. */
  departed: DepartedModel[];
  /** Every id renamed away, with the id its page leads to. */
  renames: Map<string, Rename>;
}

/** SITE_TOMBSTONE_DAYS as `npm run build` reads it; unset or blank gives the build's default. */
const tombstoneDaysFromEnv = (raw: string | undefined): number | 'all' | undefined =>
  raw === undefined || raw.trim() === '' ? undefined : parseDays(raw, 'SITE_TOMBSTONE_DAYS');

let loading: Promise<SiteData> | undefined;

async function load(): Promise<SiteData> {
  const inputs =
    providedSiteInputs() ??
    (await readSiteInputs({
      dataDir: defaultDataDir(process.env),
      siteUrl: normaliseSiteUrl(process.env['SITE_URL']?.trim() || 'http://localhost:4321/'),
      snapshotDays: 'all',
      tombstoneDays: tombstoneDaysFromEnv(process.env['SITE_TOMBSTONE_DAYS']),
    }));
  const departed = departedModels(inputs);
  return {
    inputs,
    rows: searchRows(inputs),
    lastDay: inputs.latest === undefined ? 0 : checkedDayNumber(inputs.latest.date),
    observedDays: inputs.log.days.map((day) => checkedDayNumber(day.date)),
    departed,
    renames: renamesOf(inputs.log),
  };
}

/** The site's data, read once. */
export function siteData(): Promise<SiteData> {
  loading ??= load();
  return loading;
}
