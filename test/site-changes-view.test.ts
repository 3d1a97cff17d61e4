// The changes timeline lists a bounded number of each kind's events a night, the ones that matter first.
import { describe, expect, it } from 'vitest';
import { dayViews, MAX_EVENTS_SHOWN } from '../site/src/lib/views/changes-view.ts';
import type { ChangeEvent, EventLog } from '../store/types.ts';

const event = (id: string, kind: ChangeEvent['kind'], downloads: number): ChangeEvent => ({ date: '2026-03-02', id, kind, likes: 0, downloads });

describe('site/changes-view', () => {
  it('lists at most MAX_EVENTS_SHOWN of a kind a night: OpenAI-compatible first, then the most downloaded, and counts them all', () => {
    const lora = Array.from({ length: 100 }, (_, i) => event(`lora/m${String(i).padStart(3, '0')}`, 'left', 1000 + i));
    const chat = [event('chat/tiny', 'left', 1), event('chat/small', 'left', 2)];
    const log: EventLog = {
      days: [
        { date: '2026-03-01', previous: null, missing: [], models: 200, entered: 0, left: 0, returned: 0, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0 },
        { date: '2026-03-02', previous: '2026-03-01', missing: [], models: 98, entered: 1, left: 102, returned: 0, renamed: 0, gateway: null, served: 0, unserved: 0, servedAgain: 0 },
      ],
      events: [...lora, ...chat, event('new/one', 'entered', 5)],
    };
    const [day] = dayViews(log, (id) => (id.startsWith('chat/') ? 'openai' : 'lora'));
    expect(MAX_EVENTS_SHOWN).toBe(30);
    expect(day?.counts).toEqual({ entered: 1, left: 102, returned: 0, renamed: 0, served: 0, 'served-again': 0, unserved: 0 });
    const left = day?.events.left.map((e) => e.id) ?? [];
    expect(left).toHaveLength(MAX_EVENTS_SHOWN);
    expect(left.slice(0, 2)).toEqual(['chat/small', 'chat/tiny']);
    expect(left[2]).toBe('lora/m099');
    expect(left.at(-1)).toBe(`lora/m${String(100 - (MAX_EVENTS_SHOWN - 2)).padStart(3, '0')}`);
    expect(day?.events.entered.map((e) => e.id)).toEqual(['new/one']);
  });
});
