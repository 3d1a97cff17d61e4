// Issue 20: an implausible TotalCount (1e8, 2^53 − 1) is refused at once, in one line, with memory that
// does not grow with it; and pages are handed out lazily, so no TotalCount can make an array of requests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { RefusalError } from '../core/errors.ts';
import { crawl, type CrawlOptions } from '../crawler/crawl.ts';
import { implausibleTotal, MAX_TOTAL, plausibleTotal } from '../crawler/guards.ts';
import { createHttpClient } from '../crawler/http/client.ts';
import { eachPage } from '../crawler/listing.ts';

let server: Server | undefined;
let agent: Agent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

const model = (n: number) => ({ Path: 'owner', Name: `m${n}`, Stars: 1, Downloads: 1, SupportInference: 'txt2txt', CreatedTime: 1771213910 });

/** A loopback catalog whose filtered listing says `total`; counts the listing requests. */
async function catalog(total: number, hubTotal = Number.MAX_SAFE_INTEGER): Promise<{ origin: string; listing: () => number }> {
  let listing = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.includes('/v1/models')) return void res.end(JSON.stringify({ object: 'list', data: [] }));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SingleCriterion: unknown[]; PageNumber: number };
      const filtered = body.SingleCriterion.length > 0;
      if (filtered) listing += 1;
      const models = Array.from({ length: 100 }, (_, i) => model((body.PageNumber - 1) * 100 + i));
      res.end(JSON.stringify({ Code: 200, Success: true, Data: { Model: { Models: models, TotalCount: filtered ? total : hubTotal } } }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return { origin, listing: () => listing };
}

async function crawlAgainst(origin: string, previous?: CrawlOptions['previous']) {
  agent = new Agent({ connections: 4 });
  const client = createHttpClient({ dispatcher: agent, concurrency: 4, rps: Infinity, retries: 0 });
  const options: CrawlOptions = { origin, inferenceOrigin: origin, date: '2026-03-01', allowShrink: false, maxShrink: 0.3, maxPasses: 3, wave: 4, previous };
  try {
    return await crawl(client, options);
  } finally {
    client.close();
  }
}

describe('total-count/refused', () => {
  it.each([[1e8], [2 ** 53 - 1], [MAX_TOTAL + 1], [1e15]])('refuses TotalCount %d at once, with one listing request and bounded memory', async (total) => {
    const { origin, listing } = await catalog(total);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const error = await crawlAgainst(origin).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RefusalError);
    expect((error as RefusalError).reason).toBe('implausible-total');
    expect((error as Error).message).toBe(`TotalCount ${total} is not plausible (more than 1,000,000 models): the reply is broken; nothing was paged through`);
    expect((error as Error).message).not.toContain('\n');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(listing()).toBe(1);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50e6);
  });

  it('refuses a TotalCount far above the previous night, and takes one in reach of it', async () => {
    const { origin } = await catalog(20_001);
    await expect(crawlAgainst(origin, { date: '2026-02-28', count: 1000 })).rejects.toThrow(/^TotalCount 20001 is not plausible \(more than 20,000 models, ten times the 1,000 on 2026-02-28 plus 10,000\): the reply is broken/);
    const night = (count: number) => ({ date: '2026-02-28', count });
    expect(plausibleTotal(undefined).max).toBe(MAX_TOTAL);
    expect(plausibleTotal(night(60_000)).max).toBe(610_000);
    expect(plausibleTotal(night(500_000))).toEqual(plausibleTotal(undefined));
    expect(implausibleTotal(20_000, plausibleTotal(night(1000)))).toBeUndefined();
    expect(implausibleTotal(0, plausibleTotal(night(0)))).toBeUndefined();
    expect(implausibleTotal(Number.NaN, plausibleTotal(undefined))).toMatch(/not plausible/);
    expect(implausibleTotal(1.5, plausibleTotal(undefined))).toMatch(/not plausible/);
  });

  it('still pages a plausible TotalCount through to a snapshot', async () => {
    const { origin, listing } = await catalog(300, 1000);
    const result = await crawlAgainst(origin);
    expect(result.snapshot.models).toHaveLength(300);
    expect(listing()).toBe(3);
  });
});

describe('total-count/lazy-pages', () => {
  it('hands out page numbers one at a time: a failure on page 5 of 2^53 − 1 stops it after a handful', async () => {
    const asked: number[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    await expect(
      eachPage(2, 2 ** 53 - 1, 4, async (page) => {
        asked.push(page);
        await Promise.resolve();
        if (page === 5) throw new Error('page 5 failed');
      }),
    ).rejects.toThrow('page 5 failed');
    expect(Math.max(...asked)).toBeLessThan(12);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20e6);
  });

  it('reads every page once, at most `workers` at a time', async () => {
    const asked: number[] = [];
    let inFlight = 0;
    let most = 0;
    await eachPage(2, 40, 3, async (page) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      asked.push(page);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
    });
    expect(asked.sort((a, b) => a - b)).toEqual(Array.from({ length: 39 }, (_, i) => i + 2));
    expect(most).toBe(3);
    await eachPage(2, 1, 3, async () => {
      throw new Error('no page to read');
    });
  });
});
