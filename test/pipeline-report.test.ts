import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Progress, reportNight, summaryLines, summaryMarkdown, writeStepSummary, type RunSummary } from '../pipeline/report.ts';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (text: string) => chunks.push(text) }, text: () => chunks.join('') };
};

const summary = (overrides: Partial<RunSummary> = {}): RunSummary => ({
  date: '2026-03-04',
  outcome: 'published',
  models: 1200,
  previous: { date: '2026-03-03', count: 1190 },
  passes: 1,
  requests: 14,
  retries: 2,
  bytes: 2_500_000,
  durationMs: 3400,
  rejected: 0,
  openaiApiModels: 40,
  changes: { entered: 12, left: 2, returned: 1, renamed: 1, gateway: 56, served: 2, unserved: 1, servedAgain: 0, missing: ['2026-03-02'] },
  ...overrides,
});

describe('report/progress', () => {
  it('redraws one bar with pages, models, retries and ETA on a terminal', () => {
    const out = sink(true);
    let clock = 0;
    const progress = new Progress({ stream: out.stream, now: () => clock });
    progress.passStarted(1, 4);
    clock = 1000;
    progress.pageRead(100);
    progress.retried('PUT x: HTTP 503');
    expect(progress.bar(8)).toBe('[##......] 1/4 pages · 100 models · 1 retries · ETA 3s');
    expect(out.text()).toContain('\r[');
  });

  it('writes plain lines, about every 10%, when not a terminal', () => {
    const out = sink(false);
    const progress = new Progress({ stream: out.stream, now: () => 0 });
    progress.passStarted(1, 100);
    for (let i = 0; i < 100; i += 1) progress.pageRead(100);
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe('pass 1: 100 pages to read');
    expect(lines.length).toBeLessThanOrEqual(13);
    expect(lines.at(-1)).toBe('pass 1: 100/100 pages, 10000 models, 0 retries');
    expect(out.text()).not.toContain('\r');
  });
});

describe('report/summary', () => {
  it('says what was published, the changes and the gap', () => {
    const text = summaryLines(summary()).join('\n');
    expect(text).toContain('crawl 2026-03-04: published');
    expect(text).toContain('models: 1200 (1190 on 2026-03-03)');
    expect(text).toContain('12 entered, 2 left, 1 returned, 1 renamed; gateway: 56 ids, 2 served, 1 no longer served, 0 served again; no data for 2026-03-02');
    expect(text).toContain('requests: 14 (2 retries, 2.5 MB)');
  });

  it('puts a refusal reason on the first line', () => {
    expect(summaryLines(summary({ outcome: 'refused', reason: 'the list shrank 40%' }))[0]).toBe('crawl 2026-03-04: refused — the list shrank 40%');
  });

  it('appends a markdown table to $GITHUB_STEP_SUMMARY', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'summary-')), 'summary.md');
    await writeStepSummary(summary({ reason: 'a | b' }), file);
    await writeStepSummary(summary(), file);
    const text = await readFile(file, 'utf8');
    expect(text.match(/### Crawl 2026-03-04/g)).toHaveLength(2);
    expect(text).toContain('| reason | a \\| b |');
    expect(summaryMarkdown(summary())).toContain('| models | 1200 |');
  });
});

describe('report/end-of-night', () => {
  const capture = () => {
    let out = '';
    let err = '';
    return { io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t) }, text: () => ({ out, err }) };
  };

  it('prints a published night on stdout only', async () => {
    const { io, text } = capture();
    await reportNight(summary(), true, io, '');
    expect(text().err).toBe('');
    expect(text().out).toBe(`${summaryLines(summary()).join('\n')}\n`);
  });

  it('puts the outcome and reason of a failed or refused night on stderr, the figures on stdout', async () => {
    const { io, text } = capture();
    const { models: _models, ...rest0 } = summary();
    const refused: RunSummary = { ...rest0, outcome: 'refused', reason: 'the list shrank 40%' };
    await reportNight(refused, false, io, '');
    const [first, ...rest] = summaryLines(refused);
    expect(text().err).toBe(`${first}\n`);
    expect(text().err).toContain('refused — the list shrank 40%');
    expect(text().out).toBe(`${rest.join('\n')}\n`);
  });
});
