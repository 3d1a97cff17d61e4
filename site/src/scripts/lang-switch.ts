// The language switch keeps the current view: the catalog's query, filters and page live in the URL's
// query and the changes page's day in its fragment, so both are carried over to the other language.
export function keepViewOnSwitch(doc: Document): void {
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a[data-keep-view]')) {
    link.addEventListener('click', () => {
      const target = new URL(link.href);
      target.search = doc.location.search;
      target.hash = doc.location.hash;
      link.href = target.href;
    });
  }
}
