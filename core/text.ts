// Small text helpers for what people read: counts, and upstream text made safe for one line.

/** Thousands separators, the same on every machine (no locale): `-1234567` → `-1,234,567`. */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Longest piece of upstream text quoted in a message by default. */
const QUOTE_LIMIT = 120;

/** Upstream text as one short, printable line: control characters and line breaks become spaces. */
export function oneLine(text: string, limit = QUOTE_LIMIT): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

// Upstream ids are hostile: control characters and bidi overrides could rewrite the terminal line.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

/** Text made safe to print on a terminal: invisible or steering characters shown as \u{…} escapes. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
}
