// How one catalog row reads: its page link, dates, numbers, badges and the pager's page list. Pure and
// DOM-free, so the Astro page (static rows) and the browser script (search results) render alike.
import { CATALOG_LABELS, NUMBER_LOCALE, fillLabel } from '../../i18n/catalog.ts';
import type { Lang } from '../../i18n/lang.ts';
import { modelView } from '../page-lang.ts';
import type { SearchRow } from '../search/search-shard.ts';
import { dateOfDay } from '../../../../store/days.ts';

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

/** What the catalog says under a search that found nothing as typed. */
export interface SearchHint {
  /** The results shown are for `fixed`, the typed `q` with its misspelt words put right. */
  spelling?: { q: string; fixed: string };
  /** Models that left the list were not searched: how many of them match (null = not known yet, their data not loaded). */
  left?: number | null;
}

/** The hint's sentences, in order, and whether it offers to include models that left. */
export function hintText(hint: SearchHint, lang: Lang): { sentences: string[]; includeLeft: boolean } {
  const labels = CATALOG_LABELS[lang];
  const sentences: string[] = [];
  if (hint.spelling !== undefined) sentences.push(fillLabel(labels.spelling, { q: hint.spelling.q, fixed: hint.spelling.fixed }));
  const left = hint.left;
  if (left === null) sentences.push(labels.leftNotSearched);
  else if (left === 1) sentences.push(labels.oneLeftMatch);
  else if (left !== undefined && left > 1) sentences.push(fillLabel(labels.leftMatch, { n: formatNumber(left, lang) }));
  return { sentences, includeLeft: left === null || (left !== undefined && left > 0) };
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
    const date = row.left === null ? '' : dateOfDay(row.left);
    list.push({ kind: 'gone', text: date === '' ? labels.leftBadge : fillLabel(labels.leftOn, { date }) });
  }
  return list;
}

/** The pager's entries for `page` of `pages`: page numbers, with 'gap' where a run is left out. */
export function pagerItems(page: number, pages: number, reach = 2): (number | 'gap')[] {
  // First, last, and `reach` either side of the current page; a gap of one page is shown as that page.
  const around = Array.from({ length: 2 * reach + 1 }, (_, i) => page - reach + i);
  const wanted = new Set([1, pages, ...around].filter((p) => p >= 1 && p <= pages));
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

/** One entry of the pager as drawn: a page number or a gap, and on which screens it shows. */
export interface PagerEntry {
  item: number | 'gap';
  /** Shown on wide screens (two pages either side of the current one). */
  wide: boolean;
  /** Shown on narrow screens (one page either side, so the pager fits a phone's width on one line). */
  narrow: boolean;
}

/** Pages either side of the current one on wide and on narrow screens. */
export const PAGER_REACH = { wide: 2, narrow: 1 } as const;

/**
 * The pager's entries for both widths at once, in order: the wide list and the narrow list merged, each
 * entry marked with the widths it belongs to (CSS hides the rest), so either width reads as its own list.
 */
export function pagerLayout(page: number, pages: number): PagerEntry[] {
  // Each entry keyed by where it sits: a page by its number, a gap half-way past the page before it.
  const keyed = (items: (number | 'gap')[]): Map<number, number | 'gap'> => {
    const map = new Map<number, number | 'gap'>();
    items.forEach((item, i) => {
      const before = items[i - 1];
      map.set(item === 'gap' ? (typeof before === 'number' ? before : 0) + 0.5 : item, item);
    });
    return map;
  };
  const wide = keyed(pagerItems(page, pages, PAGER_REACH.wide));
  const narrow = keyed(pagerItems(page, pages, PAGER_REACH.narrow));
  const keys = [...new Set([...wide.keys(), ...narrow.keys()])].sort((a, b) => a - b);
  return keys.map((key) => ({ item: wide.get(key) ?? narrow.get(key) ?? 'gap', wide: wide.has(key), narrow: narrow.has(key) }));
}
