// The site's two languages. English lives at the site root, Chinese under `zh/`; every interface string
// is defined once per area (`site/src/i18n/<area>.ts`) for both, and the types keep the two in step.

/** A language the interface is written in. */
export type Lang = 'en' | 'zh';

/** Every language, English first (the default, served at the root). */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** BCP 47 tag for `lang` and `hreflang`. */
export const LANG_TAG: Readonly<Record<Lang, string>> = { en: 'en', zh: 'zh-Hans' };

/** Path prefix under the site base: `''` for English, `'zh/'` for Chinese. */
export const LANG_PREFIX: Readonly<Record<Lang, string>> = { en: '', zh: 'zh/' };

/** The language of a document from its `lang` attribute (anything but Chinese is English). */
export function langOf(tag: string): Lang {
  return tag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Labels of one area in both languages; `zh` must have exactly the keys `en` has. */
export type Labels<T> = Readonly<Record<Lang, T>>;
