import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { createPacer } from '../crawler/http/pacing.ts';
import type { HttpClientOptions } from '../crawler/http/client.ts';
import { anyJson, cleanupList, json, serve, status, testClient } from './http-helpers.ts';
import type { Handler } from './http-helpers.ts';

const cleanup = cleanupList();
afterEach(() => cleanup.run());

/** An Agent that notes when each attempt is handed to it, i.e. when the client starts a request. */
class RecordingAgent extends Agent {
  starts: number[] = [];
  override dispatch(options: Agent.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.starts.push(performance.now());
    return super.dispatch(options, handler);
  }
}

async function setup(handlers: Handler | Handler[], options: Partial<HttpClientOptions>) {
  const server = await serve(handlers);
  cleanup.add(() => server.close());
  const agent = new RecordingAgent();
  const test = testClient(options, agent);
  cleanup.add(() => agent.destroy());
  return { server, ...test, agent, url: `${server.origin}/api/v1/dolphin/models` };
}

function gaps(times: number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.slice(1).map((time, index) => time - (sorted[index] ?? time));
}

const later = (ms: number, handler: Handler): Handler => (res, hit, index) => void setTimeout(() => handler(res, hit, index), ms);

describe('http/rate-cap', () => {
  it('starts requests no faster than rps, retries included', async () => {
    const { client, agent, url } = await setup([status(500), json({ ok: true })], { rps: 20, concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, page) => client.requestJson({ method: 'PUT', url, page, parse: anyJson })));
    expect(agent.starts).toHaveLength(7);
    const sorted = [...agent.starts].sort((a, b) => a - b);
    // Starts sit on a 50 ms grid; a late timer may let the attempts already waiting (at most concurrency − 1 = 1)
    // catch up, never more. So any j − i starts span at least (j − i − 1) slots, however loaded the machine is.
    // 1 ms allows for the two clocks read a few µs apart.
    for (let i = 0; i < sorted.length; i += 1) {
      for (let j = i + 1; j < sorted.length; j += 1) {
        expect(sorted[j]! - sorted[i]!).toBeGreaterThanOrEqual((j - i - 1) * 50 - 1);
      }
    }
    // And the whole run took at least its slots: 7 starts need 6 intervals, less the one catch-up.
    expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThanOrEqual(5 * 50 - 1);
  });

  it('never has more than `concurrency` requests in flight', async () => {
    const { client, server, url } = await setup(later(60, json({ ok: true })), { rps: 1_000, concurrency: 3 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 9 }, () => client.requestJson({ method: 'GET', url, parse: anyJson })));
    expect(server.inFlight.max).toBe(3);
    // Nine 60 ms requests three at a time take three rounds.
    expect(performance.now() - started).toBeGreaterThanOrEqual(175);
  });

  it('resolves onIdle only once requests waiting out a back-off are done', async () => {
    const { client, url } = await setup([status(503), json({ ok: true })], { rps: 1_000, sleep: (ms) => delay(ms), baseDelayMs: 100, random: () => 1 });
    let done = false;
    void client.requestJson({ method: 'GET', url, parse: anyJson }).then(() => {
      done = true;
    });
    await delay(30); // the first attempt has failed and the client is in its 100 ms back-off, outside the queue
    expect(done).toBe(false);
    await client.onIdle();
    expect(done).toBe(true);
    await expect(client.onIdle()).resolves.toBeUndefined();
  });

  /** A pacer on a fake clock whose timers over 1 ms fire `lateBy` ms late (negative: early); returns the start times. */
  async function starts(count: number, lateBy: number, idleAfter?: number): Promise<number[]> {
    let now = 1_000;
    const pacer = createPacer(20, () => now, async (ms) => {
      now += ms > 1 ? ms + lateBy : ms;
    });
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1) {
      if (i === idleAfter) now += 10_000;
      await pacer.wait();
      seen.push(now);
    }
    return seen;
  }

  it('keeps starts on a fixed grid when timers fire late, so the rate does not drift', async () => {
    // p-queue would measure each gap from the late start: 1053, 1106, 1159.
    expect(await starts(4, 3)).toEqual([1_000, 1_053, 1_103, 1_153]);
  });

  it('waits again rather than start early when a timer fires early', async () => {
    expect(await starts(3, -1)).toEqual([1_000, 1_050, 1_100]);
  });

  it('does not bank slots while idle: after a pause the next start is immediate and the grid restarts', async () => {
    expect(await starts(4, 0, 2)).toEqual([1_000, 1_050, 11_050, 11_100]);
  });

  it('does not pace at all when rps is Infinity', async () => {
    const sleeps: number[] = [];
    const pacer = createPacer(Infinity, () => 0, async (ms) => void sleeps.push(ms));
    await Promise.all(Array.from({ length: 100 }, () => pacer.wait()));
    expect(sleeps).toEqual([]);
  });
});
