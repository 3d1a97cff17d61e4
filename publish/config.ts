// The build command's options, declared once (core/options.ts): flags win over the environment, which
// wins over defaults.
import type { Command } from '../core/command.ts';
import { custom, DATA_DIR, flag, readOptions, text, type Env, type Options, type Values } from '../core/options.ts';
import { ConfigError } from './errors.ts';
import type { BuildOptions } from './site.ts';
import { DEFAULT_TOMBSTONE_DAYS } from './inputs.ts';
import { DEFAULT_SITE_URL, normaliseSiteUrl } from './urls.ts';

/** Parse a snapshot-days or tombstone-days value: a non-negative integer or `all`. */
export function parseDays(raw: string, where: string): number | 'all' {
  const trimmed = raw.trim();
  if (trimmed === 'all') return 'all';
  if (!/^\d+$/.test(trimmed)) throw new ConfigError(`expected a whole number of days or "all", got ${JSON.stringify(raw)}`, where);
  return Number(trimmed);
}

/** What the build command takes: the build's options, and whether an empty data dir may be built. */
export type BuildCommandOptions = BuildOptions & {
  /** Build an empty site when the data dir has no snapshot (default false: that is an error). */
  allowEmpty: boolean;
};

/** The build command: its options, each read from its flag, else its variable, else its default. */
export const BUILD = {
  name: 'build',
  usage: 'npm run build',
  about: 'Builds the static site (pages in English and Chinese, feeds, JSON API) from the data directory.',
  options: {
    'data-dir': DATA_DIR,
    out: text({ value: 'DIR', default: 'site/dist', doc: 'output directory, replaced as a whole' }),
    'site-url': custom({
      value: 'URL',
      env: 'SITE_URL',
      default: DEFAULT_SITE_URL,
      parse: normaliseSiteUrl,
      doc: 'absolute base URL the site is served from; keep a sub-path such as https://user.github.io/repo/',
    }),
    'snapshot-days': custom({
      value: 'N',
      env: 'SITE_SNAPSHOT_DAYS',
      default: 'all' as number | 'all',
      range: 'a whole number or all',
      parse: parseDays,
      doc: 'publish only the newest N dated snapshots; GitHub Pages sites must stay under 1 GB',
    }),
    'tombstone-days': custom({
      value: 'N',
      env: 'SITE_TOMBSTONE_DAYS',
      default: DEFAULT_TOMBSTONE_DAYS as number | 'all',
      range: 'a whole number or all',
      parse: parseDays,
      doc: 'a model that left keeps a page file while last seen in the newest N days; older ones are answered by 404.html, which shows their tombstone from api/departed/',
    }),
    'allow-empty': flag('build even when the data dir has no snapshot yet (an empty list and feeds); without it that is an error, so a stray build never replaces a site with an empty one'),
  },
  exit: '0 built, 1 failed or nothing to build (the previous output is left as it was), 2 usage error',
} as const satisfies Command<Options>;

/** The build command's option values as the build takes them. */
export function buildOptions(values: Values<typeof BUILD.options>): BuildCommandOptions {
  return {
    dataDir: values['data-dir'],
    outDir: values.out,
    siteUrl: values['site-url'],
    snapshotDays: values['snapshot-days'],
    tombstoneDays: values['tombstone-days'],
    allowEmpty: values['allow-empty'],
  };
}

/** Options from argv (without node and script) and env, or `help` when help was asked for. */
export function resolveBuildOptions(argv: readonly string[], env: Env): BuildCommandOptions | 'help' {
  const values = readOptions(BUILD.options, argv, env);
  return values === 'help' ? 'help' : buildOptions(values);
}
