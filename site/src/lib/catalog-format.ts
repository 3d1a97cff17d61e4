// How one catalog row reads: its page link, dates, numbers, badges and the pager's page list. Pure and
// DOM-free, so the Astro page (static rows) and the browser script (search results) render alike.
import { CATALOG_LABELS, NUMBER_LOCALE, fillLabel } from '../i18n/catalog.ts';
import type { Lang } from '../i18n/lang.ts';
import { modelView } from './page-lang.ts';
import type { SearchRow } from './search-shard.ts';

import { dayToDate } from './stays.ts';

// Day numbers outside this range come only from a damaged shard; nothing real is near either end.
const MAX_DAY = 2_000_000;

/** `YYYY-MM-DD` of a day number (days since 1970-01-01 UTC); '' for a value that is not a day. */
export function dayDate(day: number): string {
  return !Number.isInteger(day) || Math.abs(day) > MAX_DAY ? '' : dayToDate(day);
}

const formats = new Map<Lang, Intl.NumberFormat>();

/** `n` written for `lang` (1,234 / 1,234). */
export function formatNumber(n: number, lang: Lang): string {
  let format = formats.get(lang);
  if (format === undefined) {
    format = new Intl.NumberFormat(NUMBER_LOCALE[lang]);
    formats.set(lang, format);
  }
  return format.format(n);
}

/** The count paragraph's text for `total` matches; `partial` while later shards are still loading. */
export function countText(total: number, lang: Lang, partial: boolean): string {
  const labels = CATALOG_LABELS[lang];
  const n = formatNumber(total, lang);
  if (partial) return fillLabel(labels.modelsSoFar, { n });
  if (total === 0) return labels.noMatch;
  return total === 1 ? labels.oneModel : fillLabel(labels.models, { n });
}

// An owner or name that is its own path segment: ASCII letters, digits, dot, underscore, hyphen, not starting with a dot.
export const PLAIN_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** `base` as a path that starts and ends with '/' ('' and '/' both give '/'). */
export function basePath(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * The model page of `row`: `<base>models/<owner>/<name>/`, or the row's own `href` when it has one (odd or
 * long names, case twins), with `?lang=zh` for the Chinese view (one page file serves both languages).
 * Always a path from the site root, never a URL with a scheme, whatever the row holds.
 */
export function modelPath(row: Pick<SearchRow, 'owner' | 'name' | 'href'>, lang: Lang, base: string): string {
  const root = basePath(base);
  if (row.href !== null) return `${root}${modelView(row.href.replace(/^\/+/, ''), lang)}`;
  // Without an href a non-plain name still gets a safe, encoded path (the build gives such rows an href).
  const segment = (text: string): string => (PLAIN_SEGMENT.test(text) ? text : encodeURIComponent(text));
  return `${root}${modelView(`models/${segment(row.owner)}/${segment(row.name)}/`, lang)}`;
}

/** A badge: which kind (for styling) and its text. */
export interface Badge {
  /** Its class: 'api' = served by the gateway, 'kind' = AIGC type and family, 'gone' = left the list. */
  kind: 'api' | 'kind' | 'gone';
  /** Text shown. */
  text: string;
}

/** The badges of a row, in display order. */
export function badges(row: Pick<SearchRow, 'openaiApi' | 'aigcType' | 'family' | 'onList' | 'left'>, lang: Lang): Badge[] {
  const labels = CATALOG_LABELS[lang];
  const list: Badge[] = [];
  if (row.openaiApi) list.push({ kind: 'api', text: labels.apiBadge });
  const kind = [row.aigcType, row.family].filter((part) => part !== '').join(' · ');
  if (kind !== '') list.push({ kind: 'kind', text: kind });
  if (!row.onList) {
    const date = row.left === null ? '' : dayDate(row.left);
    list.push({ kind: 'gone', text: date === '' ? labels.leftBadge : fillLabel(labels.leftOn, { date }) });
  }
  return list;
}

/** The pager's entries for `page` of `pages`: page numbers, with 'gap' where a run is left out. */
export function pagerItems(page: number, pages: number): (number | 'gap')[] {
  // First, last, and two either side of the current page; a gap of one page is shown as that page.
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: (number | 'gap')[] = [];
  for (const [i, p] of sorted.entries()) {
    const before = sorted[i - 1];
    if (before !== undefined && p - before === 2) items.push(before + 1);
    else if (before !== undefined && p - before > 2) items.push('gap');
    items.push(p);
  }
  return items;
}
