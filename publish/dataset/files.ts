// The dataset's file names and where they are published: release assets on GitHub, one release per
// month (`dataset-YYYY-MM`, its assets replaced each night of that month and left alone after it), so a
// month's URL is stable and citable once the month is over, and the newest is always at `latest`.
import packageJson from '../../package.json' with { type: 'json' };

/** The files of one dataset, by role. Names are the release assets' names. */
export const DATASET_FILES = {
  parquet: 'modelscope-inference-history.parquet',
  csv: 'modelscope-inference-history.csv.gz',
  /** The SQLite database, gzip-compressed (the database itself is twice the size; see docs/dataset.md). */
  sqlite: 'modelscope-inference-catalog.sqlite.gz',
  manifest: 'manifest.json',
  sums: 'SHA256SUMS',
} as const;

/** The release tag of the month a dataset's newest night falls in. */
export function releaseTag(through: string): string {
  return `dataset-${through.slice(0, 7)}`;
}

/** `owner/name` of the repository: the running fork on GitHub Actions, else the project's own. */
export function repositoryOf(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const running = env['GITHUB_REPOSITORY'];
  if (running !== undefined && /^[\w.-]+\/[\w.-]+$/.test(running)) return running;
  return packageJson.repository.url.replace(/^https:\/\/github\.com\//, '').replace(/\.git$/, '');
}

/** The URLs `api/index.json` names for the dataset. */
export interface DatasetUrls {
  /** The newest dataset's files (GitHub's `releases/latest/download/<file>`). */
  manifest: string;
  parquet: string;
  csv: string;
  sqlite: string;
  /** A month's release page and its files: `{month}` is `YYYY-MM`, `{file}` one of the names above. */
  release: string;
  file: string;
  /** The schema of every file. */
  docs: string;
}

export function datasetUrls(repository: string = repositoryOf()): DatasetUrls {
  const base = `https://github.com/${repository}/releases`;
  const latest = (name: string): string => `${base}/latest/download/${name}`;
  return {
    manifest: latest(DATASET_FILES.manifest),
    parquet: latest(DATASET_FILES.parquet),
    csv: latest(DATASET_FILES.csv),
    sqlite: latest(DATASET_FILES.sqlite),
    release: `${base}/tag/dataset-{month}`,
    file: `${base}/download/dataset-{month}/{file}`,
    docs: `https://github.com/${repository}/blob/main/docs/dataset.md`,
  };
}
