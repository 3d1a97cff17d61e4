// A small site's build, for tests that need a few nights of their own rather than the shared 6,300-model
// fixture: nights written with the change-test factories (each with its gateway list: the models flagged
// openaiApi, and the change log updated after it) and the real site build. test/small-site.ts serves one
// in a browser; the global setup builds the site/html tests' one (test/site-html-data.ts).
import { join } from 'node:path';
import { updateChanges } from '../changes/update.ts';
import { buildSite, type BuildSummary } from '../publish/site.ts';
import type { ModelRecord } from '../store/record.ts';
import { writeDay } from './changes-factory.ts';

/** What a small site's build made, and where (`root/site`). */
export interface SmallBuild {
  outDir: string;
  summary: BuildSummary;
}

/** Nights in order, each with the models on the list that night. */
export type Nights = readonly [date: string, models: ModelRecord[]][];

/** Writes `nights` into `root/data` and builds them for `siteUrl` into `root/site` (tombstone window `tombstoneDays`, default the build's). */
export async function buildSmallSite(root: string, nights: Nights, siteUrl: string, options: { tombstoneDays?: number } = {}): Promise<SmallBuild> {
  const dataDir = join(root, 'data');
  for (const [date, models] of nights) {
    await writeDay(dataDir, date, models, models.filter((m) => m.openaiApi).map((m) => m.id));
    await updateChanges(dataDir, date);
  }
  const outDir = join(root, 'site');
  const summary = await buildSite({ dataDir, outDir, siteUrl, snapshotDays: 'all', ...(options.tombstoneDays === undefined ? {} : { tombstoneDays: options.tombstoneDays }) });
  return { outDir, summary };
}
