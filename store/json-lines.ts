// The one writer of deterministic JSON for files kept in git and published: an object whose chosen
// arrays hold one compact item per line, everything else pretty-printed with two spaces. A night's
// change is then a few changed lines rather than a rewritten file.

/** How the object is laid out; everything is optional. */
export interface JsonLinesOptions {
  /** Keys whose array values get one item per line (default none: pretty-printed like the rest). */
  lineArrays?: readonly string[];
  /** Key list handed to JSON.stringify for each line item: fixes its key order and drops other keys (default none). */
  itemKeys?: string[];
  /**
   * Write the comma at the start of each following item, and open and close every line array on lines
   * of their own, so appending items never touches an existing line (default false).
   */
  commaFirst?: boolean;
  /** Approximate size of the pieces `jsonWithItemLinesChunks` yields, in characters (default 1 MiB). */
  chunkSize?: number;
}

/** A pretty-printed value indented to sit under a key at depth one. */
function pretty(value: unknown): string {
  // JSON.stringify escapes newlines inside strings, so only structural newlines are re-indented here.
  return (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', '\n  ');
}

/**
 * The text of `jsonWithItemLines` in pieces of roughly `chunkSize` characters (keys in insertion order),
 * so a 60k-item file can be streamed to disk without ever being held as one string.
 */
export function* jsonWithItemLinesChunks(object: Readonly<Record<string, unknown>>, options: JsonLinesOptions = {}): Generator<string> {
  const { lineArrays = [], itemKeys, commaFirst = false, chunkSize = 1 << 20 } = options;
  const keys = Object.keys(object);
  if (keys.length === 0) {
    yield '{}\n';
    return;
  }
  let buffer = '{\n';
  for (const [position, key] of keys.entries()) {
    const value = object[key];
    buffer += `  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && lineArrays.includes(key)) {
      if (value.length === 0 && !commaFirst) buffer += '[]';
      else {
        buffer += '[\n';
        const last = value.length - 1;
        for (let index = 0; index <= last; index += 1) {
          const line = JSON.stringify(value[index], itemKeys);
          if (commaFirst) buffer += `${index === 0 ? '    ' : '   ,'}${line}\n`;
          else buffer += `    ${line}${index === last ? '\n' : ',\n'}`;
          if (buffer.length >= chunkSize) {
            yield buffer;
            buffer = '';
          }
        }
        buffer += '  ]';
      }
    } else {
      buffer += pretty(value);
    }
    buffer += position === keys.length - 1 ? '\n' : ',\n';
  }
  yield `${buffer}}\n`;
}

/** Serialise `object` with the arrays under `options.lineArrays` one compact item per line. */
export function jsonWithItemLines(object: Readonly<Record<string, unknown>>, options: JsonLinesOptions = {}): string {
  return [...jsonWithItemLinesChunks(object, options)].join('');
}
