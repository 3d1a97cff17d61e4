// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the list's changes.
import type { ChangeItem } from './items.ts';
import { SITE_FILES } from './urls.ts';

/** What the feeds say about themselves. */
export interface ChannelInfo {
  /** Normalised site base URL (see `normaliseSiteUrl`). */
  siteUrl: string;
  /** Feed title (default `FEED_TITLE`). */
  title?: string;
  /** One-sentence description (default `FEED_DESCRIPTION`). */
  description?: string;
  /** RFC 5646 language tag (default `en`). */
  language?: string;
  /** Author shown by readers (default `FEED_AUTHOR`). */
  author?: string;
  /** Where this JSON Feed is, relative to the site (default `feed.json`). */
  feedPath?: string;
  /** Where the matching RSS is, relative to the site (default `rss.xml`). */
  rssPath?: string;
}

export const FEED_TITLE = 'ModelScope API-Inference list: changes';
export const FEED_DESCRIPTION =
  'Models entering, leaving and returning to the list of models ModelScope lets anyone call through its free API-Inference service, observed nightly.';
export const FEED_AUTHOR = 'modelscope-inference-catalog';

/** The feed pair of the models served by the OpenAI-compatible gateway, the few that chat clients call. */
export const OPENAI_CHANNEL = {
  title: 'ModelScope API-Inference: ids the OpenAI-compatible gateway serves',
  description:
    'Model ids ModelScope\'s OpenAI-compatible API-Inference gateway (GET /v1/models) starts serving, stops serving or serves again, observed nightly.',
  feedPath: SITE_FILES.openaiFeed,
  rssPath: SITE_FILES.openaiRss,
} as const;

/** A JSON Feed 1.1 author. */
export interface JsonFeedAuthor {
  name: string;
  url: string;
}

/** A JSON Feed 1.1 item, with the fields we publish. */
export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  content_text: string;
  date_published: string;
}

/** A JSON Feed 1.1 document, with the fields we publish. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

/** The channel info with defaults filled in. */
export function channel(info: ChannelInfo): Required<ChannelInfo> {
  return {
    siteUrl: info.siteUrl,
    title: info.title ?? FEED_TITLE,
    description: info.description ?? FEED_DESCRIPTION,
    language: info.language ?? 'en',
    author: info.author ?? FEED_AUTHOR,
    feedPath: info.feedPath ?? SITE_FILES.feed,
    rssPath: info.rssPath ?? SITE_FILES.rss,
  };
}

/** The feed object for `items` (already newest first and capped by `changeItems`). */
export function buildJsonFeed(items: readonly ChangeItem[], info: ChannelInfo): JsonFeed {
  const c = channel(info);
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: c.title,
    home_page_url: c.siteUrl,
    feed_url: `${c.siteUrl}${c.feedPath}`,
    description: c.description,
    language: c.language,
    authors: [{ name: c.author, url: c.siteUrl }],
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.html,
      content_text: item.text,
      date_published: item.published,
    })),
  };
}

/** Pretty JSON with a final newline; `version` comes first, as the spec asks. */
export function serialiseJsonFeed(feed: JsonFeed): string {
  return `${JSON.stringify(feed, null, 2)}\n`;
}
