// Build options from flags and environment. Flags win over the environment, which wins over defaults.
import { defaultDataDir, parseOptions } from '../core/cli.ts';
import { ConfigError } from './errors.ts';
import type { BuildOptions } from './site.ts';
import { DEFAULT_TOMBSTONE_DAYS } from './inputs.ts';
import { DEFAULT_SITE_URL, normaliseSiteUrl } from './urls.ts';

export const USAGE = `Usage: npm run build -- [options]

Builds the static site (pages in English and Chinese, feeds, JSON API) from the data directory.

Options:
  --data-dir DIR        data directory (env CATALOG_DATA_DIR, default data)
  --out DIR             output directory, replaced as a whole (default site/dist)
  --site-url URL        absolute base URL the site is served from (env SITE_URL,
                        default ${DEFAULT_SITE_URL}); keep a sub-path such as
                        https://user.github.io/repo/
  --snapshot-days N     publish only the newest N dated snapshots, or "all"
                        (env SITE_SNAPSHOT_DAYS, default all); GitHub Pages sites
                        must stay under 1 GB
  --tombstone-days N    a model that left keeps a page file while last seen in
                        the newest N days, or "all" (env SITE_TOMBSTONE_DAYS,
                        default ${DEFAULT_TOMBSTONE_DAYS}); older ones are answered by 404.html,
                        which shows their tombstone from api/departed/
  --allow-empty         build even when the data dir has no snapshot yet (an empty
                        list and feeds); without it that is an error, so a stray
                        build never replaces a site with an empty one
  -h, --help            show this help

Exit status: 0 built, 1 failed or nothing to build (the previous output is left as it
was), 2 usage error.`;

/** Parse a snapshot-days or tombstone-days value: a non-negative integer or `all`. */
export function parseDays(raw: string, where: string): number | 'all' {
  const text = raw.trim();
  if (text === 'all') return 'all';
  if (!/^\d+$/.test(text)) throw new ConfigError(`expected a whole number of days or "all", got ${JSON.stringify(raw)}`, where);
  return Number(text);
}

/** What the build command takes: the build's options, and whether an empty data dir may be built. */
export type BuildCommandOptions = BuildOptions & {
  /** Build an empty site when the data dir has no snapshot (default false: that is an error). */
  allowEmpty: boolean;
};

/** Options from argv (without node and script) and env, or `help` when help was asked for. */
export function resolveBuildOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BuildCommandOptions | 'help' {
  const values = parseOptions(argv, {
    'data-dir': { type: 'string' },
    out: { type: 'string' },
    'site-url': { type: 'string' },
    'snapshot-days': { type: 'string' },
    'tombstone-days': { type: 'string' },
    'allow-empty': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) return 'help';
  const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value);
  const siteUrlFlag = nonEmpty(values['site-url']);
  const daysFlag = nonEmpty(values['snapshot-days']);
  const daysEnv = nonEmpty(env['SITE_SNAPSHOT_DAYS']);
  const tombFlag = nonEmpty(values['tombstone-days']);
  const tombEnv = nonEmpty(env['SITE_TOMBSTONE_DAYS']);
  return {
    dataDir: nonEmpty(values['data-dir']) ?? defaultDataDir(env),
    outDir: nonEmpty(values.out) ?? 'site/dist',
    siteUrl:
      siteUrlFlag !== undefined
        ? normaliseSiteUrl(siteUrlFlag, '--site-url')
        : normaliseSiteUrl(nonEmpty(env['SITE_URL']) ?? DEFAULT_SITE_URL, 'SITE_URL'),
    snapshotDays:
      daysFlag !== undefined
        ? parseDays(daysFlag, '--snapshot-days')
        : daysEnv !== undefined
          ? parseDays(daysEnv, 'SITE_SNAPSHOT_DAYS')
          : 'all',
    tombstoneDays:
      tombFlag !== undefined
        ? parseDays(tombFlag, '--tombstone-days')
        : tombEnv !== undefined
          ? parseDays(tombEnv, 'SITE_TOMBSTONE_DAYS')
          : DEFAULT_TOMBSTONE_DAYS,
    allowEmpty: values['allow-empty'] === true,
  };
}
