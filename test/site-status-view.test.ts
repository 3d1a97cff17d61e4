import { describe, expect, it } from 'vitest';
import { statusView } from '../site/src/lib/status-view.ts';
import type { ObservedDay } from '../store/types.ts';

const day = (date: string, previous: string | null, overrides: Partial<ObservedDay> = {}): ObservedDay => ({
  date, previous, missing: [], models: 10, entered: 0, left: 0, returned: 0, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0, ...overrides,
});

describe('site/status-view', () => {
  it('reports the gateway list, the listing shortfall and records of unknown inference type from the newest night', () => {
    const log = { days: [day('2026-03-01', null), day('2026-03-03', '2026-03-01', { missing: ['2026-03-02'], models: 12, gateway: 35 })], events: [] };
    expect(statusView(log, '2026-03-04', { shortfall: 3, unknownInference: 7 })).toEqual({
      newest: '2026-03-03',
      ageDays: 1,
      models: 12,
      previous: { date: '2026-03-01', models: 10 },
      missing: ['2026-03-02'],
      observed: 2,
      gateway: 35,
      shortfall: 3,
      unknownInference: 7,
    });
  });

  it('says nothing of a gateway list an older snapshot did not keep, nor of a shortfall before the first crawl', () => {
    expect(statusView({ days: [day('2026-03-01', null)], events: [] }, '2026-03-01')).toMatchObject({ gateway: null, shortfall: 0, unknownInference: 0 });
    expect(statusView({ days: [], events: [] }, '2026-03-01')).toMatchObject({ newest: null, gateway: null, shortfall: 0 });
  });
});
