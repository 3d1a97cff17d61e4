// The catalog search tests' rows (test/site-search-*.test.ts): a row factory with plain defaults, the
// state and index helpers, and a small catalogue with one of everything, hostile text included.
import { buildSearchShards, type SearchRow } from '../site/src/lib/search/search-index.ts';
import { decodeShards, runQuery } from '../site/src/lib/search/search.ts';
import { DEFAULT_STATE, type CatalogState } from '../site/src/lib/search/url-state.ts';

/** The newest day number the rows count back from. */
export const NEWEST = 20_600;

/** A row with plain defaults; `id` gives owner and name. */
export function row(id: string, fields: Partial<SearchRow> = {}): SearchRow {
  const slash = id.indexOf('/');
  return {
    id, owner: id.slice(0, slash), name: id.slice(slash + 1), chineseName: '', tasks: ['text-to-image-synthesis'],
    baseModel: 'black-forest-labs/FLUX.1-dev', aigcType: 'LoRA', family: 'FLUX_1', license: 'apache-2.0', tags: [],
    openaiApi: false, onList: true, entered: NEWEST - 30, left: null, likes: 1, downloads: 10, growth7: 0, href: null,
    ...fields,
  };
}

/** A row that left the list on `left`. */
export const gone = (id: string, left: number | null, fields: Partial<SearchRow> = {}): SearchRow => row(id, { onList: false, left, growth7: null, ...fields });

/** The state with `fields` changed. */
export const state = (fields: Partial<CatalogState> = {}): CatalogState => ({ ...DEFAULT_STATE, ...fields });

/** The index built from `rows` through real shard files. */
export const indexOf = (rows: readonly SearchRow[], topSize?: number) =>
  decodeShards(buildSearchShards(rows, topSize === undefined ? {} : { topSize }).map((s) => s.content));

/** Every matching id, in order (one page big enough for all). */
export const ids = (rows: readonly SearchRow[], fields: Partial<CatalogState> = {}): string[] =>
  runQuery(indexOf(rows), state(fields), 100_000).rows.map((r) => r.id);

/** Rows by id, as the engine breaks ties. */
export const byId = (a: SearchRow, b: SearchRow): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A row whose every text is markup or quoting. */
const HOSTILE = row('hostile/<img src=x onerror=alert(1)>', { chineseName: '"><svg onload=alert(1)>', tasks: ['<b>task</b>'], baseModel: 'x/"quoted"\\back' });

/** A small catalogue with one of everything. */
export const CATALOGUE: SearchRow[] = [
  row('Qwen/Qwen3-8B', { openaiApi: true, tasks: ['text-generation'], baseModel: '', aigcType: '', family: '', license: 'mit', downloads: 5, likes: 40, chineseName: '通义千问3-8B' }),
  row('MusePublic/ink-flux-lora', { downloads: 900, likes: 3, entered: NEWEST, growth7: 50 }),
  row('musepublic/Anime-Lora', { downloads: 800, likes: 9, entered: NEWEST - 6, growth7: null, chineseName: '水墨风格' }),
  row('KookYan/Kook_Qwen_ZSHX', { family: 'QWEN_IMAGE_20_B', baseModel: 'Qwen/Qwen-Image', downloads: 700, likes: 70, entered: NEWEST - 7, growth7: 700 }),
  row('someone/sdxl-ink-portrait', { family: 'SD_XL', aigcType: 'Checkpoint', license: '', tasks: ['text-to-image-synthesis', 'image-to-image'], downloads: 800, likes: 9 }),
  gone('farewell/departed-ink', NEWEST - 3, { downloads: 2000 }),
  gone('farewell/unknown-day', null),
  HOSTILE,
];
