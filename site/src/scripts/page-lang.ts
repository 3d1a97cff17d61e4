// The Chinese view of a model page (`?lang=zh`, see lib/page-lang.ts): swap every interface string of
// the English page for its Chinese label, point the navigation at the Chinese pages and the language
// switch back at the English view. Upstream text (`<bdi>`, `<code>`, `<pre>`, anything with its own
// `lang`) is skipped, so a model named like a label keeps its name.
import { COMMON_LABELS } from '../i18n/common.ts';
import { LANG_TAG } from '../i18n/lang.ts';
import { MODEL_LABELS } from '../i18n/model.ts';
import { codeLabels } from '../i18n/codes.ts';
import { labelSwaps, labelWithFigures, swapText } from '../lib/page-lang.ts';

const SKIP = new Set(['BDI', 'CODE', 'PRE', 'SCRIPT', 'STYLE']);
const ATTRIBUTES = ['aria-label', 'data-done', 'data-failed'];

/** Swap the labels of `doc` (an English model page) for Chinese ones. */
export function showChineseView(doc: Document): void {
  const swaps = labelSwaps(MODEL_LABELS.en, MODEL_LABELS.zh, labelSwaps(COMMON_LABELS.en, COMMON_LABELS.zh, labelSwaps(codeLabels('en'), codeLabels('zh'))));
  doc.documentElement.lang = LANG_TAG.zh;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node instanceof Element && (SKIP.has(node.tagName) || node.hasAttribute('lang')) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node instanceof Element) {
      for (const name of ATTRIBUTES) {
        const swapped = swapText(node.getAttribute(name) ?? '', swaps);
        if (swapped !== undefined) node.setAttribute(name, swapped);
      }
      const key = node.getAttribute('data-t');
      const text = key === null ? undefined : labelWithFigures(MODEL_LABELS.zh, key, node.getAttribute('data-a') ?? '[]');
      if (text !== undefined) node.textContent = text;
    } else {
      const swapped = swapText(node.nodeValue ?? '', swaps);
      if (swapped !== undefined) node.nodeValue = swapped;
    }
  }
  doc.title = doc.title.replace(COMMON_LABELS.en.siteName, COMMON_LABELS.zh.siteName);
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  const zhView = doc.querySelector<HTMLLinkElement>(`link[rel="alternate"][hreflang="${LANG_TAG.zh}"]`);
  if (canonical !== null && zhView !== null) canonical.href = zhView.href;
  // The site's other pages have real Chinese twins under zh/ (a[data-site-link]: a link in the page to one of them).
  const home = doc.querySelector<HTMLAnchorElement>('a.brand');
  const base = home === null ? null : new URL(home.href).pathname;
  if (base !== null) {
    for (const link of doc.querySelectorAll<HTMLAnchorElement>('a.brand, header nav a:not(.lang), a[data-site-link]')) {
      const url = new URL(link.href);
      if (url.origin === doc.location.origin && url.pathname.startsWith(base)) link.href = `${base}zh/${url.pathname.slice(base.length)}${url.search}${url.hash}`;
    }
  }
  // Links to other model pages (a tombstone's "use instead") open their Chinese view too.
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a[data-model-link]')) {
    const url = new URL(link.href);
    url.searchParams.set('lang', 'zh');
    link.href = url.href;
  }
  const other = doc.querySelector<HTMLAnchorElement>('header a.lang');
  if (other !== null) {
    other.href = doc.location.pathname;
    other.textContent = COMMON_LABELS.zh.switchTo;
    other.lang = LANG_TAG.en;
    other.hreflang = LANG_TAG.en;
    other.setAttribute('aria-label', COMMON_LABELS.zh.switchLabel);
  }
}
