// The two feed pairs: every change, and exactly the gateway's own events (ids the OpenAI-compatible
// gateway starts, stops or resumes serving: what chat clients need, which the LoRA-heavy full feed would drown).
import { GATEWAY_KINDS } from '../store/events-file.ts';
import type { ChangeEvent } from '../store/types.ts';
import type { OutputFile } from './api.ts';
import { buildJsonFeed, OPENAI_CHANNEL, serialiseJsonFeed, type ChannelInfo } from './feed.ts';
import type { SiteInputs } from './inputs.ts';
import { changeItems, type ChangeItem, type RecordLookup } from './items.ts';
import { buildRss } from './rss.ts';
import { SITE_FILES } from './urls.ts';

/** A model's newest known record: on the newest snapshot, else the last one a published snapshot has. */
export function recordLookup(inputs: SiteInputs): RecordLookup {
  return (id) => inputs.records.get(id) ?? inputs.lastKnown.get(id);
}

/** Whether an event is one of the gateway list's own (served, served-again, unserved). */
export function isGatewayEvent(event: ChangeEvent): boolean {
  return GATEWAY_KINDS.has(event.kind);
}

/** The feed items of both pairs (newest first). */
export function feedItems(inputs: SiteInputs): { all: ChangeItem[]; openai: ChangeItem[] } {
  const base = { siteUrl: inputs.siteUrl, paths: inputs.paths, records: recordLookup(inputs) };
  return {
    all: changeItems(inputs.log, base),
    openai: changeItems(inputs.log, { ...base, idPrefix: 'openai-changes-', include: isGatewayEvent }),
  };
}

/** `feed.json`, `rss.xml` and the OpenAI-compatible pair; `items` counts the main feed's items. */
export function feedFiles(inputs: SiteInputs): { files: OutputFile[]; items: number } {
  const { all, openai } = feedItems(inputs);
  const main: ChannelInfo = { siteUrl: inputs.siteUrl };
  const chat: ChannelInfo = { siteUrl: inputs.siteUrl, ...OPENAI_CHANNEL };
  return {
    items: all.length,
    files: [
      { path: SITE_FILES.feed, content: serialiseJsonFeed(buildJsonFeed(all, main)) },
      { path: SITE_FILES.rss, content: buildRss(all, main) },
      { path: SITE_FILES.openaiFeed, content: serialiseJsonFeed(buildJsonFeed(openai, chat)) },
      { path: SITE_FILES.openaiRss, content: buildRss(openai, chat) },
    ],
  };
}
