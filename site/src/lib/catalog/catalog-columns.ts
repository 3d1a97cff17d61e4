// The results table's columns, declared once. The static page's header (CatalogPage.astro) and rows
// (ResultRow.astro), the script's rows (scripts/catalog-draw.ts) and its sortable headers
// (scripts/catalog.ts) are all made from this list, so a column added, moved or renamed here is so
// everywhere — before and after the script runs. Pure and DOM-free.
import { CATALOG_LABELS, type CatalogLabels } from '../../i18n/catalog.ts';
import type { Lang } from '../../i18n/lang.ts';
import { formatNumber } from './catalog-format.ts';
import type { SearchRow } from '../search/search-shard.ts';
import type { SortKey } from '../search/url-state.ts';
import { dateOfDay } from '../../../../store/days.ts';

/** What a column shows: the model cell (link, Chinese name, badges), the owner, then plain text figures. */
export type ColumnKey = 'model' | 'owner' | 'task' | 'downloads' | 'likes' | 'entered' | 'growth';

/** One column of the results table. */
export interface CatalogColumn {
  /** What the column shows. */
  key: ColumnKey;
  /** The class of its header and cells ('' for none): CSS aligns numbers and hides columns on phones by it. */
  className: string;
  /** Its header's text (and its cells' `data-label`): a key of the catalog labels. */
  label: keyof CatalogLabels;
  /** The order its header selects, when it is sortable. */
  sort?: SortKey;
}

/** The columns, left to right. */
export const CATALOG_COLUMNS: readonly CatalogColumn[] = [
  { key: 'model', className: '', label: 'colModel' },
  { key: 'owner', className: 'owner', label: 'colOwner' },
  { key: 'task', className: 'task', label: 'colTask' },
  { key: 'downloads', className: 'num', label: 'downloads', sort: 'downloads' },
  { key: 'likes', className: 'num', label: 'likes', sort: 'likes' },
  { key: 'entered', className: 'entered', label: 'entered', sort: 'entered' },
  { key: 'growth', className: 'num', label: 'growth', sort: 'growth' },
];

/** The plain text columns after the model and the owner (whose cells hold markup: a link, `<bdi>`). */
export const TEXT_COLUMNS: readonly CatalogColumn[] = CATALOG_COLUMNS.filter((column) => column.key !== 'model' && column.key !== 'owner');

/** The sorts that are a column of the results table, in column order (the others are chosen in the form only). */
export const COLUMN_SORTS: readonly SortKey[] = CATALOG_COLUMNS.flatMap((column) => (column.sort === undefined ? [] : [column.sort]));

/** A column's header text in `lang`. */
export function columnLabel(column: CatalogColumn, lang: Lang): string {
  return CATALOG_LABELS[lang][column.label] as string;
}

/** The name of each result cell after the model, as its column header says it (the cells' `data-label`). */
export type CellLabels = Record<Exclude<ColumnKey, 'model'>, string>;

/** The result cells' names in `lang`, from the same labels as the column headers. */
export function cellLabels(lang: Lang): CellLabels {
  const entries = CATALOG_COLUMNS.filter((column) => column.key !== 'model').map((column) => [column.key, columnLabel(column, lang)]);
  return Object.fromEntries(entries) as CellLabels;
}

/** The text of `row`'s cell in a column after the model: owner, task, a figure ('—' when unknown) or the entry date. */
export function cellText(column: CatalogColumn, row: SearchRow, lang: Lang): string {
  const n = (value: number | null): string => (value === null ? '—' : formatNumber(value, lang));
  switch (column.key) {
    case 'owner': return row.owner;
    case 'task': return row.tasks[0] ?? '';
    case 'downloads': return n(row.downloads);
    case 'likes': return n(row.likes);
    case 'entered': return dateOfDay(row.entered);
    case 'growth': return n(row.growth7);
    default: return '';
  }
}
