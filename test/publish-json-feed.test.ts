import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildJsonFeed, OPENAI_CHANNEL, serialiseJsonFeed } from '../publish/feed.ts';
import { changeItems } from '../publish/items.ts';
import { model, snapshot, track } from './factories.ts';

// ajv-formats is CommonJS; under Node's ESM loader its default import is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const schema = JSON.parse(readFileSync(new URL('./fixtures/publish/jsonfeed-1.1.schema.json', import.meta.url), 'utf8')) as object;
// strictRequired is off: anyOf [{required: [content_html]}, …] names properties declared one level up.
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false }));
const validate = ajv.compile(schema);

const siteUrl = 'https://user.github.io/repo/';

function sampleFeed() {
  const { log } = track([
    snapshot('2026-03-01', [model('a/one'), model('b/two')]),
    snapshot('2026-03-02', [model('a/one'), model('c/three', { likes: 5, downloads: 1234 })]),
    snapshot('2026-03-03', [model('a/one'), model('c/three')]),
    snapshot('2026-03-05', [model('a/one'), model('b/two'), model('d/four')]),
  ]);
  const items = changeItems(log, { siteUrl });
  return buildJsonFeed(items, { siteUrl });
}

function errorsOf(value: unknown): string {
  return validate(value) ? '' : ajv.errorsText(validate.errors);
}

describe('publish/json-feed', () => {
  it('validates against the JSON Feed 1.1 schema', () => {
    const feed = sampleFeed();
    expect(feed.items.length).toBe(2);
    expect(errorsOf(JSON.parse(serialiseJsonFeed(feed)))).toBe('');
  });

  it('an empty feed (no changes yet) is still valid', () => {
    const feed = buildJsonFeed([], { siteUrl });
    expect(feed.items).toEqual([]);
    expect(errorsOf(feed)).toBe('');
  });

  it('the schema rejects broken feeds, so validation can fail', () => {
    const good = JSON.parse(serialiseJsonFeed(sampleFeed())) as Record<string, unknown>;
    const firstItem = (f: Record<string, unknown>): Record<string, unknown> => (f['items'] as Record<string, unknown>[])[0] ?? {};
    const broken: [string, (feed: typeof good) => void][] = [
      ['no version', (f) => delete f['version']],
      ['version 1.0', (f) => (f['version'] = 'https://jsonfeed.org/version/1')],
      ['no items', (f) => delete f['items']],
      ['numeric item id', (f) => (firstItem(f)['id'] = 42)],
      ['item without content', (f) => {
        delete firstItem(f)['content_html'];
        delete firstItem(f)['content_text'];
      }],
      ['date that is not RFC 3339', (f) => (firstItem(f)['date_published'] = '2026-03-05 00:00')],
      ['relative feed_url', (f) => (f['feed_url'] = 'feed.json')],
      ['empty author', (f) => (f['authors'] = [{}])],
      ['misspelt key', (f) => (firstItem(f)['content-html'] = 'x')],
    ];
    for (const [label, breakIt] of broken) {
      const feed = structuredClone(good);
      breakIt(feed);
      expect(errorsOf(feed), label).not.toBe('');
    }
  });

  it('has the top-level fields and absolute URLs under the site sub-path', () => {
    const feed = sampleFeed();
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.home_page_url).toBe(siteUrl);
    expect(feed.feed_url).toBe('https://user.github.io/repo/feed.json');
    expect(feed.language).toBe('en');
    expect(feed.authors[0]?.url).toBe(siteUrl);
    // Each item links to its day on the month page of the changes timeline.
    expect(feed.items.map((item) => item.url)).toEqual([`${siteUrl}changes/2026-03/#2026-03-05`, `${siteUrl}changes/2026-03/#2026-03-02`]);
  });

  it('the OpenAI-compatible pair is a feed of its own: its own URL and title, still valid', () => {
    const { log } = track([snapshot('2026-03-01', [model('a/one')]), snapshot('2026-03-02', [model('a/one'), model('q/chat', { openaiApi: true })])]);
    const items = changeItems(log, { siteUrl, idPrefix: 'openai-changes-', include: (event) => event.id === 'q/chat' });
    const feed = buildJsonFeed(items, { siteUrl, ...OPENAI_CHANNEL });
    expect(feed.feed_url).toBe('https://user.github.io/repo/openai/feed.json');
    expect(feed.home_page_url).toBe(siteUrl);
    expect(feed.title).toBe(OPENAI_CHANNEL.title);
    expect(feed.title).not.toBe(sampleFeed().title);
    expect(feed.items.map((item) => item.id)).toEqual(['openai-changes-2026-03-02']);
    expect(errorsOf(JSON.parse(serialiseJsonFeed(feed)))).toBe('');
  });

  it('items are newest first with stable ids, Shanghai-midnight dates and counted titles', () => {
    const feed = sampleFeed();
    expect(feed.items.map((item) => item.id)).toEqual(['changes-2026-03-05', 'changes-2026-03-02']);
    expect(feed.items.map((item) => item.date_published)).toEqual(['2026-03-05T00:00:00+08:00', '2026-03-02T00:00:00+08:00']);
    expect(feed.items.map((item) => item.title)).toEqual(['1 entered, 1 returned, 1 left', '1 entered, 1 left']);
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(feed.items.length);
    expect(sampleFeed()).toEqual(feed);
  });

  it('content lists each model with counts and both links, and names the gap', () => {
    const [newest, older] = sampleFeed().items;
    expect(newest?.content_text).toContain('no data for 2026-03-04');
    expect(newest?.content_html).toContain('no data for 2026-03-04');
    expect(older?.content_text).toContain('- c/three: 5 likes, 1,234 downloads');
    expect(older?.content_text).toContain('- b/two: 1 like, 10 downloads when last seen');
    expect(older?.content_html).toContain('<a href="https://user.github.io/repo/models/c/three/"><bdi>c/three</bdi></a>');
    expect(older?.content_html).toContain('<a href="https://modelscope.cn/models/c/three">on ModelScope</a>');
    expect(older?.content_html).toContain('<h3>1 model entered the list</h3>');
  });
});
