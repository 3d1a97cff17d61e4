// The dataset's long form: one row per model and observed night (a night with a snapshot) on which the
// model was on the catalog list or on the gateway's list, with that night's figures. Built from the
// history's tracks (store/types.ts Track), which hold the same facts as change points, so rows are
// produced model by model in batches and never all at once: a year at 60,000 models is ~22 million rows.
import { DataFileError } from '../../store/errors.ts';
import type { Track } from '../../store/types.ts';
import { intervalPairs } from '../../store/tracks.ts';

/** A batch of long-form rows, column by column. Arrays are reused: read a batch before asking for the next. */
export interface RowBatch {
  /** Rows in this batch (the arrays may be longer). */
  length: number;
  /** Day numbers (days since 1970-01-01) of the night. */
  days: Int32Array;
  /** Model id, `owner/name`, as each list spells it. */
  ids: string[];
  /** On the catalog list (the filtered listing) that night. */
  listed: boolean[];
  /** On the gateway's list (`GET /v1/models`) that night. */
  served: boolean[];
  /** Likes that night; `null` when not on the catalog list. */
  likes: (number | null)[];
  /** Downloads that night; `null` when not on the catalog list. */
  downloads: (number | null)[];
  /** genImageCount that night (the latest count seen, holding while listed); `null` when none yet or not listed. */
  genImages: (number | null)[];
}

function newBatch(size: number): RowBatch {
  return { length: 0, days: new Int32Array(size), ids: [], listed: [], served: [], likes: [], downloads: [], genImages: [] };
}

/** Cut a batch's arrays to its length (the last, partial batch). */
export function trimBatch(batch: RowBatch): RowBatch {
  const n = batch.length;
  return {
    length: n,
    days: batch.days.subarray(0, n),
    ids: batch.ids.slice(0, n),
    listed: batch.listed.slice(0, n),
    served: batch.served.slice(0, n),
    likes: batch.likes.slice(0, n),
    downloads: batch.downloads.slice(0, n),
    genImages: batch.genImages.slice(0, n),
  };
}

const LISTED = 1;
const SERVED = 2;

function markBounds(bounds: readonly number[], bit: number, nightIndex: ReadonlyMap<number, number>, flags: Uint8Array): void {
  for (const [first, last] of intervalPairs(bounds)) {
    const from = nightIndex.get(first);
    const to = nightIndex.get(last);
    if (from === undefined || to === undefined) {
      throw new DataFileError(`a stay begins or ends on a day without a snapshot (day ${from === undefined ? first : last}); run the rebuild`, 'history');
    }
    for (let k = from; k <= to; k++) flags[k] = (flags[k] as number) | bit;
  }
}

/** Set each night's bits in `flags` (one per night): 1 on the catalog list, 2 on the gateway's. */
function mark(track: Track, nightIndex: ReadonlyMap<number, number>, flags: Uint8Array): void {
  flags.fill(0);
  markBounds(track.presence, LISTED, nightIndex, flags);
  markBounds(track.gateway, SERVED, nightIndex, flags);
}

/** A cursor over change points `[day, value, …]`: the value holding on a day, asked for in ascending days. */
class SeriesCursor {
  private at = -2;
  private readonly series: readonly number[];

  constructor(series: readonly number[]) {
    this.series = series;
  }
  valueOn(day: number): number | null {
    const s = this.series;
    while (this.at + 2 < s.length && (s[this.at + 2] as number) <= day) this.at += 2;
    return this.at < 0 ? null : (s[this.at + 1] as number);
  }
}

/**
 * The long-form rows of every id in `ids` (in that order), over the observed nights `nights` (ascending
 * day numbers, one per snapshot), in batches of at most `batchSize` rows. Nights on neither list give no row.
 */
export function* longRows(ids: readonly string[], tracks: ReadonlyMap<string, Track>, nights: readonly number[], batchSize: number): Generator<RowBatch> {
  const nightIndex = new Map(nights.map((day, index) => [day, index]));
  const flags = new Uint8Array(nights.length);
  let batch = newBatch(batchSize);
  for (const id of ids) {
    const track = tracks.get(id);
    if (track === undefined) continue;
    mark(track, nightIndex, flags);
    const likes = new SeriesCursor(track.likes);
    const downloads = new SeriesCursor(track.downloads);
    const genImages = new SeriesCursor(track.genImages);
    for (let k = 0; k < flags.length; k++) {
      const bits = flags[k] as number;
      if (bits === 0) continue;
      const day = nights[k] as number;
      const listed = (bits & LISTED) !== 0;
      const i = batch.length++;
      batch.days[i] = day;
      batch.ids[i] = id;
      batch.listed[i] = listed;
      batch.served[i] = (bits & SERVED) !== 0;
      // Cursors move on every listed night, so a value is the one holding that night.
      batch.likes[i] = listed ? likes.valueOn(day) : null;
      batch.downloads[i] = listed ? downloads.valueOn(day) : null;
      batch.genImages[i] = listed ? genImages.valueOn(day) : null;
      if (batch.length === batchSize) {
        yield batch;
        batch.length = 0;
      }
    }
  }
  if (batch.length > 0) yield trimBatch(batch);
}
