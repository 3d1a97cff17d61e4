// Deterministic JSON for files kept in git: object keys in a fixed order, one array item per line,
// so a day's change is a few changed lines rather than a rewritten file.

/**
 * The text of `jsonWithItemLines` in pieces of roughly `chunkSize` characters, so a 60k-item file can be
 * streamed to disk without ever being held as one string.
 */
export function* jsonWithItemLinesChunks(
  head: Record<string, unknown>,
  key: string,
  items: readonly unknown[],
  itemKeys?: string[],
  chunkSize = 1 << 20,
): Generator<string> {
  const headText = JSON.stringify(head, null, 2);
  const inner = headText === '{}' ? '' : `${headText.slice(2, -2)},\n`;
  if (items.length === 0) {
    yield `{\n${inner}  ${JSON.stringify(key)}: []\n}\n`;
    return;
  }
  let buffer = `{\n${inner}  ${JSON.stringify(key)}: [\n`;
  const last = items.length - 1;
  for (let index = 0; index <= last; index += 1) {
    buffer += `    ${JSON.stringify(items[index], itemKeys)}${index === last ? '\n' : ',\n'}`;
    if (buffer.length >= chunkSize) {
      yield buffer;
      buffer = '';
    }
  }
  yield `${buffer}  ]\n}\n`;
}

/**
 * Serialise `head` (small, pretty-printed) plus the array `items` under `key`, one compact item per
 * line. Key order follows the objects as built, or `itemKeys` when given (which also drops other keys).
 */
export function jsonWithItemLines(head: Record<string, unknown>, key: string, items: readonly unknown[], itemKeys?: string[]): string {
  return [...jsonWithItemLinesChunks(head, key, items, itemKeys)].join('');
}
