// Every command of the project by its npm script, as declared (core/command.ts): the tests of help,
// options and the README read them from here.
import type { Command } from '../core/command.ts';
import type { Options } from '../core/options.ts';
import { COMMIT_MESSAGE } from '../changes/commit-message-cli.ts';
import { DIFF } from '../changes/diff-cli.ts';
import { MIGRATE_DATA } from '../changes/migrate-cli.ts';
import { REBUILD } from '../changes/rebuild-cli.ts';
import { CHANGES_UPDATE } from '../changes/update-cli.ts';
import { CRAWL } from '../pipeline/options.ts';
import { PROBE } from '../pipeline/probe-cli.ts';
import { RECORD_NIGHT } from '../pipeline/record-night-cli.ts';
import { BUILD } from '../publish/config.ts';
import { DATASET } from '../publish/dataset/cli.ts';
import { COMPARE_BUILDS } from '../scripts/compare-builds.ts';
import { DEMO } from '../scripts/demo.ts';
import { NIGHT_ISSUE } from '../scripts/night-issue.ts';
import { NIGHTLY } from '../scripts/nightly.ts';
import { PREVIEW } from '../scripts/preview.ts';
import { SCREENSHOTS } from '../scripts/screenshots.ts';
import { SIMULATOR } from '../simulator/cli.ts';

/** package.json's script name → the command it runs. */
export const COMMANDS: Readonly<Record<string, Command<Options>>> = {
  crawl: CRAWL,
  nightly: NIGHTLY,
  probe: PROBE,
  'record-night': RECORD_NIGHT,
  build: BUILD,
  dataset: DATASET,
  diff: DIFF,
  rebuild: REBUILD,
  'changes:update': CHANGES_UPDATE,
  'commit-message': COMMIT_MESSAGE,
  'migrate-data': MIGRATE_DATA,
  simulator: SIMULATOR,
  demo: DEMO,
  preview: PREVIEW,
  screenshots: SCREENSHOTS,
  'compare-builds': COMPARE_BUILDS,
  'night-issue': NIGHT_ISSUE,
};
