// RSS 2.0 (https://www.rssboard.org/rss-specification) with the same items as the JSON Feed.
// Every text node goes through escapeXml, which also drops characters XML 1.0 forbids; the item HTML
// is escaped as text rather than wrapped in CDATA, so a `]]>` in upstream text cannot end it early.
import { escapeXml } from './escape.ts';
import { channel, type ChannelInfo } from './feed.ts';
import type { ChangeItem } from './items.ts';
import { SITE_FILES } from './urls.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `2026-03-05` → `Thu, 05 Mar 2026 00:00:00 +0800`: the day's start in Shanghai, RFC 822 as RSS wants. */
export function rfc822ShanghaiMidnight(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`not a date: ${date}`);
  const utc = new Date(Date.UTC(year, month - 1, day));
  const weekday = WEEKDAYS[utc.getUTCDay()];
  const monthName = MONTHS[month - 1];
  return `${weekday}, ${String(day).padStart(2, '0')} ${monthName} ${year} 00:00:00 +0800`;
}

function element(name: string, text: string, attributes = ''): string {
  return `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}

/** The RSS document for `items`; `lastBuildDate` is the newest item's date so rebuilds are byte-identical. */
export function buildRss(items: readonly ChangeItem[], info: ChannelInfo): string {
  const c = channel(info);
  const newest = items[0];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    ${element('title', c.title)}`,
    `    ${element('link', c.siteUrl)}`,
    `    ${element('description', c.description)}`,
    `    ${element('language', c.language)}`,
    `    <atom:link href="${escapeXml(`${c.siteUrl}${c.rssPath}`)}" rel="self" type="application/rss+xml"/>`,
    `    ${element('docs', 'https://www.rssboard.org/rss-specification')}`,
  ];
  if (newest !== undefined) lines.push(`    ${element('lastBuildDate', rfc822ShanghaiMidnight(newest.date))}`);
  for (const item of items) {
    lines.push(
      '    <item>',
      `      ${element('title', item.title)}`,
      `      ${element('link', item.url)}`,
      `      ${element('guid', item.id, ' isPermaLink="false"')}`,
      `      ${element('pubDate', rfc822ShanghaiMidnight(item.date))}`,
      `      ${element('description', item.html)}`,
      '    </item>',
    );
  }
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}
