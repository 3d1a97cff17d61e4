// The catalog form and the state, both ways: what the controls say as a CatalogState, and the controls
// set to show a state (after a page load or back/forward). The URL parser reads the form, so the form
// and the address can never disagree about what a value means.
import { parseState, type CatalogState } from '../lib/search/url-state.ts';

/** The state the form shows (page back to 1: any change of search, filter or sort starts over). */
export function formState(form: HTMLFormElement): CatalogState {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (typeof value === 'string') params.append(key, value);
  return { ...parseState(params.toString()), page: 1 };
}

/** What the control named `name` shows for `state` (a checkbox is ticked when it equals its value); undefined = not ours. */
function controlValue(state: CatalogState, name: string): string | undefined {
  switch (name) {
    case 'q': case 'task': case 'aigc': case 'family': case 'license': case 'owner': case 'sort':
      return state[name];
    case 'api': return state.api ? '1' : '';
    case 'new': return state.recent ? '7' : '';
    case 'left': return state.left ? '1' : '';
    default: return undefined;
  }
}

/** Sets every control to what `state` says; a select gets an option for a value it lacks, so the filter shows. */
export function fillForm(form: HTMLFormElement, state: CatalogState): void {
  for (const control of form.elements) {
    if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) continue;
    const value = controlValue(state, control.name);
    if (value === undefined) continue;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      control.checked = value === control.value;
      continue;
    }
    if (control instanceof HTMLSelectElement && value !== '' && ![...control.options].some((o) => o.value === value)) {
      control.add(new Option(value, value));
    }
    control.value = value;
  }
}
