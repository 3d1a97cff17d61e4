// Site-relative links of every page, in both languages. Absolute URLs are `siteUrl` + one of these.
import type { Lang } from '../i18n/lang.ts';
import { LANG_PREFIX } from '../i18n/lang.ts';

/** A page's path below the language prefix: `''` (catalog), `changes/`, `models/<o>/<n>/`… */
export type PagePath = string;

/** The site-relative path of a page in one language (`zh/changes/`). */
export function localPath(lang: Lang, page: PagePath): string {
  return `${LANG_PREFIX[lang]}${page}`;
}

/** The other language, for the switch. */
export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'zh' : 'en';
}
