// The long form as Parquet (hyparquet-writer, pure JS), written row group by row group to a file: at no
// time does more than one batch of rows exist in memory. Pages are compressed with Zstandard from
// node:zlib (native, deterministic for a given level), which every current Parquet reader decodes.
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, zstdCompressSync } from 'node:zlib';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import type { RowBatch } from './rows.ts';

/** Bytes buffered before they go to the file. */
const FLUSH_BYTES = 4 << 20;

/** A hyparquet-writer Writer that empties its buffer into a file descriptor as it fills. */
class FileByteWriter extends ByteWriter {
  private readonly fd: number;

  constructor(fd: number) {
    super(FLUSH_BYTES * 2);
    this.fd = fd;
  }

  override ensure(size: number): void {
    if (this.index > FLUSH_BYTES) this.drain();
    super.ensure(size);
  }

  private drain(): void {
    let written = 0;
    const bytes = new Uint8Array(this.buffer, 0, this.index);
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    this.index = 0;
  }

  override finish(): void {
    this.drain();
  }
}

/** The long form's Parquet schema (docs/dataset.md). */
export const PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 7 },
  { name: 'date', type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' }, repetition_type: 'REQUIRED' },
  { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type: 'REQUIRED' },
  { name: 'listed', type: 'BOOLEAN', repetition_type: 'REQUIRED' },
  { name: 'served', type: 'BOOLEAN', repetition_type: 'REQUIRED' },
  { name: 'likes', type: 'INT64', repetition_type: 'OPTIONAL' },
  { name: 'downloads', type: 'INT64', repetition_type: 'OPTIONAL' },
  { name: 'gen_images', type: 'INT64', repetition_type: 'OPTIONAL' },
];

/** Zstandard level: 3 is zstd's default, a good size for its speed here. */
const ZSTD_LEVEL = 3;

function zstd(input: Uint8Array): Uint8Array {
  return zstdCompressSync(input, { params: { [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL } });
}

/**
 * An INT64 column's values: numbers when every one fits 32 bits, so the delta encoder takes its path without
 * BigInts (a BigInt per value and operation was most of the time, in garbage collection), else BigInts.
 */
function int64Values(values: readonly (number | null)[], n: number): (number | null)[] | (bigint | null)[] {
  let small = true;
  for (let i = 0; i < n && small; i++) {
    const value = values[i] as number | null;
    if (value !== null && value !== (value | 0)) small = false;
  }
  if (small) return values.length === n ? (values as (number | null)[]) : values.slice(0, n);
  const out = new Array<bigint | null>(n);
  for (let i = 0; i < n; i++) {
    const value = values[i] as number | null;
    out[i] = value === null ? null : BigInt(value);
  }
  return out;
}

/** Writes batches of long-form rows into one Parquet file: `write` each batch (one row group), then `finish`. */
export class LongFormParquet {
  private readonly fd: number;
  private readonly writer: ParquetWriter;
  rows = 0;

  constructor(path: string, metadata: Record<string, string>) {
    this.fd = openSync(path, 'w');
    this.writer = new ParquetWriter({
      writer: new FileByteWriter(this.fd),
      schema: PARQUET_SCHEMA,
      codec: 'ZSTD',
      compressors: { ZSTD: zstd },
      kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      createdBy: 'modelscope-inference-catalog (hyparquet-writer)',
    });
  }

  private lastId = '';
  private lastBytes = new Uint8Array();
  private readonly encoder = new TextEncoder();

  /** The ids as UTF-8, one shared array per run of equal ids (rows come model by model). */
  private idBytes(ids: readonly string[], n: number): Uint8Array[] {
    const out = new Array<Uint8Array>(n);
    for (let i = 0; i < n; i++) {
      const id = ids[i] as string;
      if (id !== this.lastId) {
        this.lastId = id;
        this.lastBytes = this.encoder.encode(id);
      }
      out[i] = this.lastBytes;
    }
    return out;
  }

  /** One row group of `batch.length` rows. */
  write(batch: RowBatch): void {
    const n = batch.length;
    const result = this.writer.write({
      rowGroupSize: n,
      columnData: [
        { name: 'date', data: batch.days.length === n ? batch.days : batch.days.subarray(0, n), encoding: 'DELTA_BINARY_PACKED', statistics: false },
        { name: 'id', data: this.idBytes(batch.ids, n) },
        { name: 'listed', data: batch.listed.slice(0, n), statistics: false },
        { name: 'served', data: batch.served.slice(0, n), statistics: false },
        { name: 'likes', data: int64Values(batch.likes, n), encoding: 'DELTA_BINARY_PACKED', statistics: false },
        { name: 'downloads', data: int64Values(batch.downloads, n), encoding: 'DELTA_BINARY_PACKED', statistics: false },
        { name: 'gen_images', data: int64Values(batch.genImages, n), encoding: 'DELTA_BINARY_PACKED', statistics: false },
      ],
    });
    if (result instanceof Promise) throw new Error('the Parquet writer went asynchronous');
    this.rows += n;
  }

  /** Footer and close. */
  finish(): void {
    try {
      const result = this.writer.finish();
      if (result instanceof Promise) throw new Error('the Parquet writer went asynchronous');
    } finally {
      closeSync(this.fd);
    }
  }

  /** Close without a footer (after a failure; the caller removes the file). */
  abort(): void {
    closeSync(this.fd);
  }
}
