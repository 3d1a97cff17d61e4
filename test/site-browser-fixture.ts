// The browser tests' site, as the tests know it: nine nights, ~6,300 models so the search has two shards,
// OpenAI-compatible models, LoRAs of several families, newcomers, departures, a return and a hostile name.
// Its named models and the facts each test works its answers out from live here; the data is written,
// built and served by test/site-browser-build.ts (once per run, by the global setup).
import type { ModelRecord } from '../store/record.ts';

/** Where the shared site (test/global-setup.ts) is served below its origin, as on GitHub Pages. */
export const SHARED_SITE_BASE = '/repo/';

/** The observed nights, oldest first; the newest is the site's "today". */
export const DATES = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'] as const;

/** The model whose name is markup: it must only ever show as text. */
export const HOSTILE_ID = 'hostile/<img src=x onerror=alert(1)>';

/** A model that left the list after night 5 and never came back (its page is a tombstone). */
export const DEPARTED_ID = 'farewell/departed-model';

/** A model that left after night 3: before the fixture's tombstone window, so 404.html shows it from api/departed/. */
export const ARCHIVED_ID = 'farewell/vanished-0';

/** The build's tombstone window: models last seen before night 5 (2026-03-04) have no page file. */
export const TOMBSTONE_DAYS = 5;

/** What the fixture's data says, so the tests can work out the right answers themselves. */
export interface FixtureModel {
  record: ModelRecord;
  /** On the newest snapshot. */
  onList: boolean;
  /** First date of its current (or last) stay. */
  entered: string;
  /** The night it was first missing, for a model that left. */
  leftOn: string | null;
  /** Downloads gained over the last 7 days; `null` when first seen within them or off the list. */
  growth: number | null;
}
