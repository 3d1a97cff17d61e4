// The status page's freshness, judged when it is read: the page is built on good nights only, so a run
// of failed nights would otherwise keep saying "up to date" from the last build.
import { COMMON_LABELS } from '../i18n/common.ts';
import { isStale } from '../lib/views/status-view.ts';
import { checkedDayNumber, dateOfDay } from '../../../store/days.ts';

/** Today in Asia/Shanghai (UTC+8, no daylight saving), where ModelScope's day and ours turn. */
export function shanghaiToday(now: number = Date.now()): string {
  return dateOfDay(Math.floor((now + 8 * 3_600_000) / 86_400_000));
}

/** Update the freshness line and the newest snapshot's age to the reader's day. */
export function refreshFreshness(doc: Document, now: number = Date.now()): void {
  const line = doc.querySelector<HTMLElement>('[data-freshness]');
  const newest = line?.dataset['newest'];
  if (line === null || newest === undefined) return;
  const t = COMMON_LABELS[doc.documentElement.lang.startsWith('zh') ? 'zh' : 'en'];
  const today = shanghaiToday(now);
  const stale = isStale(newest, today);
  line.textContent = stale ? t.stale : t.healthy;
  line.className = stale ? 'gap' : 'muted';
  const age = doc.querySelector<HTMLElement>('[data-age]');
  if (age !== null) age.textContent = t.age(checkedDayNumber(today) - checkedDayNumber(newest));
}
