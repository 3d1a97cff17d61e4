// The two feed pairs: every change, and the changes to models served by the OpenAI-compatible gateway
// (the few dozen chat clients call, which the LoRA-heavy full feed would drown).
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

/** Whether an event concerns a model served by the OpenAI-compatible gateway (by its newest known record). */
export function isOpenaiEvent(inputs: SiteInputs): (event: ChangeEvent) => boolean {
  const lookup = recordLookup(inputs);
  return (event) => lookup(event.id)?.openaiApi === true;
}

/** The feed items of both pairs (newest first). */
export function feedItems(inputs: SiteInputs): { all: ChangeItem[]; openai: ChangeItem[] } {
  const base = { siteUrl: inputs.siteUrl, paths: inputs.paths, records: recordLookup(inputs) };
  return {
    all: changeItems(inputs.log, base),
    openai: changeItems(inputs.log, { ...base, idPrefix: 'openai-changes-', include: isOpenaiEvent(inputs) }),
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
