// Deterministic, readable JSON for published files: an object whose chosen arrays hold one compact
// item per line (a long series stays scannable and small), everything else pretty-printed.

/** Serialise `object` (keys in insertion order) with the arrays under `itemLineKeys` one item per line. */
export function jsonObjectWithItemLines(object: Readonly<Record<string, unknown>>, itemLineKeys: readonly string[] = []): string {
  const entries = Object.entries(object).map(([key, value]) => {
    const name = JSON.stringify(key);
    if (Array.isArray(value) && itemLineKeys.includes(key)) {
      const body = value.length === 0 ? '[]' : `[\n${value.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
      return `  ${name}: ${body}`;
    }
    // JSON.stringify escapes newlines inside strings, so only structural newlines are re-indented here.
    return `  ${name}: ${(JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', '\n  ')}`;
  });
  return entries.length === 0 ? '{}\n' : `{\n${entries.join(',\n')}\n}\n`;
}
