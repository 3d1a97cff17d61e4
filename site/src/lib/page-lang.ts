// The Chinese view of a model page. There is one page file per model (137,000 pages in two languages
// would double the build and the site), rendered in English; `?lang=zh` asks the shared script to swap
// its interface strings for their Chinese labels. Upstream text is never touched: it sits in `<bdi>`,
// `<code>` or an element with its own `lang`. Pure helpers here; the DOM walk is in scripts/page-lang.ts.
import type { Lang } from '../i18n/lang.ts';

/** The query that asks for a model page's Chinese view. */
export const ZH_VIEW_PARAM = 'lang';

/** A model page's path (below the base) in `lang`: the same file, with `?lang=zh` for Chinese. */
export function modelView(page: string, lang: Lang): string {
  return lang === 'zh' ? `${page}?${ZH_VIEW_PARAM}=zh` : page;
}

/** The language a model page's query asks for (anything but `lang=zh` is English). */
export function viewLang(search: string): Lang {
  return new URLSearchParams(search).get(ZH_VIEW_PARAM) === 'zh' ? 'zh' : 'en';
}

/** English text → its Chinese label; `null` marks a text with two different labels, never swapped. */
export type LabelSwaps = Map<string, string | null>;

/**
 * Every plain label of `en` paired with its `zh` twin, walking nested objects alike (functions, which
 * take figures, are swapped by key instead), added to `into`. A text both languages share is left out,
 * and one English text with two different Chinese labels is marked `null`: swapping it could only be wrong.
 */
export function labelSwaps(en: object, zh: object, into: LabelSwaps = new Map()): LabelSwaps {
  for (const [key, value] of Object.entries(en)) {
    const other: unknown = (zh as Record<string, unknown>)[key];
    if (typeof value === 'string' && typeof other === 'string') {
      if (value === other) continue;
      const known = into.get(value);
      into.set(value, known === undefined || known === other ? other : null);
    } else if (typeof value === 'object' && value !== null && typeof other === 'object' && other !== null) {
      labelSwaps(value, other, into);
    }
  }
  return into;
}

/** `text` with its label swapped, keeping the white space around it; `undefined` when it is no label. */
export function swapText(text: string, swaps: ReadonlyMap<string, string | null>): string | undefined {
  const trimmed = text.trim();
  const swapped = trimmed === '' ? undefined : swaps.get(trimmed);
  if (swapped === undefined || swapped === null) return undefined;
  const start = text.indexOf(trimmed);
  return `${text.slice(0, start)}${swapped}${text.slice(start + trimmed.length)}`;
}

/**
 * The text of a label that takes figures: `labels[key](...args)`, with `args` as the page wrote them
 * (a JSON array in `data-a`). `undefined` when the key is not such a label or the arguments do not parse.
 */
export function labelWithFigures(labels: object, key: string, args: string): string | undefined {
  const label: unknown = (labels as Record<string, unknown>)[key];
  if (typeof label !== 'function') return undefined;
  let values: unknown;
  try {
    values = JSON.parse(args);
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
  const text: unknown = (label as (...a: unknown[]) => unknown)(...values);
  return typeof text === 'string' ? text : undefined;
}
