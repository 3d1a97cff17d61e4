// CLI: `npm run build` — the whole static site into site/dist/. See `--help` and docs/api.md.
import { stat } from 'node:fs/promises';
import { runCommand } from '../core/command.ts';
import { stopOnSignals } from '../core/signals.ts';
import { BUILD, buildOptions } from './config.ts';
import { plural } from './items.ts';
import { buildSite } from './site.ts';
import { MissingDataError } from '../store/errors.ts';
import { listSnapshotDates } from '../store/snapshots.ts';

process.exitCode = await runCommand(BUILD, process.argv.slice(2), async (values) => {
  const options = buildOptions(values);
  // A data dir without snapshots (a fresh clone's data/, a typo'd CATALOG_DATA_DIR) would replace whatever
  // site is there with an empty one: only on request.
  // (A data dir that does not exist at all is buildSite's own error, said as such.)
  const exists = await stat(options.dataDir).then((info) => info.isDirectory(), () => false);
  if (!options.allowEmpty && exists && (await listSnapshotDates(options.dataDir)).length === 0) {
    throw new MissingDataError(`no snapshots yet, nothing to build: run npm run crawl (or npm run demo for an offline site); --allow-empty builds an empty site`, options.dataDir);
  }
  const stop = stopOnSignals();
  const summary = await buildSite(options, stop.signal).finally(() => stop.dispose());
  if (summary.latest === null) {
    console.log(`No snapshots in ${options.dataDir} yet: built an empty site (empty list, empty feeds) into ${summary.outDir}.`);
    return;
  }
  const snapshots =
    summary.snapshotsPublished === summary.snapshotsAvailable
      ? plural(summary.snapshotsPublished, 'snapshot')
      : `${summary.snapshotsPublished} of ${plural(summary.snapshotsAvailable, 'snapshot')}`;
  // Departures older than the tombstone window have no page file: 404.html shows them from api/departed/.
  const archived = summary.departedArchived === 0 ? '' : `${plural(summary.departedArchived, 'older departure')} in api/departed/, `;
  console.log(
    `Built ${summary.outDir} for ${options.siteUrl}: latest ${summary.latest}, ${plural(summary.models, 'model')} on the list, ` +
      `${plural(summary.modelPages, 'model page')} (English and Chinese in one), ${archived}${plural(summary.feedItems, 'feed item')}, ${snapshots}.`,
  );
});
