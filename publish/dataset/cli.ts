// `npm run dataset`: the whole history as a dataset (Parquet, gzip CSV, SQLite, manifest, SHA256SUMS).
import { resolve, relative, isAbsolute } from 'node:path';
import { type Io, processIo } from '../../core/cli.ts';
import { runCommand, type Command } from '../../core/command.ts';
import { DATA_DIR, flag, integer, text, type Options } from '../../core/options.ts';
import { UsageError } from '../../core/errors.ts';
import { withDataDirLock } from '../../store/lock.ts';
import { DEFAULT_BATCH_ROWS, writeDataset } from './build.ts';
import { DATASET_FILES } from './files.ts';

/** The dataset command. */
export const DATASET = {
  name: 'dataset',
  usage: 'npm run dataset',
  about: `Writes the whole history of the data directory as a dataset into DIR (created if missing):
  ${DATASET_FILES.parquet.padEnd(40)} one row per model and night (Parquet)
  ${DATASET_FILES.csv.padEnd(40)} the same rows as gzip CSV
  ${DATASET_FILES.sqlite.padEnd(40)} models, nights, events, stays, figures (SQLite)
  ${DATASET_FILES.manifest.padEnd(40)} what the files hold, their sizes and SHA-256
  ${DATASET_FILES.sums.padEnd(40)} the same checksums, for sha256sum -c
Only these names are written in DIR; the same data gives the same bytes. Schema: docs/dataset.md.`,
  options: {
    out: text({ value: 'DIR', required: true, doc: 'where the files go, not the data dir or inside it' }),
    data: { ...DATA_DIR, alias: 'data-dir' },
    'batch-rows': integer({ value: 'N', min: 1, max: 16_777_216, default: DEFAULT_BATCH_ROWS, doc: 'rows per batch and Parquet row group' }),
    quiet: flag('print nothing but errors'),
  },
  exit: '0 written, 1 failed (missing or unusable data), 2 usage error',
} as const satisfies Command<Options>;

function inside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

export function main(argv: readonly string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return runCommand(DATASET, argv, async ({ out, data: dataDir, 'batch-rows': batchRows, quiet }) => {
    if (inside(resolve(out), resolve(dataDir))) throw new UsageError(`--out ${JSON.stringify(out)} is the data dir or inside it; write the dataset elsewhere`, 'command line');
    const say = quiet ? () => undefined : (line: string) => io.out(`${line}\n`);
    const started = performance.now();
    const manifest = await withDataDirLock(dataDir, 'dataset', () => writeDataset({ dataDir, outDir: out, batchRows, log: say }), { create: false });
    for (const file of manifest.files) say(`${file.name}  ${(file.bytes / 1024 / 1024).toFixed(1)} MB  sha256 ${file.sha256}`);
    const cpu = process.cpuUsage();
    say(`dataset through ${manifest.through} written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, all threads)`);
  }, io, env);
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
