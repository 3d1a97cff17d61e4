// Filters the changes timeline by kind of change and kind of model, in the page (no fetch). The form
// is hidden until this runs, so without script nothing pretends to filter.
export function enhanceChangesFilter(doc: Document): void {
  const form = doc.querySelector<HTMLFormElement>('#changes-filter');
  if (form === null) return;
  form.hidden = false;
  const kind = form.elements.namedItem('kind') as HTMLSelectElement;
  const cat = form.elements.namedItem('cat') as HTMLSelectElement;
  const apply = (): void => {
    for (const group of doc.querySelectorAll<HTMLElement>('[data-kind]')) {
      let shown = 0;
      for (const item of group.querySelectorAll<HTMLElement>('li[data-cat]')) {
        item.hidden = cat.value !== '' && item.dataset['cat'] !== cat.value;
        if (!item.hidden) shown++;
      }
      group.hidden = (kind.value !== '' && group.dataset['kind'] !== kind.value) || (cat.value !== '' && shown === 0);
    }
  };
  form.addEventListener('change', apply);
  apply();
}
