// Small factories for tests: records, snapshots, and the event log of a series of snapshots (made by
// change tracking itself, so no test keeps a second tracker of its own).
import { applyDay, emptyState } from '../changes/history.ts';
import { observeSnapshot } from '../changes/observe.ts';
import type { EventLog } from '../store/types.ts';
import type { ModelRecord, Snapshot } from '../store/record.ts';

/** A valid record for `id` (`owner/name`); override any field. */
export function model(id: string, overrides: Partial<ModelRecord> = {}): ModelRecord {
  const slash = id.indexOf('/');
  return {
    id,
    owner: id.slice(0, slash),
    name: id.slice(slash + 1),
    chineseName: '',
    likes: 1,
    downloads: 10,
    tasks: ['text-generation'],
    tags: [],
    license: 'apache-2.0',
    licenseUpstream: null,
    inferenceType: 'chat',
    aigcType: '',
    visionFoundation: '',
    baseModels: [],
    parameters: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: null,
    openaiApi: false,
    openaiApiSince: null,
    upstreamId: null, ownerType: null, ownerFullName: '', officialTags: [], companion: null, triggerWords: [], genImageCount: null,
    ...overrides,
  };
}

/** A snapshot of `models` on `date`. */
export function snapshot(date: string, models: readonly ModelRecord[]): Snapshot {
  return {
    date,
    source: {
      origin: 'http://127.0.0.1:9',
      inferenceOrigin: 'http://127.0.0.1:9',
      totalCount: models.length,
      unfilteredTotalCount: models.length * 2,
      openaiApiModelCount: 0,
      shortfall: 0,
      unknownInference: 0,
    },
    models: [...models],
  };
}

/** The event log of `snapshots` (any order), made by change tracking itself (changes/history.ts). */
export function track(snapshots: readonly Snapshot[]): { log: EventLog } {
  const state = emptyState();
  for (const snap of [...snapshots].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const day = observeSnapshot(snap);
    applyDay(state, day.date, day.models, day.gateway);
  }
  return { log: state.log };
}

/** Hostile strings upstream might send, each a plausible model name. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  ampersand: 'R&D &amp; co',
  cdataEnd: 'end]]>of-cdata',
  rtlOverride: 'gpt\u202Egnp.exe',
  control: 'bell\u0007and\u001bescape',
  loneSurrogate: 'half\uD800pair',
} as const;
