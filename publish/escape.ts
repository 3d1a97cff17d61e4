// The one place that makes upstream text safe to render. Model names come from ModelScope and are
// hostile by assumption: markup, entity tricks, bidi overrides, control characters, lone surrogates.
import { visibleText } from '../core/text.ts';

// One definition for every medium (core/text.ts, which browser scripts may load too); re-exported here
// beside the escapers it goes with.
export { visibleText };

const MARKUP: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => MARKUP[char] ?? char);
}

// XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the `u` flag a lone surrogate is one code point in D800–DFFF, so it falls outside and is matched.
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Remove every character XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE, U+FFFF). */
export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** Escape text for XML content or attributes; characters illegal in XML 1.0 are dropped, never emitted. */
export function escapeXml(text: string): string {
  return escapeHtml(stripXmlIllegal(text));
}

/** `visibleText` then `escapeHtml`: what every upstream string in an HTML context goes through. */
export function htmlText(text: string): string {
  return escapeHtml(visibleText(text));
}
