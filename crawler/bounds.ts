// Every text and list a snapshot record keeps is bounded (MAX_TEXT, MAX_ITEMS here; MAX_ID_LENGTH in
// modelscope.ts; data/README.md, Limits), whatever size upstream sends, and a text that was cut shows it: it
// ends in CUT_MARK. normalise.ts and upstream-fields.ts cut with these, telling the run report what they cut.

/** Tells `notes` (when given) that `field` was cut. */
export type OnCut = ((field: string) => void) | undefined;

/**
 * Longest text a record keeps, in UTF-16 code units: every free-text field and list item (names, licences,
 * types, tasks, tags, trigger words, official tag names, owner names). Longer ones are cut, ending in CUT_MARK.
 */
export const MAX_TEXT = 200;
/** Most items a record keeps of a list (tasks, tags, official tags, trigger words, base models): the first ones. */
export const MAX_ITEMS = 50;

/** Ends a text that was cut to its limit, so a reader can see it was. */
export const CUT_MARK = '…';

/**
 * `value` as it is when it has at most `limit` UTF-16 code units, else cut to `limit` with CUT_MARK as its
 * last character (never half a surrogate pair).
 */
export function cutText(value: string, limit: number = MAX_TEXT): string {
  if (value.length <= limit) return value;
  let head = value.slice(0, limit - 1);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head.trimEnd()}${CUT_MARK}`;
}

/** cutText to MAX_TEXT (trimmed first when `trim`: the fields that always were), telling `onCut` when it cut. */
export function fit(value: string, field: string, onCut: OnCut, trim = false): string {
  const text = trim ? value.trim() : value;
  const out = cutText(text);
  if (out !== text) onCut?.(field);
  return out;
}

/** The first MAX_ITEMS of `list`, telling `onCut` when there were more. */
export function firstItems<T>(list: readonly T[], field: string, onCut: OnCut): T[] {
  if (list.length <= MAX_ITEMS) return [...list];
  onCut?.(field);
  return list.slice(0, MAX_ITEMS);
}
