import { describe, expect, it } from 'vitest';
import { resolveBuildOptions } from '../publish/config.ts';
import { DEFAULT_TOMBSTONE_DAYS } from '../publish/inputs.ts';
import { ConfigError } from '../publish/errors.ts';
import { formatCount } from '../core/text.ts';
import { changeItems, changeTitle, gapNote, kindText, plural } from '../publish/items.ts';
import { model, snapshot, track } from './factories.ts';

const siteUrl = 'http://localhost:4321/';

describe('publish/items', () => {
  it('titles count each kind in list order and leave out zeros', () => {
    expect(changeTitle({ entered: 3, returned: 0, left: 1, renamed: 0, served: 0, 'served-again': 0, unserved: 0 })).toBe('3 entered, 1 left');
    expect(changeTitle({ entered: 0, returned: 2, left: 0, renamed: 0, served: 0, 'served-again': 0, unserved: 0 })).toBe('2 returned');
    expect(changeTitle({ entered: 1200, returned: 1, left: 1, renamed: 0, served: 0, 'served-again': 0, unserved: 0 })).toBe('1,200 entered, 1 returned, 1 left');
  });

  it('formats counts and plurals without depending on the locale', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(plural(1, 'like')).toBe('1 like');
    expect(plural(0, 'like')).toBe('0 likes');
    expect(plural(2000, 'download')).toBe('2,000 downloads');
  });

  it('names gaps of one, two and many nights', () => {
    expect(gapNote([])).toBeUndefined();
    expect(gapNote(['2026-03-04'])).toBe('no data for 2026-03-04');
    expect(gapNote(['2026-03-03', '2026-03-04'])).toBe('no data for 2026-03-03 and 2026-03-04');
    expect(gapNote(['2026-03-02', '2026-03-03', '2026-03-04'])).toBe('no data for 2026-03-02 to 2026-03-04 (3 nights)');
  });

  it('skips the baseline and days without changes, newest first, capped', () => {
    const { log } = track([
      snapshot('2026-03-01', [model('a/a')]),
      snapshot('2026-03-02', [model('a/a'), model('b/b')]),
      snapshot('2026-03-03', [model('a/a'), model('b/b')]),
      snapshot('2026-03-04', [model('a/a')]),
      snapshot('2026-03-05', [model('a/a'), model('b/b')]),
    ]);
    expect(changeItems(log, { siteUrl }).map((item) => item.id)).toEqual(['changes-2026-03-05', 'changes-2026-03-04', 'changes-2026-03-02']);
    expect(changeItems(log, { siteUrl, maxItems: 2 }).map((item) => item.id)).toEqual(['changes-2026-03-05', 'changes-2026-03-04']);
    expect(changeItems(log, { siteUrl, maxItems: 0 })).toEqual([]);
  });

  it('stops adding older items past the content size budget, but always keeps the newest', () => {
    const days = Array.from({ length: 6 }, (_, d) => snapshot(`2026-03-0${d + 1}`, Array.from({ length: d + 1 }, (_, i) => model(`m/${i}`))));
    const { log } = track(days);
    const all = changeItems(log, { siteUrl });
    expect(all.length).toBe(5);
    const one = (all[0]?.html.length ?? 0) + (all[0]?.text.length ?? 0);
    const two = one + (all[1]?.html.length ?? 0) + (all[1]?.text.length ?? 0);
    expect(changeItems(log, { siteUrl, maxContentSize: two }).length).toBe(2);
    expect(changeItems(log, { siteUrl, maxContentSize: two - 1 }).length).toBe(1);
    expect(changeItems(log, { siteUrl, maxContentSize: 1 }).map((item) => item.id)).toEqual(['changes-2026-03-06']);
  });

  it('a big day lists the first models and links to the changes page for the rest', () => {
    const many = Array.from({ length: 7 }, (_, i) => model(`m/${i}`));
    const { log } = track([snapshot('2026-03-01', [model('x/x')]), snapshot('2026-03-02', many)]);
    const [item] = changeItems(log, { siteUrl, maxModelsPerItem: 5 });
    expect(item?.title).toBe('7 entered, 1 left');
    expect(item?.text).toContain('- m/4: ');
    expect(item?.text).not.toContain('- m/5: ');
    expect(item?.url).toBe('http://localhost:4321/changes/2026-03/#2026-03-02');
    // The rest are on the day's lasting home: its month page of the changes timeline.
    expect(item?.text).toContain('- …and 2 more: http://localhost:4321/changes/2026-03/#2026-03-02');
    expect(item?.text).toContain('- …and 1 more: http://localhost:4321/changes/2026-03/#2026-03-02');
    expect(item?.html).toContain('<li><a href="http://localhost:4321/changes/2026-03/#2026-03-02">…and 2 more</a></li>');
    expect(item?.html).toContain('<h3>1 model left the list</h3>');
  });
});

describe('publish/config', () => {
  it('uses defaults, then env, then flags', () => {
    expect(resolveBuildOptions([], {})).toEqual({ dataDir: 'data', outDir: 'site/dist', siteUrl: 'http://localhost:4321/', snapshotDays: 'all', tombstoneDays: DEFAULT_TOMBSTONE_DAYS, allowEmpty: false });
    const env = { CATALOG_DATA_DIR: '/d', SITE_URL: 'https://u.github.io/repo', SITE_SNAPSHOT_DAYS: '30', SITE_TOMBSTONE_DAYS: 'all' };
    expect(resolveBuildOptions([], env)).toEqual({ dataDir: '/d', outDir: 'site/dist', siteUrl: 'https://u.github.io/repo/', snapshotDays: 30, tombstoneDays: 'all', allowEmpty: false });
    const flags = ['--data-dir', '/f', '--out', '/o', '--site-url', 'https://e.org/', '--snapshot-days', 'all', '--tombstone-days', '90', '--allow-empty'];
    expect(resolveBuildOptions(flags, env)).toEqual({ dataDir: '/f', outDir: '/o', siteUrl: 'https://e.org/', snapshotDays: 'all', tombstoneDays: 90, allowEmpty: true });
    expect(resolveBuildOptions(['--help'], {})).toBe('help');
  });

  it('refuses bad values with one-line errors naming the setting', () => {
    expect(() => resolveBuildOptions([], { SITE_SNAPSHOT_DAYS: '-3' })).toThrow('SITE_SNAPSHOT_DAYS: expected a whole number of days or "all", got "-3"');
    expect(() => resolveBuildOptions(['--snapshot-days', '1.5'], {})).toThrow(/^--snapshot-days: /);
    expect(() => resolveBuildOptions([], { SITE_TOMBSTONE_DAYS: 'forever' })).toThrow('SITE_TOMBSTONE_DAYS: expected a whole number of days or "all", got "forever"');
    expect(() => resolveBuildOptions(['--tombstone-days', '-1'], {})).toThrow(/^--tombstone-days: /);
    expect(() => resolveBuildOptions(['--site-url', 'nope'], {})).toThrow(ConfigError);
    expect(() => resolveBuildOptions(['--bogus'], {})).toThrow(/^command line: Unknown option '--bogus'/);
  });
});

describe('publish/items-kind', () => {
  const gatewayModel = model('Qwen/Qwen3-32B', { openaiApi: true, openaiApiSince: '2025-04-29' });
  const lora = model('studio/ink-lora', { aigcType: 'LoRA', visionFoundation: 'FLUX_1', baseModels: [{ id: 'AI-ModelScope/FLUX.1-dev', revision: null }] });
  const hostile = model('evil/x', { aigcType: 'LoRA', visionFoundation: '<img src=x onerror=alert(1)>' });

  it('says what kind of model it is: served by the OpenAI-compatible API, or a LoRA and what it builds on', () => {
    expect(kindText(gatewayModel)).toBe('served by the OpenAI-compatible API');
    expect(kindText(lora)).toBe('LoRA for FLUX_1 (base AI-ModelScope/FLUX.1-dev)');
    expect(kindText(model('a/plain'))).toBeUndefined();
    expect(kindText(undefined)).toBeUndefined();
  });

  it('puts it beside entered and returned models in the feed, escaped, and beside ones that left when their last record is known', () => {
    const gone = model('old/gone');
    const goneLora = model('old/lora', { aigcType: 'LoRA', visionFoundation: 'SDXL', baseModels: [{ id: 'base/sdxl', revision: null }] });
    const snapshots = [snapshot('2026-03-01', [gone, goneLora]), snapshot('2026-03-02', [gatewayModel, lora, hostile])];
    const { log } = track(snapshots);
    const onList = new Map(snapshots[1]!.models.map((m) => [m.id, m]));
    // old/lora's last record is known (a published snapshot has it); old/gone's is not.
    const [item] = changeItems(log, { siteUrl, records: (id) => onList.get(id) ?? (id === goneLora.id ? goneLora : undefined) });
    expect(item?.text).toContain('- Qwen/Qwen3-32B: served by the OpenAI-compatible API; 1 like, 10 downloads');
    expect(item?.text).toContain('- studio/ink-lora: LoRA for FLUX_1 (base AI-ModelScope/FLUX.1-dev); 1 like');
    expect(item?.text).toContain('- old/gone: 1 like, 10 downloads when last seen');
    expect(item?.text).toContain('- old/lora: LoRA for SDXL (base base/sdxl); 1 like, 10 downloads when last seen');
    expect(item?.html).toContain('LoRA for &lt;img src=x onerror=alert(1)&gt;');
    expect(item?.html).not.toContain('<img');
  });

  it('keeps only the events asked for, under their own item ids, and skips days left empty', () => {
    const snapshots = [
      snapshot('2026-03-01', [model('a/plain')]),
      snapshot('2026-03-02', [model('a/plain'), gatewayModel]),
      snapshot('2026-03-03', [gatewayModel, model('b/plain')]),
      snapshot('2026-04-01', [model('b/plain')]),
    ];
    const { log } = track(snapshots);
    const records = (id: string) => (id === gatewayModel.id ? gatewayModel : undefined);
    const items = changeItems(log, { siteUrl, records, idPrefix: 'openai-changes-', include: (event) => records(event.id)?.openaiApi === true });
    expect(items.map((item) => [item.id, item.title, item.url])).toEqual([
      ['openai-changes-2026-04-01', '1 left', 'http://localhost:4321/changes/2026-04/#2026-04-01'],
      ['openai-changes-2026-03-02', '1 entered', 'http://localhost:4321/changes/2026-03/#2026-03-02'],
    ]);
    expect(items.map((item) => item.text).join('\n')).not.toContain('plain');
  });
});
