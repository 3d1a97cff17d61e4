// Preloaded with `node --import ./bench/peak-rss.ts script.ts`: reports the process's peak RSS when it exits,
// so a benchmark measures the real command rather than a copy of it.
// - PEAK_RSS_FILE: the file is overwritten with the one process's peak RSS in bytes (bench/child.ts).
// - PEAK_RSS_LOG: every process that preloads this file appends a line `<pid> <peak RSS bytes> <script>`;
//   preloaded through NODE_OPTIONS, child processes are counted too, and none overwrites another's line.
import { appendFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const target = process.env['PEAK_RSS_FILE'];
const log = process.env['PEAK_RSS_LOG'];
if ((target || log) && isMainThread) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes.
    const bytes = process.resourceUsage().maxRSS * 1024;
    if (target) writeFileSync(target, String(bytes));
    if (log) appendFileSync(log, `${process.pid} ${bytes} ${basename(process.argv[1] ?? process.argv0).replace(/\s/g, '_') || 'node'}\n`);
  });
}
