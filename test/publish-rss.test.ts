import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildJsonFeed, OPENAI_CHANNEL } from '../publish/feed.ts';
import { changeItems } from '../publish/items.ts';
import { buildRss, rfc822ShanghaiMidnight } from '../publish/rss.ts';
import { model, snapshot, track } from './factories.ts';
import { parseRss } from './fixtures/publish/parse-rss.ts';

const siteUrl = 'https://user.github.io/repo/';

function sample() {
  const { log } = track([
    snapshot('2026-03-01', [model('a/one'), model('b/two')]),
    snapshot('2026-03-02', [model('a/one'), model('c/three')]),
    snapshot('2026-03-03', [model('a/one'), model('c/three')]),
    snapshot('2026-03-05', [model('a/one'), model('b/two')]),
  ]);
  const items = changeItems(log, { siteUrl });
  return { items, feed: buildJsonFeed(items, { siteUrl }), xml: buildRss(items, { siteUrl }) };
}

describe('publish/rss', () => {
  it('is well-formed RSS 2.0 with a self link', () => {
    const { xml } = sample();
    expect(XMLValidator.validate(xml)).toBe(true);
    const rss = parseRss(xml);
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.link).toBe(siteUrl);
    expect(rss.channel['atom:link']['@_href']).toBe(`${siteUrl}rss.xml`);
    expect(rss.channel['atom:link']['@_rel']).toBe('self');
  });

  it('the OpenAI-compatible pair links to itself', () => {
    const xml = buildRss(sample().items, { siteUrl, ...OPENAI_CHANNEL });
    expect(XMLValidator.validate(xml)).toBe(true);
    const rss = parseRss(xml);
    expect(rss.channel['atom:link']['@_href']).toBe(`${siteUrl}openai/rss.xml`);
    expect(rss.channel.title).toBe(OPENAI_CHANNEL.title);
  });

  it('carries the same items as the JSON Feed: ids as non-permalink guids, same dates, same HTML', () => {
    const { feed, xml } = sample();
    const items = parseRss(xml).channel.item ?? [];
    expect(items.length).toBe(feed.items.length);
    expect(items.length).toBe(2);
    items.forEach((item, i) => {
      const twin = feed.items[i];
      expect(item.guid['#text']).toBe(twin?.id);
      expect(item.guid['@_isPermaLink']).toBe('false');
      expect(item.title).toBe(twin?.title);
      expect(item.link).toBe(twin?.url);
      expect(Date.parse(item.pubDate)).toBe(Date.parse(twin?.date_published ?? ''));
      expect(item.description).toBe(twin?.content_html);
    });
  });

  it('writes pubDate in RFC 822 with the Shanghai offset and the right weekday', () => {
    expect(rfc822ShanghaiMidnight('2026-03-05')).toBe('Thu, 05 Mar 2026 00:00:00 +0800');
    expect(rfc822ShanghaiMidnight('2024-02-29')).toBe('Thu, 29 Feb 2024 00:00:00 +0800');
    expect(new Date(rfc822ShanghaiMidnight('2026-01-01')).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('an empty feed is still valid RSS with no items', () => {
    const xml = buildRss([], { siteUrl });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parseRss(xml).channel.item).toBeUndefined();
    expect(xml).not.toContain('lastBuildDate');
  });

  it('is byte-identical when rebuilt', () => {
    expect(sample().xml).toBe(sample().xml);
    expect(sample().xml).toContain('<lastBuildDate>Thu, 05 Mar 2026 00:00:00 +0800</lastBuildDate>');
  });
});
