// The one writer of GitHub Actions job summaries. GitHub refuses a step summary over 1 MiB (and then shows
// none of it), so every piece is bounded here: each append to at most SUMMARY_PIECE_BYTES, and the file
// as a whole to less than the limit, with a line saying what was cut.
import { appendFile, stat } from 'node:fs/promises';

/** GitHub's limit for one step's summary file. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** The most one append adds: a table of a few hundred rows, never a whole upstream body. */
export const SUMMARY_PIECE_BYTES = 64 * 1024;
const CUT = '\n\n*(cut here: the rest is in the job log)*\n';

/** `text` cut to at most `bytes` UTF-8 bytes at a line end, with the cut marker; as is when it fits. */
export function boundedMarkdown(text: string, bytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= bytes) return text;
  const room = Math.max(0, bytes - Buffer.byteLength(CUT, 'utf8'));
  let cut = Buffer.from(text, 'utf8').subarray(0, room).toString('utf8');
  // A character split by the byte cut decodes as U+FFFD: drop it, and end on a whole line.
  cut = cut.replace(/\uFFFD$/, '');
  const line = cut.lastIndexOf('\n');
  return `${line > 0 ? cut.slice(0, line) : cut}${CUT}`;
}

/** Append `markdown` to the step summary at `path` (nothing when unset), within both bounds above. */
export async function appendStepSummary(path: string | undefined, markdown: string): Promise<void> {
  if (path === undefined || path === '') return;
  const used = await stat(path).then((info) => info.size, () => 0);
  const room = Math.min(SUMMARY_PIECE_BYTES, SUMMARY_LIMIT_BYTES - 4096 - used);
  if (room <= Buffer.byteLength(CUT, 'utf8')) return;
  await appendFile(path, boundedMarkdown(markdown, room));
}
