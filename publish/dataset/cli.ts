// `npm run dataset`: the whole history as a dataset (Parquet, gzip CSV, SQLite, manifest, SHA256SUMS).
import { resolve, relative, isAbsolute } from 'node:path';
import { defaultDataDir, type Io, parseOptions, processIo, runCli } from '../../core/cli.ts';
import { UsageError } from '../../core/errors.ts';
import { withDataDirLock } from '../../store/lock.ts';
import { DEFAULT_BATCH_ROWS, writeDataset } from './build.ts';
import { DATASET_FILES } from './files.ts';

const HELP = `Usage: npm run dataset -- --out DIR [--data DIR] [--batch-rows N] [--quiet]

Writes the whole history of the data directory as a dataset into DIR (created if missing):
  ${DATASET_FILES.parquet.padEnd(40)} one row per model and night (Parquet)
  ${DATASET_FILES.csv.padEnd(40)} the same rows as gzip CSV
  ${DATASET_FILES.sqlite.padEnd(40)} models, nights, events, stays, figures (SQLite)
  ${DATASET_FILES.manifest.padEnd(40)} what the files hold, their sizes and SHA-256
  ${DATASET_FILES.sums.padEnd(40)} the same checksums, for sha256sum -c
Only these names are written in DIR; the same data gives the same bytes. Schema: docs/dataset.md.

  --out DIR         where the files go (required; not the data dir or inside it)
  --data DIR        data directory (also --data-dir; default: $CATALOG_DATA_DIR or "data")
  --batch-rows N    rows per batch and Parquet row group (default ${DEFAULT_BATCH_ROWS})
  --quiet           print nothing but errors
  -h, --help        show this help

Exit status: 0 written, 1 failed (missing or unusable data), 2 usage error.
`;

function inside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

export async function main(argv: readonly string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return runCli('dataset', io, async () => {
    const options = parseOptions(argv, {
      data: { type: 'string' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      'batch-rows': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (options.help) {
      io.out(HELP);
      return;
    }
    if (options.data !== undefined && options['data-dir'] !== undefined) throw new UsageError('give --data or --data-dir, not both', 'command line');
    const dataDir = options.data ?? options['data-dir'] ?? defaultDataDir(env);
    if (dataDir.trim() === '') throw new UsageError('--data must name a directory', 'command line');
    const out = options.out;
    if (out === undefined || out.trim() === '') throw new UsageError('--out DIR is required (see --help)', 'command line');
    if (inside(resolve(out), resolve(dataDir))) throw new UsageError(`--out ${JSON.stringify(out)} is the data dir or inside it; write the dataset elsewhere`, 'command line');
    let batchRows = DEFAULT_BATCH_ROWS;
    if (options['batch-rows'] !== undefined) {
      batchRows = Number(options['batch-rows']);
      if (!/^\d+$/.test(options['batch-rows']) || batchRows < 1 || batchRows > 16_777_216) {
        throw new UsageError(`--batch-rows must be a whole number from 1 to 16777216, got ${JSON.stringify(options['batch-rows'])}`, 'command line');
      }
    }
    const say = options.quiet ? () => undefined : (line: string) => io.out(`${line}\n`);
    const started = performance.now();
    const manifest = await withDataDirLock(dataDir, 'dataset', () => writeDataset({ dataDir, outDir: out, batchRows, log: say }), { create: false });
    for (const file of manifest.files) say(`${file.name}  ${(file.bytes / 1024 / 1024).toFixed(1)} MB  sha256 ${file.sha256}`);
    const cpu = process.cpuUsage();
    say(`dataset through ${manifest.through} written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, all threads)`);
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
