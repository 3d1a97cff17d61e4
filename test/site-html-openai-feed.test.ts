// The OpenAI-compatible feed pair of the built site: exactly the gateway list's events.
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../publish/escape.ts';
import { parseRss } from './fixtures/publish/parse-rss.ts';
import { CHAT_ID, CJK_ID, GONE_ID, LEFT_LORA_ID, OPENAI_IDS, SITE_URL, TWINS } from './site-html-data.ts';
import { loadHtmlSite, readText } from './site-html-fixture.ts';

beforeAll(loadHtmlSite, 120_000);

describe('site/html OpenAI-compatible feed', () => {
  /** Model ids an item names (as the feed shows them), by item. */
  const namedIds = (items: { content_html: string }[]): string[] =>
    items.flatMap((item) => {
      const $ = cheerio.load(item.content_html);
      return $('bdi').map((_, b) => $(b).text()).get();
    });

  it('holds exactly the gateway list\'s events: ids served, and one no longer served', async () => {
    const feed = JSON.parse(await readText('openai/feed.json')) as { feed_url: string; items: { id: string; title: string; content_html: string; content_text: string }[] };
    expect(feed.feed_url).toBe(`${SITE_URL}openai/feed.json`);
    const named = namedIds(feed.items);
    expect(new Set(named)).toEqual(new Set(OPENAI_IDS.filter((id) => id !== CHAT_ID).map(visibleText)));
    // CHAT_ID was on the first night (the baseline) and never changed: no event. The gateway stopped
    // serving GONE_ID on 03-01; XSS_ID and QUOTED_ID were first served on 02-28.
    const left = feed.items.find((item) => item.id === 'openai-changes-2026-03-01');
    expect(left?.title).toBe('1 no longer served');
    expect(left?.content_text).toContain(`1 id is no longer served by the OpenAI-compatible API:\n- ${GONE_ID}: 1 like, 10 downloads when last seen`);
    const served = feed.items.find((item) => item.id === 'openai-changes-2026-02-28');
    expect(served?.title).toBe('2 served');
    expect(feed.items.map((item) => item.id)).toEqual(['openai-changes-2026-03-01', 'openai-changes-2026-02-28']);
    // The main feed has the others too, the LoRA that left among them.
    const main = JSON.parse(await readText('feed.json')) as { items: { content_html: string }[] };
    expect(namedIds(main.items)).toEqual(expect.arrayContaining([LEFT_LORA_ID, GONE_ID, CJK_ID, TWINS[1]]));
    const rss = parseRss(await readText('openai/rss.xml'));
    expect(rss.channel['atom:link']['@_href']).toBe(`${SITE_URL}openai/rss.xml`);
    expect((rss.channel.item ?? []).map((item) => item.guid['#text'])).toEqual(feed.items.map((item) => item.id));
  });
});
