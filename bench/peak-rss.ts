// Preloaded with `node --import ./bench/peak-rss.ts script.ts`: reports the process's peak RSS when it exits,
// so a benchmark measures the real command rather than a copy of it.
import { writeFileSync } from 'node:fs';

const target = process.env['PEAK_RSS_FILE'];
if (target) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes.
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
