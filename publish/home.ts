// A small placeholder home page linking the feeds and the API, until the real site replaces it.
import { channel, type ChannelInfo } from './feed.ts';
import { escapeHtml } from './escape.ts';
import { formatCount } from '../core/text.ts';
import type { ChangeItem } from './items.ts';
import { SITE_FILES } from './urls.ts';

/** What the home page shows. */
export interface HomeInput {
  info: ChannelInfo;
  /** Newest snapshot's date and size; `undefined` before the first crawl. */
  latest: { date: string; models: number } | undefined;
  /** The newest feed item, shown in full; `undefined` while nothing has changed yet. */
  newest: ChangeItem | undefined;
}

/** The page. Item HTML is already escaped by `changeItems`; everything else is escaped here. */
export function buildHomeHtml(input: HomeInput): string {
  const c = channel(input.info);
  const e = escapeHtml;
  const status =
    input.latest === undefined
      ? 'No snapshot has been taken yet.'
      : `Newest snapshot: ${input.latest.date}, ${formatCount(input.latest.models)} ${input.latest.models === 1 ? 'model' : 'models'} on the list.`;
  const links: [href: string, label: string][] = [
    [SITE_FILES.feed, 'JSON Feed'],
    [SITE_FILES.rss, 'RSS'],
    [SITE_FILES.apiIndex, 'JSON API index'],
    [SITE_FILES.latest, 'Current list (JSON)'],
    [SITE_FILES.changes, 'All changes (JSON)'],
    [SITE_FILES.snapshotIndex, 'Dated snapshots (JSON)'],
  ];
  const latestChanges =
    input.newest === undefined
      ? ['<p>No changes observed yet.</p>']
      : [`<h2 id="${e(input.newest.date)}">${e(`Latest changes: ${input.newest.title}`)}</h2>`, input.newest.html];
  return [
    '<!doctype html>',
    `<html lang="${e(c.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Defence in depth: even if something slipped through escaping, nothing on this page may run.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${e(c.title)}</title>`,
    `<link rel="alternate" type="application/feed+json" title="${e(c.title)}" href="${e(`${c.siteUrl}${SITE_FILES.feed}`)}">`,
    `<link rel="alternate" type="application/rss+xml" title="${e(c.title)}" href="${e(`${c.siteUrl}${SITE_FILES.rss}`)}">`,
    '</head>',
    '<body>',
    `<h1>${e(c.title)}</h1>`,
    `<p>${e(c.description)}</p>`,
    `<p>${e(status)}</p>`,
    '<ul>',
    ...links.map(([href, label]) => `<li><a href="${e(href)}">${e(label)}</a></li>`),
    '</ul>',
    ...latestChanges,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
