// One measured phase of the history benchmark, run in its own process so that its peak memory is
// its own: `node bench/history-phase.ts update|rebuild|parse <dataDir> [date]`. Prints one JSON line.
import { readSnapshot } from '../store/snapshots.ts';
import { rebuildChanges } from '../changes/rebuild.ts';
import { updateChanges } from '../changes/update.ts';

/** What a phase reports back to bench/history.ts. */
export interface PhaseResult {
  phase: string;
  /** Wall time of the phase itself, excluding process start-up. */
  ms: number;
  /** Peak resident set size of the process, MB. */
  maxRssMb: number;
  /** Phase-specific detail (the update summary, etc.). */
  detail: unknown;
}

const [phase, dataDir, date] = process.argv.slice(2);
if (dataDir === undefined || (phase !== 'rebuild' && date === undefined)) {
  process.stderr.write('usage: node bench/history-phase.ts update|rebuild|parse <dataDir> [date]\n');
  process.exit(2);
}
const start = performance.now();
let detail: unknown;
if (phase === 'update') {
  const summary = await updateChanges(dataDir, date as string);
  detail = { ...summary, filesWritten: summary.filesWritten.length };
} else if (phase === 'rebuild') {
  const summary = await rebuildChanges(dataDir);
  detail = { ...summary, filesWritten: summary.filesWritten.length };
} else if (phase === 'parse') {
  const snapshot = await readSnapshot(dataDir, date as string);
  detail = { models: snapshot?.models.length };
} else {
  throw new Error(`unknown phase ${phase}`);
}
const result: PhaseResult = {
  phase: phase as string,
  ms: performance.now() - start,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  detail,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
