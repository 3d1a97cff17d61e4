// Benchmark: the catalog search data at full size. Reads a data directory the way the site build does
// (default: .bench/site-60000-1y, made by `npm run bench:site`), builds the search shards, and prints
// each shard's raw and gzip size (zlib default level, as bench/site.ts measures), the total, the time to
// decode each shard, and the time per query over 100 typed prefixes (p50/p95, with and without the
// page's match cache). Then the same for a harsher copy of the rows: half the LoRAs with a Chinese
// name, 5% with long odd Unicode names, a fifth with unstructured names — real data is messier than the
// generator's.
// Its options: BENCH_SEARCH below, or `npm run bench:search -- --help`.
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { scriptOptions, type Command } from '../core/command.ts';
import { flag, integer, type Options } from '../core/options.ts';
import { readSiteInputs } from '../publish/inputs.ts';
import { dayNumber } from '../store/dates.ts';
import { searchRows } from '../site/src/lib/catalog/catalog-data.ts';
import { buildSearchShards, type SearchRow } from '../site/src/lib/search/search-index.ts';
import { appendShard, correctedQuery, emptyIndex, matchCache, PAGE_SIZE, runQuery, type SearchIndex } from '../site/src/lib/search/search.ts';
import { vocabulary } from '../site/src/lib/search/search-suggest.ts';
import { DEFAULT_STATE, SORT_KEYS } from '../site/src/lib/search/url-state.ts';
import { syntheticRows } from './search-rows.ts';
import { seededRandom } from '../simulator/hash.ts';

const BENCH_SEARCH = {
  name: 'bench:search',
  usage: 'npm run bench:search',
  about: `The catalog search data at full size: each shard's raw and gzip size, the time to decode it, and
the time per query over 100 typed prefixes, for the data dir's rows and for a harsher copy of them.
Writes nothing.`,
  operand: { name: 'DATA_DIR', doc: 'the data to read (default .bench/site-60000-1y, made by npm run bench:site)' },
  options: {
    'snapshot-days': integer({ value: 'N', min: 0, max: 100_000, default: 1, doc: 'dated snapshots published, as the build takes it' }),
    synthetic: integer({ value: 'N', min: 1, max: 1_000_000, doc: "bench/search-rows.ts' N synthetic rows instead of a data directory" }),
    'no-harsh': flag('skip the harsher copy'),
  },
} as const satisfies Command<Options>;

const { values, words } = scriptOptions(BENCH_SEARCH);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const log = (text: string): void => void process.stdout.write(`${text}\n`);

/** The rows and the newest day, from the data directory or the synthetic generator. */
async function loadRows(): Promise<{ rows: SearchRow[]; newest: number | undefined; source: string }> {
  if (values.synthetic !== undefined) {
    return { rows: syntheticRows(values.synthetic), newest: undefined, source: `${values.synthetic} synthetic rows` };
  }
  const dataDir = words.operand ?? '.bench/site-60000-1y';
  const started = performance.now();
  const inputs = await readSiteInputs({ dataDir, siteUrl: 'https://example.github.io/repo/', snapshotDays: values['snapshot-days'] });
  const rows = searchRows(inputs);
  const source = `${dataDir} (read in ${((performance.now() - started) / 1000).toFixed(1)} s)`;
  return { rows, newest: inputs.latest === undefined ? undefined : dayNumber(inputs.latest.date), source };
}

const HAN_WORDS = ['国风', '水墨', '少女', '写实', '真实', '极致', '动漫', '古风', '山水', '赛博朋克', '插画', '人像', '海报', '汉服', '仙侠', '风格',
  '美女', '小红书', '摄影', '电影感', '光影', '质感', '油画', '水彩', '线稿', '像素', '产品', '电商', '建筑', '室内', '写真', '古装', '治愈', '可爱',
  '高清', '细节', '增强', '修复', '老照片', '人物', '场景', '概念', '漫画', '手绘', '唯美', '梦幻', '复古', '胶片', '日系', '龙', '猫', '花'];
const ODD = ['Ｆｕｌｌ', 'ｗｉｄｔｈ', 'ﬁ', 'é', 'ñ', '\u0301', '\u200d', '🔥', '🐉', '✨', 'مرحبا', 'שלום', 'Ωμέγα', 'Привет', '日本語', 'ㅋㅋ', '\u202e', '·', '—', '\t', 'ß', 'İ'];
const PINYIN = ['ai', 'an', 'bai', 'chen', 'chun', 'da', 'dong', 'fang', 'feng', 'guo', 'hai', 'hong', 'hua', 'jia', 'jin', 'kai', 'lan', 'li', 'lin',
  'long', 'mei', 'ming', 'mo', 'qing', 'shan', 'shi', 'shu', 'tian', 'wang', 'wei', 'xiao', 'xin', 'yan', 'yang', 'yi', 'yu', 'yun', 'zhang', 'zhen', 'zhi'];

/** A messier copy of `rows`: more and longer Chinese names, odd Unicode and unstructured names (ids stay unique). */
function harsh(rows: readonly SearchRow[]): SearchRow[] {
  const random = seededRandom(0x4a25);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const int = (below: number): number => Math.floor(random() * below);
  return rows.map((row, k): SearchRow => {
    let { name, chineseName, href } = row;
    if (row.aigcType === 'LoRA' && random() < 0.5) chineseName = Array.from({ length: 2 + int(5) }, () => pick(HAN_WORDS)).join(random() < 0.2 ? '_' : '');
    const draw = random();
    if (draw < 0.05) {
      // Long odd names: mixed scripts, emoji, combining marks, direction marks.
      name = Array.from({ length: 8 + int(25) }, () => (random() < 0.5 ? pick(ODD) : pick(PINYIN))).join('') + `-${k.toString(36)}`;
      href = `models/${encodeURIComponent(row.owner)}/~${k.toString(36)}/`;
    } else if (draw < 0.25) {
      // Unstructured names: run-together pinyin, random case, numbers.
      const text = Array.from({ length: 2 + int(5) }, () => pick(PINYIN)).join(pick(['', '_', '-']));
      name = `${random() < 0.3 ? text.toUpperCase() : text}${random() < 0.5 ? int(10_000) : ''}-${k.toString(36)}`;
    }
    return { ...row, id: `${row.owner}/${name}`, name, chineseName, href };
  });
}

/** Misspellings of words the catalogue holds, and words it does not. */
const TYPOS = ['qwne', 'flxu', 'potrait', 'cyberpnuk', 'zzqx', 'lroa anime', 'watercolour'];

/** Median of `times`. */
const median = (times: number[]): number => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;

/** p50 and p95 of `times`, as text. */
function percentiles(times: readonly number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0).toFixed(2);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
}

// 100 typed prefixes: every prefix of these words, as someone types them.
const WORDS = ['flux', 'anime', 'qwen', 'portrait', 'lightning', 'ghibli', 'watercolor', 'studio', 'musepublic', 'xiao', 'lora', '国风', 'v2', 'cyber', 'sketch', 'turbo', 'chinese ink', 'dream'];
const PREFIXES = WORDS.flatMap((word) => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1))).slice(0, 100);

/** Sizes, decode times and query times for one set of rows. */
function measure(label: string, rows: readonly SearchRow[], newest: number | undefined): void {
  const listed = rows.filter((row) => row.onList).length;
  const started = performance.now();
  const shards = buildSearchShards(rows, newest === undefined ? {} : { newest });
  log(`\n== ${label}: ${listed} models on the list, ${rows.length - listed} that left; shards built in ${(performance.now() - started).toFixed(0)} ms`);
  let raw = 0;
  let gzip = 0;
  for (const shard of shards) {
    const size = Buffer.byteLength(shard.content);
    const packed = gzipSync(shard.content).length;
    raw += size;
    gzip += packed;
    log(`${shard.name.padEnd(14)} ${kb(size).padStart(11)} raw ${kb(packed).padStart(10)} gzip`);
  }
  log(`${'total'.padEnd(14)} ${kb(raw).padStart(11)} raw ${kb(gzip).padStart(10)} gzip`);

  // Decode: each shard appended in turn, as the page does; first run (cold) and median of five.
  const runs: number[][] = [];
  let index: SearchIndex = emptyIndex();
  for (let run = 0; run < 5; run++) {
    index = emptyIndex();
    runs.push(shards.map((shard) => {
      const start = performance.now();
      index = appendShard(index, shard.content);
      return performance.now() - start;
    }));
  }
  shards.forEach((shard, i) => {
    const times = runs.map((run) => run[i] ?? 0);
    log(`decode ${shard.name.padEnd(14)} first ${(times[0] ?? 0).toFixed(1)} ms, median ${median(times).toFixed(1)} ms, best ${Math.min(...times).toFixed(1)} ms`);
  });

  // Queries over everything decoded (left models included where asked), typed prefix by prefix.
  const orders = performance.now();
  for (const sort of SORT_KEYS) runQuery(index, { ...DEFAULT_STATE, sort });
  log(`row orders (first query of each sort, once per index): ${(performance.now() - orders).toFixed(0)} ms for all ${SORT_KEYS.length}`);
  const time = (run: () => unknown): number => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };
  for (const left of [false, true]) {
    const cold = PREFIXES.map((q) => time(() => runQuery(index, { ...DEFAULT_STATE, q, left })));
    const cache = matchCache();
    const typed = PREFIXES.map((q) => time(() => runQuery(index, { ...DEFAULT_STATE, q, left }, PAGE_SIZE, cache)));
    log(`${PREFIXES.length} prefixes over ${index.size} rows${left ? ' (left included)' : ''}: no cache ${percentiles(cold)}; typing with the cache ${percentiles(typed)}`);
  }
  // A search that finds nothing as typed: the page looks for the misspelt words' right spelling. The
  // first such search builds the word list (once per index); each after it pays the look-up alone.
  const first = time(() => correctedQuery(index, { ...DEFAULT_STATE, q: 'qwne' }));
  const typos = TYPOS.map((q) => time(() => correctedQuery(index, { ...DEFAULT_STATE, q })));
  log(`misspelt searches (${TYPOS.join(', ')}): first ${first.toFixed(1)} ms (builds the ${vocabulary(index).size}-word list), then ${percentiles(typos)}`);
}

const { rows, newest, source } = await loadRows();
log(`rows from ${source}`);
measure('as generated', rows, newest);
if (!values['no-harsh']) measure('harsher copy', harsh(rows), newest);
