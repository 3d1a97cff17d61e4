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

// Characters a reader cannot see but that change what they see or where a line ends: C0 and C1 controls
// and DEL (escape sequences, CR, LF, NEL), line and paragraph separators, bidi marks, embeddings,
// overrides and isolates, zero-width characters, the BOM, interlinear annotations, the noncharacters
// U+FFFE and U+FFFF, and lone surrogates. One definition for every medium we write to.
const HIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]/gu;

/** Replace every hidden character of `text` (see HIDDEN) with what `show` makes of its code point. */
export function showHidden(text: string, show: (codePoint: number) => string): string {
  return text.replace(HIDDEN, (c) => show(c.codePointAt(0) ?? 0));
}

/**
 * Upstream text prepared for display: lone surrogates become U+FFFD and invisible or reordering
 * characters are shown as `[U+202E]`, so a name like `gpt\u202Egnp.exe` cannot pass for another.
 * The result still needs escaping for the format it goes into (publish/escape.ts).
 */
export function visibleText(text: string): string {
  return showHidden(text.toWellFormed(), (code) => `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** Upstream text made safe to print on a terminal: hidden characters become visible `\u{…}` escapes. */
export function terminalSafe(text: string): string {
  return showHidden(text, (code) => `\\u{${code.toString(16)}}`);
}

/**
 * One line of a log made safe from what it quotes: no hidden character can end the line, move the
 * cursor or rewrite what came before (terminalSafe), and it cannot start with `::`, which GitHub Actions
 * would run as a workflow command (`::error …`, `::add-mask::`).
 */
export function logLine(text: string): string {
  const safe = terminalSafe(text);
  return /^\s*::/.test(safe) ? safe.replace('::', ':\\u{3a}') : safe;
}

/** Text for a Markdown table cell or paragraph (a job summary): visible hidden characters, no markup, no HTML. */
export function markdownText(text: string): string {
  return terminalSafe(text)
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`);
}
