import { describe, expect, it } from 'vitest';
import { isStale, missedNights, statusView } from '../site/src/lib/views/status-view.ts';
import { shanghaiToday } from '../site/src/scripts/status.ts';
import type { ObservedDay } from '../store/types.ts';

const day = (date: string, previous: string | null, overrides: Partial<ObservedDay> = {}): ObservedDay => ({
  date, previous, missing: [], models: 10, entered: 0, left: 0, returned: 0, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0, ...overrides,
});

describe('site/status-view', () => {
  it('reports the gateway list, the listing shortfall and records of unknown inference type from the newest night', () => {
    const log = { days: [day('2026-03-01', null), day('2026-03-03', '2026-03-01', { missing: ['2026-03-02'], models: 12, gateway: 35 })], events: [] };
    expect(statusView(log, '2026-03-04', { shortfall: 3, unknownInference: 7, origin: 'https://modelscope.cn' })).toEqual({
      newest: '2026-03-03',
      ageDays: 1,
      models: 12,
      previous: { date: '2026-03-01', models: 10 },
      missing: [{ date: '2026-03-02', outcome: null, reason: null }],
      observed: 2,
      gateway: 35,
      shortfall: 3,
      unknownInference: 7,
      demo: false,
    });
  });

  it('says nothing of a gateway list an older snapshot did not keep, nor of a shortfall before the first crawl', () => {
    expect(statusView({ days: [day('2026-03-01', null)], events: [] }, '2026-03-01')).toMatchObject({ gateway: null, shortfall: 0, unknownInference: 0 });
    expect(statusView({ days: [], events: [] }, '2026-03-01')).toMatchObject({ newest: null, gateway: null, shortfall: 0 });
  });
});

describe('site/status-view missed nights', () => {
  const log = { days: [day('2026-03-01', null), day('2026-03-04', '2026-03-01', { missing: ['2026-03-02', '2026-03-03'] })], events: [] };

  it('gives each missed night its recorded outcome and reason, the nights after the newest snapshot included, newest first', () => {
    const nights = [
      { date: '2026-03-02', outcome: 'refused' as const, reason: 'filter ignored' },
      { date: '2026-03-04', outcome: 'failed' as const, reason: 'a re-run that later published: not missing' },
      { date: '2026-03-06', outcome: 'failed' as const, reason: 'HTTP 502 on page 3' },
    ];
    expect(missedNights(log, nights)).toEqual([
      { date: '2026-03-06', outcome: 'failed', reason: 'HTTP 502 on page 3' },
      { date: '2026-03-03', outcome: null, reason: null },
      { date: '2026-03-02', outcome: 'refused', reason: 'filter ignored' },
    ]);
  });

  it('says a site built from the demo’s simulator is a demo', () => {
    for (const origin of ['http://127.0.0.1:40123', 'http://localhost:8080', 'http://[::1]:9']) {
      expect(statusView(log, '2026-03-04', { shortfall: 0, unknownInference: 0, origin }).demo, origin).toBe(true);
    }
    expect(statusView(log, '2026-03-04', { shortfall: 0, unknownInference: 0, origin: 'https://modelscope.cn' }).demo).toBe(false);
  });

  it('calls data stale once the newest snapshot is older than yesterday’s night, on the reader’s day in Shanghai', () => {
    expect(isStale('2026-03-04', '2026-03-05')).toBe(false);
    expect(isStale('2026-03-04', '2026-03-06')).toBe(true);
    expect(isStale(null, '2026-03-06')).toBe(true);
    // 2026-03-05 16:30 UTC is 00:30 on the 6th in Shanghai.
    expect(shanghaiToday(Date.UTC(2026, 2, 5, 16, 30))).toBe('2026-03-06');
    expect(shanghaiToday(Date.UTC(2026, 2, 5, 15, 59))).toBe('2026-03-05');
  });
});
