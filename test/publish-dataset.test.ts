// The dataset (publish/dataset/) of a small hand-made data dir, read back by readers that are not ours:
// DuckDB (from npm) reads the Parquet and the gzip CSV, Python's sqlite3 module the SQLite database,
// and sha256sum checks SHA256SUMS. Every value is checked against what the nights below say by hand.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { main } from '../publish/dataset/cli.ts';
import { csvField } from '../publish/dataset/csv.ts';
import { DATASET_FILES, datasetUrls, releaseTag } from '../publish/dataset/files.ts';
import type { DatasetManifest } from '../publish/dataset/build.ts';
import { nightRecord, recordNight } from '../store/nights-file.ts';
import type { ModelRecord } from '../store/record.ts';
import { model, tempDataDir, writeDay } from './changes-factory.ts';

const gen = (record: ModelRecord, count: number | null): ModelRecord => ({ ...record, genImageCount: count });

/**
 * Four snapshots over five nights. o/A is on the catalog and the gateway throughout; o/B (a LoRA with an
 * image count) leaves on 03-04 and returns on 03-05; o/C enters on 03-02; x/G is only ever served by the
 * gateway, not on 03-02. 03-03 failed and is recorded in nights.json.
 */
async function handMadeDataDir(): Promise<string> {
  const dataDir = await tempDataDir();
  await writeDay(dataDir, '2026-03-01', [model('o/A', 1, 10), gen(model('o/B', 2, 20), 5)], ['o/A', 'x/G']);
  await writeDay(dataDir, '2026-03-02', [model('o/A', 1, 11), gen(model('o/B', 3, 20), 7), model('o/C', 0, 5)], ['o/A']);
  await writeDay(dataDir, '2026-03-04', [model('o/A', 2, 11), model('o/C', 0, 6)], ['o/A', 'x/G']);
  await writeDay(dataDir, '2026-03-05', [model('o/A', 2, 11), gen(model('o/B', 3, 25), null), { ...model('o/C', 0, 6), license: 'mit', tasks: ['chat'] }], ['o/A', 'x/G']);
  await rebuildChanges(dataDir);
  await recordNight(dataDir, nightRecord('2026-03-03', 'failed', 'PUT https://modelscope.cn/api/v1/dolphin/models page 2: HTTP 503 after 6 attempts'));
  return dataDir;
}

/** The long form by hand: [date, id, listed, served, likes, downloads, gen_images], ordered by id, then date. */
const EXPECTED_ROWS = [
  ['2026-03-01', 'o/A', true, true, 1, 10, null],
  ['2026-03-02', 'o/A', true, true, 1, 11, null],
  ['2026-03-04', 'o/A', true, true, 2, 11, null],
  ['2026-03-05', 'o/A', true, true, 2, 11, null],
  ['2026-03-01', 'o/B', true, false, 2, 20, 5],
  ['2026-03-02', 'o/B', true, false, 3, 20, 7],
  // The night it returns carries no image count: the last one seen holds.
  ['2026-03-05', 'o/B', true, false, 3, 25, 7],
  ['2026-03-02', 'o/C', true, false, 0, 5, null],
  ['2026-03-04', 'o/C', true, false, 0, 6, null],
  ['2026-03-05', 'o/C', true, false, 0, 6, null],
  ['2026-03-01', 'x/G', false, true, null, null, null],
  ['2026-03-04', 'x/G', false, true, null, null, null],
  ['2026-03-05', 'x/G', false, true, null, null, null],
];

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (text) => void (out += text), err: (text) => void (err += text) }, {});
  return { code, out, err };
}

/** Rows of a DuckDB query as plain values: DATE as YYYY-MM-DD, BIGINT as numbers. */
async function duck(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowsJS().map((row) => row.map((value) => (typeof value === 'bigint' ? Number(value) : value instanceof Date ? value.toISOString().slice(0, 10) : value)));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Python's sqlite3 module (not node:sqlite, which wrote the file): the result of each query as JSON. */
function python(db: string, queries: Record<string, string>): Record<string, unknown[][]> {
  const script = [
    'import json, sqlite3, sys',
    'db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)',
    'queries = json.loads(sys.argv[2])',
    'print(json.dumps({name: [list(row) for row in db.execute(sql)] for name, sql in queries.items()}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, db, JSON.stringify(queries)], { encoding: 'utf8' })) as Record<string, unknown[][]>;
}

let dataDir: string;
let outDir: string;
let manifest: DatasetManifest;

beforeAll(async () => {
  dataDir = await handMadeDataDir();
  outDir = await mkdtemp(join(tmpdir(), 'dataset-out-'));
  const result = await run(['--data', dataDir, '--out', outDir, '--batch-rows', '4']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  manifest = JSON.parse(await readFile(join(outDir, DATASET_FILES.manifest), 'utf8')) as DatasetManifest;
});

describe('publish/dataset: the files', () => {
  it('writes the three files, a manifest and SHA256SUMS that sha256sum accepts', async () => {
    expect((await readdir(outDir)).sort()).toEqual([DATASET_FILES.sums, DATASET_FILES.manifest, DATASET_FILES.sqlite, DATASET_FILES.csv, DATASET_FILES.parquet].sort());
    expect(manifest).toMatchObject({ format: 1, first: '2026-03-01', through: '2026-03-05', nights: { observed: 4, withoutSnapshot: 1 }, models: 4 });
    expect(manifest.files.map((file) => [file.name, file.rows])).toEqual([
      [DATASET_FILES.parquet, 13],
      [DATASET_FILES.csv, 13],
      [DATASET_FILES.sqlite, { models: 4, nights: 5, events: 5, stays: 7, figures: 8 }],
    ]);
    expect(execFileSync('sha256sum', ['-c', DATASET_FILES.sums], { cwd: outDir, encoding: 'utf8' })).toBe(manifest.files.map((file) => `${file.name}: OK\n`).join(''));
  });

  it('gives the same bytes from the same data (the Parquet row groups follow --batch-rows, the rest does not)', async () => {
    const again = await mkdtemp(join(tmpdir(), 'dataset-again-'));
    expect((await run(['--data-dir', dataDir, '--out', again, '--quiet', '--batch-rows', '4'])).code).toBe(0);
    for (const name of Object.values(DATASET_FILES)) expect(await readFile(join(again, name)), name).toEqual(await readFile(join(outDir, name)));
    const other = await mkdtemp(join(tmpdir(), 'dataset-other-'));
    expect((await run(['--data-dir', dataDir, '--out', other, '--quiet'])).code).toBe(0);
    for (const name of [DATASET_FILES.csv, DATASET_FILES.sqlite]) expect(await readFile(join(other, name)), name).toEqual(await readFile(join(outDir, name)));
  });
});

describe('publish/dataset: read back by DuckDB', () => {
  it('reads the Parquet file: its schema and every row', async () => {
    const path = join(outDir, DATASET_FILES.parquet);
    expect(await duck(`SELECT column_name, column_type, "null" FROM (DESCRIBE SELECT * FROM read_parquet('${path}'))`)).toEqual([
      ['date', 'DATE', 'YES'], ['id', 'VARCHAR', 'YES'], ['listed', 'BOOLEAN', 'YES'], ['served', 'BOOLEAN', 'YES'],
      ['likes', 'BIGINT', 'YES'], ['downloads', 'BIGINT', 'YES'], ['gen_images', 'BIGINT', 'YES'],
    ]);
    // In file order: by id, then date.
    expect(await duck(`SELECT * FROM read_parquet('${path}')`)).toEqual(EXPECTED_ROWS);
    expect(await duck(`SELECT count(*) FROM parquet_metadata('${path}') WHERE path_in_schema = 'id'`)).toEqual([[4]]);
    expect(await duck(`SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata('${path}') ORDER BY 1`)).toEqual([
      ['dataset', 'modelscope-inference-catalog'], ['first', '2026-03-01'], ['format', '1'], ['through', '2026-03-05'],
    ]);
  });

  it('reads the gzip CSV with the same types and the same rows', async () => {
    const path = join(outDir, DATASET_FILES.csv);
    expect(await duck(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_csv('${path}'))`)).toEqual([
      ['date', 'DATE'], ['id', 'VARCHAR'], ['listed', 'BOOLEAN'], ['served', 'BOOLEAN'], ['likes', 'BIGINT'], ['downloads', 'BIGINT'], ['gen_images', 'BIGINT'],
    ]);
    expect(await duck(`SELECT * FROM read_csv('${path}')`)).toEqual(EXPECTED_ROWS);
    const text = execFileSync('gzip', ['-dc', path], { encoding: 'utf8' });
    expect(text.split('\n').slice(0, 2)).toEqual(['date,id,listed,served,likes,downloads,gen_images', '2026-03-01,o/A,true,true,1,10,']);
  });
});

describe('publish/dataset: read back by Python’s sqlite3', () => {
  it('holds models, nights, events, stays and figures, and the daily view gives the long form', () => {
    const database = join(outDir, 'unpacked.sqlite');
    execFileSync('sh', ['-c', `gzip -dc "$0" > "$1"`, join(outDir, DATASET_FILES.sqlite), database]);
    const sqlite = manifest.files.find((file) => file.name === DATASET_FILES.sqlite);
    expect(sqlite?.uncompressed?.name).toBe('modelscope-inference-catalog.sqlite');
    expect(execFileSync('sha256sum', [database], { encoding: 'utf8' }).split(' ')[0]).toBe(sqlite?.uncompressed?.sha256);
    const result = python(database, {
      integrity: 'PRAGMA integrity_check',
      models: `SELECT model, id, owner, name, first_seen, last_seen, listed_now, nights_listed, stays, first_served, last_served, served_now,
        nights_served, gateway_stays, likes, downloads, gen_images, record_date, license, tasks FROM models ORDER BY model`,
      nights: 'SELECT date, outcome, reason, previous, models, entered, left, returned, gateway, served, unserved, served_again FROM nights ORDER BY date',
      events: 'SELECT date, kind, id, model, likes, downloads FROM events ORDER BY rowid',
      stays: 'SELECT m.id, list, first_night, last_night, nights, open FROM stays JOIN models m USING (model) ORDER BY m.id, list, first_day',
      figures: 'SELECT m.id, f.date, f.likes, f.downloads, f.gen_images FROM figures f JOIN models m USING (model) ORDER BY m.id, f.day',
      daily: 'SELECT date, id, listed, served, likes, downloads, gen_images FROM daily ORDER BY id, date',
      indexes: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      onDate: "SELECT m.id FROM stays JOIN models m USING (model) WHERE list = 'catalog' AND '2026-03-04' BETWEEN first_night AND last_night ORDER BY m.id",
    });
    expect(result['integrity']).toEqual([['ok']]);
    expect(result['models']).toEqual([
      [1, 'o/A', 'o', 'A', '2026-03-01', '2026-03-05', 1, 4, 1, '2026-03-01', '2026-03-05', 1, 4, 1, 2, 11, null, '2026-03-05', 'apache-2.0', '["text-to-image-synthesis"]'],
      [2, 'o/B', 'o', 'B', '2026-03-01', '2026-03-05', 1, 3, 2, null, null, 0, 0, 0, 3, 25, 7, '2026-03-05', 'apache-2.0', '["text-to-image-synthesis"]'],
      [3, 'o/C', 'o', 'C', '2026-03-02', '2026-03-05', 1, 3, 1, null, null, 0, 0, 0, 0, 6, null, '2026-03-05', 'mit', '["chat"]'],
      [4, 'x/G', 'x', 'G', null, null, 0, 0, 0, '2026-03-01', '2026-03-05', 1, 3, 2, null, null, null, null, null, null],
    ]);
    expect(result['nights']).toEqual([
      ['2026-03-01', 'published', null, null, 2, 0, 0, 0, 2, 0, 0, 0],
      ['2026-03-02', 'published', null, '2026-03-01', 3, 1, 0, 0, 1, 0, 1, 0],
      ['2026-03-03', 'failed', 'PUT https://modelscope.cn/api/v1/dolphin/models page 2: HTTP 503 after 6 attempts', null, null, null, null, null, null, null, null, null],
      ['2026-03-04', 'published', null, '2026-03-02', 2, 0, 1, 0, 2, 0, 0, 1],
      ['2026-03-05', 'published', null, '2026-03-04', 3, 0, 0, 1, 2, 0, 0, 0],
    ]);
    expect(result['events']).toEqual([
      ['2026-03-02', 'entered', 'o/C', 3, 0, 5],
      ['2026-03-02', 'unserved', 'x/G', 4, null, null],
      ['2026-03-04', 'left', 'o/B', 2, 3, 20],
      ['2026-03-04', 'served-again', 'x/G', 4, null, null],
      ['2026-03-05', 'returned', 'o/B', 2, 3, 25],
    ]);
    expect(result['stays']).toEqual([
      ['o/A', 'catalog', '2026-03-01', '2026-03-05', 4, 1],
      ['o/A', 'gateway', '2026-03-01', '2026-03-05', 4, 1],
      ['o/B', 'catalog', '2026-03-01', '2026-03-02', 2, 0],
      ['o/B', 'catalog', '2026-03-05', '2026-03-05', 1, 1],
      ['o/C', 'catalog', '2026-03-02', '2026-03-05', 3, 1],
      ['x/G', 'gateway', '2026-03-01', '2026-03-01', 1, 0],
      ['x/G', 'gateway', '2026-03-04', '2026-03-05', 2, 1],
    ]);
    expect(result['figures']).toEqual([
      ['o/A', '2026-03-01', 1, 10, null],
      ['o/A', '2026-03-02', 1, 11, null],
      ['o/A', '2026-03-04', 2, 11, null],
      ['o/B', '2026-03-01', 2, 20, 5],
      ['o/B', '2026-03-02', 3, 20, 7],
      ['o/B', '2026-03-05', 3, 25, 7],
      ['o/C', '2026-03-02', 0, 5, null],
      ['o/C', '2026-03-04', 0, 6, null],
    ]);
    expect(result['daily']).toEqual(EXPECTED_ROWS.map((row) => row.map((value) => (typeof value === 'boolean' ? Number(value) : value))));
    expect(result['indexes']?.flat()).toEqual(['events_date', 'events_id', 'models_last_seen', 'models_owner', 'nights_outcome', 'stays_list', 'stays_model']);
    expect(result['onDate']).toEqual([['o/A'], ['o/C']]);
    // Debian's sqlite3 shell, where there is one, reads it too.
    if (execFileSync('sh', ['-c', 'command -v sqlite3 || true'], { encoding: 'utf8' }).trim() !== '') {
      expect(execFileSync('sqlite3', ['-readonly', database, "SELECT count(*) FROM daily; SELECT outcome FROM nights WHERE date = '2026-03-03';"], { encoding: 'utf8' })).toBe('13\nfailed\n');
    }
  });
});

describe('publish/dataset: the command', () => {
  it('prints its help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: npm run dataset -- --out DIR/);
    for (const name of Object.values(DATASET_FILES)) expect(result.out).toContain(name);
  });

  it('refuses bad options with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--data', dataDir], /--out DIR is required/],
      [['--data', dataDir, '--out', join(dataDir, 'dataset')], /is the data dir or inside it/],
      [['--data', dataDir, '--out', dataDir], /is the data dir or inside it/],
      [['--data', dataDir, '--data-dir', dataDir, '--out', outDir], /not both/],
      [['--out', outDir, '--batch-rows', '0'], /--batch-rows must be a whole number/],
      [['--out', outDir, '--frobnicate'], /Unknown option '--frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toMatch(message);
      expect(result.err.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(result.err).toMatch(/^dataset: /);
    }
  });

  it('fails with exit 1 and one line when the event log and the history disagree, writing nothing', async () => {
    const broken = await handMadeDataDir();
    const year = join(broken, 'events', '2026.events.json');
    const index = join(broken, 'events', 'index.json');
    const lines = (await readFile(year, 'utf8')).split('\n');
    // The log loses its newest night and its events (the index says so too): the shards still go through 2026-03-05.
    const kept = lines.filter((line) => !line.includes('"date":"2026-03-05"'));
    await writeFile(year, kept.join('\n'));
    const events = kept.filter((line) => line.includes('"kind":')).length;
    await writeFile(index, (await readFile(index, 'utf8')).replace(/"last":"2026-03-05","days":4,"events":\d+/, `"last":"2026-03-04","days":3,"events":${events}`));
    const out = await mkdtemp(join(tmpdir(), 'dataset-broken-'));
    const result = await run(['--data', broken, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^dataset: .*history goes through 2026-03-05 but the event log through 2026-03-04; run: npm run rebuild\n$/);
    expect(await readdir(out)).toEqual([]);
  });

  it('fails with exit 1 and one line on a missing or empty data dir', async () => {
    const missing = await run(['--data', join(dataDir, 'nope'), '--out', outDir]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^dataset: .*the data dir does not exist\n$/);
    const empty = await tempDataDir();
    const none = await run(['--data', empty, '--out', join(empty, '..', `${empty.split('/').at(-1)}-out`)]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^dataset: .*nothing to publish\n$/);
  });
});

describe('publish/dataset: CSV fields', () => {
  it('quotes only what RFC 4180 says must be quoted', () => {
    expect(csvField('owner/Model_v1.2')).toBe('owner/Model_v1.2');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});

describe('publish/dataset: where it is published', () => {
  it('names a release per month and the latest release’s files', () => {
    expect(releaseTag('2026-03-05')).toBe('dataset-2026-03');
    const urls = datasetUrls('someone/fork');
    expect(urls.parquet).toBe(`https://github.com/someone/fork/releases/latest/download/${DATASET_FILES.parquet}`);
    expect(urls.file).toBe('https://github.com/someone/fork/releases/download/dataset-{month}/{file}');
  });
});
