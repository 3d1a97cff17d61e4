// The "call it" section of a model page, made in the browser from the model's record: one snippet of
// ~1 KB on each of 60,000 pages would be a sixth of the site. Text only (textContent), never markup.
// Each form (curl, Python, JavaScript) is a tab; the copy button copies the one shown. A model of no
// known kind gets no code, only where to read how it is called.
import { MODEL_LABELS } from '../i18n/model.ts';
import type { Lang } from '../i18n/lang.ts';
import { modelPage, TOKEN_PAGE, usageSnippet, type SnippetModel } from '../lib/model/snippets.ts';

/** Fill `section` (hidden and empty in the HTML) with the snippet for `model` and show it. */
export function showSnippet(section: HTMLElement, model: SnippetModel, lang: Lang): void {
  const doc = section.ownerDocument;
  const t = MODEL_LABELS[lang];
  const snippet = usageSnippet(model);
  const element = <K extends keyof HTMLElementTagNameMap>(name: K, text?: string): HTMLElementTagNameMap[K] => {
    const made = doc.createElement(name);
    if (text !== undefined) made.textContent = text;
    return made;
  };
  // Chinese sentences follow one another without a space.
  const gap = lang === 'zh' ? '' : ' ';
  if (snippet.kind === 'other') {
    const note = element('p', `${t.snippetNote.other}${gap}`);
    const link = element('a', t.howToCallOnModelScope);
    link.href = modelPage(model.id);
    note.append(link);
    section.replaceChildren(element('h2', t.callIt), note);
    section.hidden = false;
    return;
  }
  const note = element('p', [t.snippetNote[snippet.kind], t.tokenNote, t.authoritative, ''].join(gap));
  note.className = 'muted';
  const token = element('a', t.tokenLink);
  token.href = TOKEN_PAGE;
  note.append(token);
  const tabs = element('div');
  Object.assign(tabs, { className: 'snippet-tabs' });
  tabs.setAttribute('role', 'tablist');
  tabs.setAttribute('aria-label', t.callIt);
  const panels: HTMLPreElement[] = [];
  const buttons: HTMLButtonElement[] = [];
  const copy = element('button', t.copy);
  Object.assign(copy, { type: 'button', className: 'copy', hidden: true });
  Object.assign(copy.dataset, { copy: 'snippet', done: t.copied, failed: t.copyFailed });
  const select = (index: number, focus: boolean): void => {
    buttons.forEach((button, i) => {
      button.setAttribute('aria-selected', String(i === index));
      button.tabIndex = i === index ? 0 : -1;
      (panels[i] as HTMLPreElement).hidden = i !== index;
      // The copy button copies the element with id `snippet`: the code shown.
      const code = (panels[i] as HTMLPreElement).firstElementChild as HTMLElement;
      code.id = i === index ? 'snippet' : `snippet-${snippet.forms[i]?.language ?? i}`;
    });
    if (focus) buttons[index]?.focus();
  };
  snippet.forms.forEach((form, i) => {
    const button = element('button', t.snippetLanguage[form.language]);
    Object.assign(button, { type: 'button', id: `snippet-tab-${form.language}` });
    button.setAttribute('role', 'tab');
    button.dataset['language'] = form.language;
    button.addEventListener('click', () => select(i, false));
    button.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      select((i + step + snippet.forms.length) % snippet.forms.length, true);
    });
    const code = element('code', form.text);
    code.dataset['language'] = form.language;
    const pre = element('pre');
    pre.setAttribute('role', 'tabpanel');
    pre.setAttribute('aria-labelledby', button.id);
    pre.append(code);
    buttons.push(button);
    panels.push(pre);
  });
  tabs.append(...buttons);
  select(0, false);
  section.replaceChildren(element('h2', t.callIt), note, ...(buttons.length > 1 ? [tabs] : []), ...panels, copy);
  section.hidden = false;
}
