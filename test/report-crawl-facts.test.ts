// Issue 20: the run report lists what a crawl left out — every rejected record (id, page, reason), duplicate
// ids, nulled timestamps — bounded, in the log lines and in the job summary's Markdown.
import { describe, expect, it } from 'vitest';
import type { CrawlFacts, RejectedRecord } from '../crawler/crawl.ts';
import { REPORT_LIST_LIMIT, summaryLines, summaryMarkdown, withCrawlFacts, type RunSummary } from '../pipeline/report.ts';

const summary = (overrides: Partial<RunSummary> = {}): RunSummary => ({
  date: '2026-03-04',
  outcome: 'published',
  models: 1200,
  passes: 1,
  requests: 14,
  retries: 0,
  bytes: 1000,
  durationMs: 3400,
  rejected: 0,
  ...overrides,
});

const rejects = (n: number, make: (i: number) => Partial<RejectedRecord> = () => ({})): RejectedRecord[] =>
  Array.from({ length: n }, (_, i) => ({ id: `owner/m${i}`, page: 1 + Math.floor(i / 100), reason: `Stars not a count: "${i}"`, ...make(i) }));

const facts = (overrides: Partial<CrawlFacts> = {}): CrawlFacts => ({
  rejected: [],
  duplicates: [],
  nulledTimestamps: { count: 0, byProblem: {}, sample: [] },
  cut: { records: 0, byField: {}, sample: [] },
  ...overrides,
});

describe('report/rejected', () => {
  it.each([[1], [REPORT_LIST_LIMIT], [REPORT_LIST_LIMIT + 1], [10_000]])('lists %i rejected records: at most the first 50, then how many more', (n) => {
    const s = withCrawlFacts(summary(), facts({ rejected: rejects(n) }));
    const lines = summaryLines(s);
    const listed = lines.filter((line) => /^    owner\/m\d+ \(page \d+\): Stars not a count/.test(line));
    expect(listed).toHaveLength(Math.min(n, REPORT_LIST_LIMIT));
    expect(listed[0]).toBe('    owner/m0 (page 1): Stars not a count: "0"');
    expect(lines.includes(`    … and ${(n - REPORT_LIST_LIMIT).toLocaleString('en-US')} more`)).toBe(n > REPORT_LIST_LIMIT);
    expect(lines).toContain(`  unusable records (${n.toLocaleString('en-US')}, left out):`);
    const md = summaryMarkdown(s);
    expect(md.split('\n').filter((line) => line.startsWith('| owner/m'))).toHaveLength(Math.min(n, REPORT_LIST_LIMIT));
    expect(md.includes(`… and ${(n - REPORT_LIST_LIMIT).toLocaleString('en-US')} more`)).toBe(n > REPORT_LIST_LIMIT);
  });

  it('keeps each listed record to one bounded, safe line, whatever upstream put in its id or reason', () => {
    const hostile = rejects(3, (i) => ({ id: `${'x'.repeat(1e6)}${i}`, reason: `line\nbreak ::error:: ${'y'.repeat(1e6)}`, page: undefined }));
    const s = withCrawlFacts(summary({ outcome: 'refused', reason: 'too many' }), facts({ rejected: hostile }));
    const lines = summaryLines(s);
    expect(lines.every((line) => line.length < 1000)).toBe(true);
    expect(lines.join('\n')).not.toContain('line\nbreak');
    const md = summaryMarkdown(s);
    expect(md.length).toBeLessThan(10_000);
    expect(md).toContain('| x');
  });

  it('says nothing more when nothing was rejected, and leaves a summary without facts as it was', () => {
    expect(summaryLines(withCrawlFacts(summary(), facts())).join('\n')).not.toMatch(/unusable records \(|duplicates:|timestamps:/);
    expect(withCrawlFacts(summary(), undefined)).toEqual(summary());
    const { rejected: _rejected, ...withoutCount } = summary();
    expect(withCrawlFacts(withoutCount, facts({ rejected: rejects(2) })).rejected).toBe(2);
  });
});

describe('report/duplicates-and-timestamps', () => {
  it('names duplicate ids with their pages, bounded', () => {
    const duplicates = Array.from({ length: 70 }, (_, i) => ({ id: `dup/m${i}`, pages: [2, 3 + i] }));
    const text = summaryLines(withCrawlFacts(summary(), facts({ duplicates }))).join('\n');
    expect(text).toContain('duplicates: 70 ids listed more than once in one pass, the copy on the lowest page kept: dup/m0 (pages 2, 3), dup/m1 (pages 2, 4)');
    expect(text).toContain('dup/m49 (pages 2, 52), … and 20 more');
    expect(text).not.toContain('dup/m50 ');
    expect(summaryMarkdown(withCrawlFacts(summary(), facts({ duplicates })))).toMatch(/\| duplicates \| 70 ids listed/);
  });

  it('counts nulled timestamps by problem, with a sample', () => {
    const nulledTimestamps = { count: 12, byProblem: { 'from 2100 on': 10, 'not finite': 2 }, sample: ['a/b CreatedTime: from 2100 on', 'gateway c/d created: not finite'] };
    const text = summaryLines(withCrawlFacts(summary(), facts({ nulledTimestamps }))).join('\n');
    expect(text).toContain('timestamps: 12 unusable timestamps set to null (10 from 2100 on, 2 not finite): a/b CreatedTime: from 2100 on, gateway c/d created: not finite, …');
    expect(summaryMarkdown(withCrawlFacts(summary(), facts({ nulledTimestamps })))).toMatch(/\| timestamps \| 12 unusable timestamps/);
  });

  it('says how many kept records had a field cut to its limit, and which fields', () => {
    const cut = { records: 12, byField: { tags: 10, chineseName: 3 }, sample: ['a/b', 'c/d'] };
    const text = summaryLines(withCrawlFacts(summary(), facts({ cut }))).join('\n');
    expect(text).toContain('cut: 12 records had a field cut to its limit (tags 10, chineseName 3): a/b, c/d, …');
    expect(summaryMarkdown(withCrawlFacts(summary(), facts({ cut })))).toMatch(/\| cut \| 12 records had a field cut/);
  });
});
