// The 404 page at a model's address: a model that left the list long ago has no page file any more
// (lib/departed.ts), so this draws its tombstone from its archive bucket. Anything else, or a
// model the archive does not know, keeps the page's "not found" text. Upstream text only ever becomes
// text nodes.
// Upstream names in a title or heading: hidden and reordering characters shown, never obeyed.
import { visibleText } from '../../../core/text.ts';
import { COMMON_LABELS } from '../i18n/common.ts';
import type { Lang } from '../i18n/lang.ts';
import { LANG_TAG } from '../i18n/lang.ts';
import { MODEL_LABELS } from '../i18n/model.ts';
import { formatNumber } from '../lib/catalog/catalog-format.ts';
import { modelPage } from '../lib/model/snippets.ts';
import { departedBucket, departedFilePath, departedPageOf, findDeparted, type DepartedModel } from '../lib/model/departed.ts';
import { checkedDayNumber } from '../../../store/days.ts';

/** An element with children (strings become text nodes, never markup). */
function el(doc: Document, tag: string, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The tombstone of `model`, in the same markup as a tombstone page (components/TombstonePage.astro). */
function tombstoneNodes(doc: Document, model: DepartedModel, lang: Lang, json: string): Node[] {
  const t = MODEL_LABELS[lang];
  const slash = model.id.indexOf('/');
  const stayDays = ([from, to]: [string, string]): number => checkedDayNumber(to) - checkedDayNumber(from) + 1;
  const last = model.stays.at(-1) as [string, string];
  const bdi = (text: string): HTMLElement => el(doc, 'bdi', {}, text);
  const fact = (label: string, value: number): HTMLElement => el(doc, 'div', {}, el(doc, 'dt', {}, label), el(doc, 'dd', {}, formatNumber(value, lang)));
  return [
    el(doc, 'h1', {}, bdi(visibleText(model.id.slice(slash + 1)))),
    el(doc, 'p', { class: 'lead' }, bdi(visibleText(model.id.slice(0, slash)))),
    el(doc, 'p', { class: 'tomb' }, el(doc, 'strong', {}, t.leftAfter(model.left, stayDays(last)))),
    el(doc, 'dl', { class: 'facts' }, fact(t.likes, model.likes), fact(t.downloads, model.downloads)),
    el(doc, 'p', {}, el(doc, 'a', { href: modelPage(model.id) }, t.viewOnModelScope), ' · ', el(doc, 'a', { href: json, type: 'application/json' }, t.json)),
    el(
      doc, 'ol', { class: 'timeline' },
      ...model.stays.map((stay, i) => el(doc, 'li', {}, el(doc, 'span', {}, i === 0 ? t.entered : t.returned), ` ${stay[0]} – ${stay[1]} `, el(doc, 'span', { class: 'muted' }, `(${t.stayOf(stayDays(stay))})`))),
      el(doc, 'li', {}, el(doc, 'span', {}, t.left), ` ${model.left}`),
    ),
  ];
}

/**
 * When this 404 was served at the address of a model in the archive, show its tombstone in place of the
 * "not found" text. `base` is the site's base path (`/repo/`).
 */
export async function showDepartedTombstone(doc: Document, lang: Lang, base: string): Promise<void> {
  const holder = doc.querySelector<HTMLElement>('[data-departed]');
  const buckets = Number(holder?.dataset['departed']);
  const root = base.endsWith('/') ? base : `${base}/`;
  const page = departedPageOf(doc.location.pathname, root);
  if (holder === null || !Number.isSafeInteger(buckets) || buckets < 1 || page === undefined) return;
  const file = `${root}${departedFilePath(departedBucket(page, buckets))}`;
  const response = await fetch(file);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  const model = findDeparted(await response.json(), page);
  if (model === undefined) return;
  holder.replaceChildren(...tombstoneNodes(doc, model, lang, file));
  doc.title = `${visibleText(model.id)} · ${COMMON_LABELS[lang].siteName}`;
  doc.documentElement.lang = LANG_TAG[lang];
}
