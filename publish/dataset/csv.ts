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

const number = (value: number | null): string => (value === null ? '' : String(value));

/** Writes batches of long-form rows into one `.csv.gz` file. */
export class LongFormCsv {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly done: Promise<void>;
  rows = 0;
  private lastId = '';
  private lastField = '';

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

  /** Append a batch; resolves when the compressor can take more. */
  async write(batch: RowBatch): Promise<void> {
    const parts: string[] = [];
    for (let i = 0; i < batch.length; i++) {
      const id = batch.ids[i] as string;
      if (id !== this.lastId) {
        this.lastId = id;
        this.lastField = csvField(id);
      }
      parts.push(
        `${dateOfDay(batch.days[i] as number)},${this.lastField},${batch.listed[i] ? 'true' : 'false'},${batch.served[i] ? 'true' : 'false'},${number(batch.likes[i] as number | null)},${number(batch.downloads[i] as number | null)},${number(batch.genImages[i] as number | null)}\n`,
      );
    }
    this.rows += batch.length;
    if (!this.gzip.write(parts.join(''))) await Promise.race([once(this.gzip, 'drain'), this.done]);
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
