// Filters the changes timeline by kind of change and kind of model, in the page (no fetch). The form
// is hidden until this runs, so without script nothing pretends to filter. The choice lives in the URL
// (?kind=…&cat=…), so a reload or a shared link keeps it; counts follow it, and nights left with
// nothing to show are hidden.
import { COMMON_LABELS } from '../i18n/common.ts';
import { filterFromSearch, matchingCount, searchWithFilter, type ChangesFilter } from '../lib/views/changes-filter.ts';
import type { ModelCategory } from '../lib/model/model-kind.ts';

const optionValues = (select: HTMLSelectElement): string[] => [...select.options].map((option) => option.value).filter((value) => value !== '');

/** Parse a kind group's per-category counts (`data-counts`); a bad attribute counts as none. */
function countsOf(group: HTMLElement): Partial<Record<ModelCategory, number>> {
  try {
    const parsed: unknown = JSON.parse(group.dataset['counts'] ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<Record<ModelCategory, number>>) : {};
  } catch {
    return {};
  }
}

export function enhanceChangesFilter(doc: Document, win: Pick<Window, 'location' | 'history'> = window): void {
  const form = doc.querySelector<HTMLFormElement>('#changes-filter');
  if (form === null) return;
  form.hidden = false;
  const kind = form.elements.namedItem('kind') as HTMLSelectElement;
  const cat = form.elements.namedItem('cat') as HTMLSelectElement;
  const lang = doc.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
  const t = COMMON_LABELS[lang];
  const format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US');
  const initial = filterFromSearch(win.location.search, optionValues(kind), optionValues(cat));
  kind.value = initial.kind;
  cat.value = initial.cat;
  const apply = (): void => {
    const filter: ChangesFilter = { kind: kind.value as ChangesFilter['kind'], cat: cat.value as ChangesFilter['cat'] };
    const active = filter.kind !== '' || filter.cat !== '';
    for (const day of doc.querySelectorAll<HTMLElement>('[data-day]')) {
      let groupsShown = 0;
      for (const group of day.querySelectorAll<HTMLElement>('[data-kind]')) {
        let listed = 0;
        for (const item of group.querySelectorAll<HTMLElement>('li[data-cat]')) {
          item.hidden = filter.cat !== '' && item.dataset['cat'] !== filter.cat;
          if (!item.hidden) listed++;
        }
        const count = matchingCount(Number(group.dataset['total'] ?? 0), countsOf(group), filter.cat);
        group.hidden = (filter.kind !== '' && group.dataset['kind'] !== filter.kind) || count === 0;
        if (!group.hidden) groupsShown++;
        const shownCount = group.querySelector<HTMLElement>('[data-count]');
        if (shownCount !== null) shownCount.textContent = format.format(count);
        const more = group.querySelector<HTMLElement>('[data-more]');
        if (more !== null) {
          more.hidden = count <= listed;
          const link = more.querySelector('a');
          if (link !== null) link.textContent = t.moreEvents(format.format(Math.max(0, count - listed)));
        }
      }
      day.hidden = active && groupsShown === 0;
    }
    const search = searchWithFilter(win.location.search, filter);
    if (search !== win.location.search) win.history.replaceState(null, '', `${win.location.pathname}${search}${win.location.hash}`);
  };
  form.addEventListener('change', apply);
  apply();
}
