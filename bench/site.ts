// `npm run bench:site`: the whole `npm run build` over 60,000 models and a year (or more) of simulated
// history, measured as a user would meet it: build time and peak RSS, the size of site/dist, the catalog's
// first load, the lazily fetched search data, and in headless Chromium the search's response times.
// Flags: --years N (default 1; 3 shows growth), --models N, --snapshot-days N (default 2, as the nightly
// workflow publishes), --no-browser. Generated data is cached in .bench/site-<models>-<years>y/.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { applyDay, emptyState } from '../changes/history.ts';
import { writeState } from '../store/change-files.ts';
import { dateOfDay, dayNumber } from '../store/dates.ts';
import { World } from './history-world.ts';

const { values: flags } = parseArgs({
  options: {
    years: { type: 'string', default: '1' },
    models: { type: 'string', default: '60000' },
    'snapshot-days': { type: 'string', default: '2' },
    'no-browser': { type: 'boolean', default: false },
  },
});
const YEARS = Number(flags.years);
const MODELS = Number(flags.models);
const SNAPSHOT_DAYS = Number(flags['snapshot-days']);
const BUDGET = { buildS: 120, rssMb: 2048, distMb: 500, firstLoadKb: 50, searchKb: 700, keystrokeMs: 16, firstResultsMs: 300 };
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const mb = (bytes: number): number => bytes / 1024 / 1024;

/** A data dir of `years` of simulated nights, the newest `SNAPSHOT_DAYS` snapshots on disk. */
async function generate(dataDir: string): Promise<void> {
  const done = join(dataDir, '.complete');
  if (await access(done).then(() => true, () => false)) return log(`using cached data in ${dataDir}`);
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const days = 365 * YEARS;
  const first = dayNumber('2026-11-24') - days + 1;
  const world = new World({ models: MODELS });
  const state = emptyState();
  const started = performance.now();
  for (let i = 0; i < days; i++) {
    if (i > 0) world.advance();
    const date = dateOfDay(first + i);
    if (i % 97 === 50) continue; // a missed night now and then: gaps, never removals
    if (i >= days - SNAPSHOT_DAYS) await world.writeSnapshot(dataDir, date);
    applyDay(state, date, world.observations());
    if (i % 100 === 0) log(`  generated ${date} (${i + 1}/${days})`);
  }
  await writeState(dataDir, state);
  await writeFile(done, '');
  log(`generated ${days} nights, ${state.tracks.size} models ever seen, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function filesUnder(dir: string): Promise<{ path: string; size: number }[]> {
  const out: { path: string; size: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, size: (await stat(path)).size });
  }
  return out;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.js': 'text/javascript', '.css': 'text/css', '.xml': 'application/xml' };

/** Serve `root` under `/repo/` on loopback, decoding the path once as GitHub Pages does. */
function serve(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith('/repo/')) return void res.writeHead(404).end();
    path = path.slice('/repo'.length);
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, `.${path}`);
    if (!file.startsWith(root + sep) || !(await stat(file).then((s) => s.isFile(), () => false))) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    ok({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}` });
  }));
}

/** Search timings in Chromium: first keystroke → first results (lazy fetch included), then p95 per keystroke. */
async function browserTimings(origin: string): Promise<{ first: number; p50: number; p95: number }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/repo/`);
    // Type into the box and wait until the count paragraph changes and a frame has rendered.
    const typed = (text: string) =>
      page.evaluate(async (value) => {
        const input = document.querySelector<HTMLInputElement>('#q')!;
        const count = document.querySelector('#count')!;
        const before = count.textContent;
        const start = performance.now();
        input.focus();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise<void>((done) => {
          const check = () => (count.textContent !== before || performance.now() - start > 5000 ? done() : requestAnimationFrame(check));
          check();
        });
        await new Promise((done) => requestAnimationFrame(() => done(undefined)));
        return performance.now() - start;
      }, text);
    const first = await typed('f');
    // Let the rest of the index arrive, then time keystrokes that each change the result set.
    await page.waitForFunction(() => !/…/.test(document.querySelector('#count')?.textContent ?? ''), undefined, { timeout: 10_000 }).catch(() => {});
    const words = ['flux', 'anime', 'qwen', 'portrait', 'studio1', 'ghibli', 'pixel', 'coder', 'turbo', 'xl'];
    const times: number[] = [];
    for (const word of words) for (let i = 1; i <= word.length; i++) times.push(await typed(word.slice(0, i)));
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    return { first, p50: at(0.5), p95: at(0.95) };
  } finally {
    await browser.close();
  }
}

const dataDir = resolve(`.bench/site-${MODELS}-${YEARS}y`);
const outDir = resolve(`.bench/site-${MODELS}-${YEARS}y-dist`);
await generate(dataDir);
const rssFile = resolve('.bench/site-build-rss');
log('building…');
const started = performance.now();
await promisify(execFile)(process.execPath, ['--import', './bench/peak-rss.ts', 'publish/build.ts', '--data-dir', dataDir, '--out', outDir, '--site-url', 'https://example.github.io/repo/', '--snapshot-days', String(SNAPSHOT_DAYS)], {
  env: { ...process.env, PEAK_RSS_FILE: rssFile },
  maxBuffer: 1 << 26,
});
const buildS = (performance.now() - started) / 1000;
const rssMb = mb(Number(await readFile(rssFile, 'utf8')));
const files = await filesUnder(outDir);
const total = files.reduce((sum, file) => sum + file.size, 0);
const sizeOf = (prefix: string) => files.filter((f) => f.path.startsWith(join(outDir, prefix))).reduce((sum, f) => sum + f.size, 0);
const home = await readFile(join(outDir, 'index.html'), 'utf8');
const referenced = [...home.matchAll(/(?:src|href)="\/repo\/(_assets\/[^"]+)"/g)].map((m) => m[1] as string);
let firstLoad = gzipSync(home).length;
for (const asset of referenced) firstLoad += gzipSync(await readFile(join(outDir, asset))).length;
const shards = files.filter((f) => f.path.startsWith(join(outDir, 'search') + sep));
const shardGz = await Promise.all(shards.map(async (f) => gzipSync(await readFile(f.path)).length));
const searchKb = shardGz.reduce((a, b) => a + b, 0) / 1024;
const pages = files.filter((f) => f.path.includes(`${sep}models${sep}`) && f.path.endsWith('index.html'));

const rows: [string, string, boolean | undefined][] = [
  ['build (npm run build)', `${buildS.toFixed(1)} s (≤ ${BUDGET.buildS})`, buildS <= BUDGET.buildS],
  ['build peak RSS', `${rssMb.toFixed(0)} MB (≤ ${BUDGET.rssMb})`, rssMb <= BUDGET.rssMb],
  ['site/dist', `${mb(total).toFixed(1)} MB in ${files.length} files (≤ ${BUDGET.distMb} MB)`, mb(total) <= BUDGET.distMb],
  ['  model pages (both languages)', `${mb(pages.reduce((a, f) => a + f.size, 0)).toFixed(1)} MB, ${pages.length} pages, ${(pages.reduce((a, f) => a + f.size, 0) / Math.max(1, pages.length) / 1024).toFixed(2)} KB each`, undefined],
  ['  api/models', `${mb(sizeOf(join('api', 'models'))).toFixed(1)} MB`, undefined],
  ['  api/snapshots + latest.json', `${mb(sizeOf(join('api', 'snapshots')) + sizeOf(join('api', 'latest.json'))).toFixed(1)} MB (${SNAPSHOT_DAYS} dated)`, undefined],
  ['catalog first load (gzip)', `${(firstLoad / 1024).toFixed(1)} KB (≤ ${BUDGET.firstLoadKb})`, firstLoad / 1024 <= BUDGET.firstLoadKb],
  ['search data (gzip)', `${searchKb.toFixed(0)} KB in ${shards.length} shards, first ${((shardGz[0] ?? 0) / 1024).toFixed(0)} KB (≤ ${BUDGET.searchKb})`, searchKb <= BUDGET.searchKb],
];
if (!flags['no-browser']) {
  const { server, origin } = await serve(outDir);
  try {
    const t = await browserTimings(origin);
    rows.push(['first keystroke → results', `${t.first.toFixed(0)} ms (≤ ${BUDGET.firstResultsMs})`, t.first <= BUDGET.firstResultsMs]);
    rows.push(['keystroke → rendered', `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (≤ ${BUDGET.keystrokeMs})`, t.p95 <= BUDGET.keystrokeMs]);
  } finally {
    server.close();
  }
}
console.log(`bench:site — ${MODELS} models, ${YEARS} simulated year(s)`);
for (const [name, figure, ok] of rows) console.log(`${name.padEnd(32)} ${figure}${ok === undefined ? '' : ok ? '  PASS' : '  FAIL'}`);
process.exitCode = rows.some(([, , ok]) => ok === false) ? 1 : 0;
