// Benchmark: the catalog search index at ModelScope's size. Builds 60,000 synthetic rows (90% image LoRAs
// with realistic-looking ids, a few owners with thousands of models, ~40 on the OpenAI-compatible
// gateway), prints each shard's raw and gzip size, then times queries in Node (p50/p95).
// `node bench/search-size.ts [--models 60000] [--queries 200]` — writes nothing.
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { buildSearchShards } from '../site/src/lib/search-index.ts';
import { syntheticRows } from './search-rows.ts';
import { decodeShards, matchCache, PAGE_SIZE, runQuery } from '../site/src/lib/search.ts';
import { DEFAULT_STATE, SORT_KEYS, type CatalogState } from '../site/src/lib/url-state.ts';

const { values } = parseArgs({ options: { models: { type: 'string', default: '60000' }, queries: { type: 'string', default: '200' } } });
const MODELS = Number(values.models);
const QUERIES = Number(values.queries);

const rows = syntheticRows(MODELS);
const t0 = performance.now();
const shards = buildSearchShards(rows);
const buildMs = performance.now() - t0;
console.log(`${MODELS} rows (${rows.filter((r) => r.openaiApi).length} OpenAI-compatible, ${rows.filter((r) => r.aigcType === 'LoRA').length} LoRAs), built in ${buildMs.toFixed(0)} ms`);
let rawTotal = 0;
let gzipTotal = 0;
for (const shard of shards) {
  const raw = Buffer.byteLength(shard.content);
  const gzip = gzipSync(shard.content, { level: 9 }).length;
  rawTotal += raw;
  gzipTotal += gzip;
  console.log(`${shard.name}: ${(raw / 1024).toFixed(0)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip`);
}
console.log(`total: ${(rawTotal / 1024).toFixed(0)} KB raw, ${(gzipTotal / 1024).toFixed(1)} KB gzip`);

const timed = <T>(run: () => T): { ms: number; value: T } => {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
};
const first = timed(() => decodeShards(shards.slice(0, 1).map((s) => s.content)));
const all = timed(() => decodeShards(shards.map((s) => s.content)));
console.log(`decode: shard 0 ${first.ms.toFixed(1)} ms, all shards ${all.ms.toFixed(1)} ms`);
const index = all.value;

// Type-ahead queries (prefixes of real words), filters, sorts and deep pages, mixed.
const words = ['flux', 'anime', 'guofeng lora', '国风', 'qwen', 'MusePublic', 'xiao', 'portrait girl', 'ink', 'cyber', 'v2', 'zzzz'];
const states: CatalogState[] = Array.from({ length: QUERIES }, (_, k) => {
  const word = words[k % words.length] ?? '';
  return {
    ...DEFAULT_STATE,
    q: word.slice(0, 1 + (k % word.length)),
    sort: SORT_KEYS[k % SORT_KEYS.length] ?? 'downloads',
    api: k % 17 === 0, recent: k % 13 === 0, left: k % 11 === 0,
    family: k % 7 === 0 ? 'FLUX_1' : '', page: k % 5 === 0 ? 1 + (k % 40) : 1,
  };
});
// Row orders are built on the first query of each sort and kept: time them apart from the queries.
const orders = timed(() => SORT_KEYS.map((sort) => runQuery(index, { ...DEFAULT_STATE, sort }))).ms;
console.log(`first query of each sort (row orders built, once per index): ${orders.toFixed(0)} ms for all four`);
const percentiles = (times: number[]): string => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0).toFixed(2);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
};
// Cold: every query scans all rows. Typing: keystroke by keystroke with the page's cache, as the browser does.
console.log(`${QUERIES} mixed queries over ${index.size} rows, no cache: ${percentiles(states.map((state) => timed(() => runQuery(index, state)).ms))}`);
const cache = matchCache();
const keystrokes = words.flatMap((word) => [...Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1)), ...Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, word.length - 1 - i))]);
console.log(`${keystrokes.length} keystrokes typed and deleted, with the cache: ${percentiles(keystrokes.map((q) => timed(() => runQuery(index, { ...DEFAULT_STATE, q }, PAGE_SIZE, cache)).ms))}`);
const last = runQuery(index, { ...DEFAULT_STATE, left: true, page: 1_000_000 });
console.log(`last page: ${last.page} of ${last.pages}, ${last.rows.length} rows, total ${last.total}`);
