// The long form as gzip-compressed CSV (RFC 4180, UTF-8, `\n` line ends, a header line), streamed
// batch by batch through node:zlib into the file. Gzip's header carries no time or name here (node
// writes mtime 0), so the same rows give the same bytes.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip, constants, type Gzip } from 'node:zlib';
import { dateOfDay } from '../../store/dates.ts';
import type { RowBatch } from './rows.ts';

/** The header line's columns, in order (the Parquet file's, too). */
export const CSV_COLUMNS = ['date', 'id', 'listed', 'served', 'likes', 'downloads', 'gen_images'] as const;

/**
 * gzip level. Measured on a year at 60,000 models (1.36 GB of CSV): level 6, gzip's default, 103 MiB in
 * 54 s; level 4, 109 MiB in 19 s; level 1, 131 MiB in 15 s.
 */
export const GZIP_LEVEL = 4;

/** A field as RFC 4180 writes it: quoted only when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

/**
 * A batch's CSV text as bytes, written straight into a buffer: 20 million rows made as strings were
 * a quarter of the dataset's time, most of it in garbage collection.
 */
class AsciiWriter {
  buffer: Buffer;
  at = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }

  bytes(bytes: Uint8Array): void {
    this.ensure(bytes.length + 1);
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.at++] = value;
  }

  /** A whole number ≥ 0 in decimal; nothing for `null`. */
  count(value: number | null): void {
    if (value === null) return;
    this.ensure(16);
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let rest = value;
    for (let i = this.at + digits - 1; i >= this.at; i--) {
      this.buffer[i] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.at += digits;
  }
}

/** Writes batches of long-form rows into one `.csv.gz` file. */
export class LongFormCsv {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly done: Promise<void>;
  rows = 0;
  private lastId = '';

  constructor(path: string) {
    this.gzip = createGzip({ level: GZIP_LEVEL, memLevel: 9, strategy: constants.Z_DEFAULT_STRATEGY });
    this.file = createWriteStream(path);
    this.done = new Promise((resolve, reject) => {
      this.gzip.on('error', reject);
      this.file.on('error', reject);
      this.file.on('finish', () => resolve());
    });
    this.done.catch(() => undefined);
    this.gzip.pipe(this.file);
    this.gzip.write(`${CSV_COLUMNS.join(',')}\n`);
  }

  private lastIdBytes: Uint8Array = new Uint8Array();
  private readonly dates = new Map<number, Uint8Array>();

  /** Append a batch; resolves when the compressor can take more. */
  async write(batch: RowBatch): Promise<void> {
    const out = new AsciiWriter(batch.length * 64);
    for (let i = 0; i < batch.length; i++) {
      const id = batch.ids[i] as string;
      if (id !== this.lastId) {
        this.lastId = id;
        this.lastIdBytes = Buffer.from(csvField(id));
      }
      const day = batch.days[i] as number;
      let date = this.dates.get(day);
      if (date === undefined) this.dates.set(day, (date = Buffer.from(dateOfDay(day))));
      out.bytes(date);
      out.byte(COMMA);
      out.bytes(this.lastIdBytes);
      out.byte(COMMA);
      out.bytes(batch.listed[i] ? TRUE : FALSE);
      out.byte(COMMA);
      out.bytes(batch.served[i] ? TRUE : FALSE);
      out.byte(COMMA);
      out.count(batch.likes[i] as number | null);
      out.byte(COMMA);
      out.count(batch.downloads[i] as number | null);
      out.byte(COMMA);
      out.count(batch.genImages[i] as number | null);
      out.byte(NEWLINE);
    }
    this.rows += batch.length;
    if (!this.gzip.write(out.buffer.subarray(0, out.at))) await Promise.race([once(this.gzip, 'drain'), this.done]);
  }

  /** Flush and close; resolves once every byte is in the file. */
  async finish(): Promise<void> {
    this.gzip.end();
    await this.done;
  }

  /** Stop without finishing (after a failure; the caller removes the file). */
  async abort(): Promise<void> {
    this.gzip.destroy();
    this.file.destroy();
    await once(this.file, 'close').catch(() => undefined);
  }
}
