// ModelScope's day is China's day: a crawl at 23:30 UTC belongs to the next Shanghai date.

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Asia/Shanghai as `YYYY-MM-DD`. */
export function shanghaiDate(now: Date = new Date()): string {
  return shanghai.format(now);
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/**
 * Upstream timestamps are Unix seconds as numbers or numeric strings (sometimes milliseconds, sometimes ISO text).
 * Returns ISO 8601 UTC, or null for anything absent, zero or unreadable: a wrong date is worse than none.
 */
export function coerceTimestamp(value: unknown): string | null {
  let ms: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    ms = value > 1e12 ? value : value * 1000;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) {
      const n = Number(text);
      ms = n > 1e12 ? n : n * 1000;
    } else if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
      ms = Date.parse(text);
    }
  }
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return null;
  const date = new Date(Math.round(ms));
  // Beyond year 9999 toISOString changes shape or throws; such values are garbage anyway.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) return null;
  return date.toISOString();
}
