// CLI: `npm run build` — the whole static site into site/dist/. See `--help` and docs/api.md.
import { processIo, runCli } from '../core/cli.ts';
import { stopOnSignals } from '../core/signals.ts';
import { resolveBuildOptions, USAGE } from './config.ts';
import { plural } from './items.ts';
import { buildSite } from './site.ts';

process.exitCode = await runCli('build', processIo, async () => {
  const options = resolveBuildOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    console.log(USAGE);
    return;
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
