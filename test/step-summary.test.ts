// core/step-summary.ts: whatever the crawl or the probe report, a job summary stays within GitHub's 1 MiB.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendStepSummary, boundedMarkdown, SUMMARY_LIMIT_BYTES, SUMMARY_PIECE_BYTES } from '../core/step-summary.ts';
import { tempDir } from './helpers.ts';

describe('core/step-summary', () => {
  it('keeps text that fits as it is, and cuts a long one at a line end with a marker, in bytes', () => {
    expect(boundedMarkdown('| a | b |\n', 100)).toBe('| a | b |\n');
    const rows = Array.from({ length: 5000 }, (_, i) => `| row ${i} | 中文 ${'x'.repeat(40)} |`).join('\n');
    const cut = boundedMarkdown(rows, 10_000);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(10_000);
    expect(cut).toMatch(/\| row \d+ \| 中文 x+ \|\n\n\*\(cut here: the rest is in the job log\)\*\n$/);
    expect(cut).not.toContain('\uFFFD');
  });

  it('a huge table is bounded per append, and many appends never take the file past 1 MiB', async () => {
    const path = join(await tempDir('summary-'), 'summary.md');
    await writeFile(path, '');
    const table = `| key | seen |\n|---|---|\n${Array.from({ length: 100_000 }, (_, i) => `| UnreadKey${i} | ${i} |`).join('\n')}\n`;
    await appendStepSummary(path, table);
    expect((await stat(path)).size).toBeLessThanOrEqual(SUMMARY_PIECE_BYTES);
    for (let i = 0; i < 40; i += 1) await appendStepSummary(path, table);
    expect((await stat(path)).size).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(await readFile(path, 'utf8')).toContain('cut here');
    // Unset (not on GitHub): nothing is written anywhere.
    await appendStepSummary(undefined, table);
    await appendStepSummary('', table);
  });
});
