// The "call it" section of a model page, made in the browser from the model's record: one snippet of
// ~1 KB on each of 60,000 pages would be a sixth of the site. Text only (textContent), never markup.
import { MODEL_LABELS } from '../i18n/model.ts';
import type { Lang } from '../i18n/lang.ts';
import { TOKEN_PAGE, usageSnippet, type SnippetModel } from '../lib/snippets.ts';

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
  const note = element('p', [t.snippetNote[snippet.kind], t.tokenNote, t.authoritative, ''].join(gap));
  note.className = 'muted';
  const token = element('a', t.tokenLink);
  token.href = TOKEN_PAGE;
  note.append(token);
  const code = element('code', snippet.text);
  code.id = 'snippet';
  const pre = element('pre');
  pre.append(code);
  const button = element('button', t.copy);
  Object.assign(button, { type: 'button', className: 'copy', hidden: true });
  Object.assign(button.dataset, { copy: 'snippet', done: t.copied, failed: t.copyFailed });
  section.replaceChildren(element('h2', t.callIt), note, pre, button);
  section.hidden = false;
}
