// Deterministic JSON for files kept in git: object keys in a fixed order, one array item per line,
// so a day's change is a few changed lines rather than a rewritten file.

/**
 * Serialise `head` (small, pretty-printed) plus the array `items` under `key`, one compact item per
 * line. Key order follows the objects as built, so build them with a fixed key order.
 */
export function jsonWithItemLines(head: Record<string, unknown>, key: string, items: readonly unknown[]): string {
  const headText = JSON.stringify(head, null, 2);
  const lines = items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
  const body = items.length === 0 ? `  ${JSON.stringify(key)}: []` : `  ${JSON.stringify(key)}: [\n${lines}\n  ]`;
  const inner = headText === '{}' ? '' : `${headText.slice(2, -2)},\n`;
  return `{\n${inner}${body}\n}\n`;
}
