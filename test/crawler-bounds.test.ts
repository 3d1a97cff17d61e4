// Issue 20: every text and list a normalised record stores is bounded, whatever upstream sends (a 1 MB
// description, 10,000 tags), and a text that was cut shows it: it ends in CUT_MARK ("…").
import { describe, expect, it } from 'vitest';
import { CUT_MARK, cutText, MAX_ITEMS, MAX_TEXT } from '../crawler/bounds.ts';
import { MAX_ID_LENGTH, parseGatewayList } from '../crawler/modelscope.ts';
import { isRejected, normaliseModel, type Rejected } from '../crawler/normalise.ts';
import type { ModelRecord } from '../store/record.ts';

const MB = 'x'.repeat(1 << 20);
const huge = (prefix: string, n: number, size = 1000): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}-${'y'.repeat(size)}`);

const item = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  Path: 'owner',
  Name: 'model',
  Stars: 1,
  Downloads: 2,
  SupportInference: 'txt2img',
  CreatedTime: 1771213910,
  ...overrides,
});

/** Every string and every list anywhere in `value`, with its path. */
function leaves(value: unknown, path = ''): { strings: [string, string][]; lists: [string, unknown[]][] } {
  const out = { strings: [] as [string, string][], lists: [] as [string, unknown[]][] };
  const walk = (v: unknown, p: string): void => {
    if (typeof v === 'string') out.strings.push([p, v]);
    else if (Array.isArray(v)) {
      out.lists.push([p, v]);
      v.forEach((x, i) => walk(x, `${p}[${i}]`));
    } else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
  };
  walk(value, path);
  return out;
}

/** An upstream record with every field we read as large as it can be made. */
const hostile = (): Record<string, unknown> =>
  item({
    ChineseName: MB,
    Description: MB,
    ReadMeContent: MB,
    License: MB,
    SupportInference: `txt2img${MB}`,
    AigcType: MB,
    VisionFoundation: MB,
    Tags: huge('tag', 10_000),
    Tasks: huge('task', 10_000).map((Name) => ({ Name })),
    OfficialTags: huge('t', 10_000).map((Tag, i) => ({ Tag: i % 2 ? Tag : `short${i}`, Name: MB, ChineseName: MB })),
    TriggerWords: [MB, ...huge('w', 10_000)],
    BaseModel: [...huge('o/m', 10_000, 10), `owner/${MB}`, `a/b@${MB}`],
    Organization: { Type: 1, FullName: MB },
    MuseInfo: { genImageCount: 3, versions: [{ inferenceCompanionVersionInfo: { modelUrl: `modelscope://a/b?revision=${'r'.repeat(400)}` } }] },
  });

describe('bounds/record', () => {
  it('keeps a record made of 1 MB texts and 10,000-item lists small: every string and list within its limit', () => {
    const cuts: string[] = [];
    const record = normaliseModel(hostile(), new Map(), { cut: (field) => cuts.push(field) });
    expect(isRejected(record)).toBe(false);
    const size = JSON.stringify(record).length;
    expect(size).toBeLessThan(150_000);
    const { strings, lists } = leaves(record);
    for (const [path, text] of strings) {
      expect(text.length, path).toBeLessThanOrEqual(/^(id|baseModels\[\d+\]\.id|companion\.id)$/.test(path) ? MAX_ID_LENGTH : MAX_TEXT);
    }
    for (const [path, list] of lists) expect(list.length, path).toBeLessThanOrEqual(MAX_ITEMS);
    const r = record as ModelRecord;
    for (const text of [r.chineseName, r.license, r.inferenceType, r.aigcType, r.visionFoundation, r.ownerFullName, r.tags[0]!, r.tasks[0]!, r.triggerWords[0]!, r.officialTags[0]!.name, r.officialTags[0]!.chineseName]) {
      expect(text.endsWith(CUT_MARK)).toBe(true);
      expect(text).toHaveLength(MAX_TEXT);
    }
    expect(r.tags).toHaveLength(MAX_ITEMS);
    expect(r.tasks).toHaveLength(MAX_ITEMS);
    expect(r.triggerWords).toHaveLength(MAX_ITEMS);
    expect(r.officialTags).toHaveLength(MAX_ITEMS);
    expect(r.officialTags.every((t) => t.tag.length <= MAX_TEXT && !t.tag.endsWith(CUT_MARK))).toBe(true);
    expect(r.baseModels).toHaveLength(MAX_ITEMS);
    expect(r.baseModels.some((b) => b.id.length > MAX_ID_LENGTH || (b.revision ?? '').length > MAX_TEXT)).toBe(false);
    expect(r.companion).toBeNull();
    expect(new Set(cuts)).toEqual(
      new Set(['chineseName', 'license', 'inferenceType', 'aigcType', 'visionFoundation', 'ownerFullName', 'tags', 'tasks', 'triggerWords', 'officialTags', 'baseModels', 'companion']),
    );
  });

  it.each([
    ['ChineseName', 'chineseName'],
    ['AigcType', 'aigcType'],
    ['VisionFoundation', 'visionFoundation'],
    ['License', 'license'],
  ])('cuts a 1 MB %s (%s) to MAX_TEXT characters ending in "…", and tells which field', (key, field) => {
    const cuts: string[] = [];
    const record = normaliseModel(item({ [key]: MB }), new Map(), { cut: (f) => cuts.push(f) }) as Record<string, unknown>;
    expect(record[field]).toBe(`${'x'.repeat(MAX_TEXT - 1)}${CUT_MARK}`);
    expect(cuts).toContain(field);
  });

  it('leaves text within its limit as it was, and tells nothing', () => {
    const cuts: string[] = [];
    const exact = 'z'.repeat(MAX_TEXT);
    const tags = Array.from({ length: MAX_ITEMS }, (_, i) => `t${i}`);
    const record = normaliseModel(item({ ChineseName: exact, Tags: tags, TriggerWords: [exact] }), new Map(), { cut: (f) => cuts.push(f) }) as ModelRecord;
    expect(record).toMatchObject({ chineseName: exact, tags, triggerWords: [exact] });
    expect(cuts).toEqual([]);
  });

  it('never cuts half a surrogate pair', () => {
    for (const text of ['🙂'.repeat(1000), `a${'🙂'.repeat(1000)}`]) {
      const cut = cutText(text);
      expect(cut.length).toBeLessThanOrEqual(MAX_TEXT);
      expect(cut.endsWith(CUT_MARK)).toBe(true);
      expect(cut.isWellFormed()).toBe(true);
    }
  });

  it('rejects an id longer than MAX_ID_LENGTH instead of cutting it, with a bounded id and reason', () => {
    for (const overrides of [{ Name: MB }, { Path: MB }, { Path: 'o', Name: 'n'.repeat(MAX_ID_LENGTH) }]) {
      const result = normaliseModel(item(overrides), new Map()) as Rejected;
      expect(isRejected(result)).toBe(true);
      expect(result.id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
      expect(result.reason).toMatch(/^id of \d+ characters, more than 1000$/);
    }
    // Long real-looking names are kept whole: 300 letters, 28 Chinese characters, an id of exactly the limit.
    for (const Name of ['L'.repeat(300), '山'.repeat(28), 'n'.repeat(MAX_ID_LENGTH - 2)]) {
      expect(normaliseModel(item({ Path: 'o', Name }), new Map())).toMatchObject({ id: `o/${Name}`, name: Name });
    }
    const schema = normaliseModel(item({ Path: MB, Stars: { huge: MB } }), new Map()) as Rejected;
    expect(schema.id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    expect(schema.reason.length).toBeLessThanOrEqual(MAX_TEXT);
    const unsafe = normaliseModel(item({ Name: `a b${'c'.repeat(200)}` }), new Map()) as Rejected;
    expect(unsafe.reason.length).toBeLessThan(200);
  });

  it('drops a gateway id longer than MAX_ID_LENGTH, keeping the others', () => {
    const models = parseGatewayList({ data: [{ id: 'a/b', created: 1771213910 }, { id: `c/${MB}` }, { id: `d/${'e'.repeat(MAX_ID_LENGTH - 2)}` }] });
    expect([...models.keys()]).toEqual(['a/b', `d/${'e'.repeat(MAX_ID_LENGTH - 2)}`]);
  });
});
