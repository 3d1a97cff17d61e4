// What the catalog offers when a search finds nothing: the query with its misspelt words put right
// ("qwne" → "qwen"), from the words the loaded models' names actually hold. Pure and browser-safe; the
// vocabulary is built once per index, on the first search that needs it.
import type { SearchIndex } from './search-decode.ts';
import { matchRows, searchTerms, termGroups } from './search-match.ts';
import type { CatalogState } from './url-state.ts';

/** Words a misspelling is looked for in: runs of Latin letters this long or longer (shorter ones are too easily near anything). */
const WORD = /[a-z]{4,}/g;
const MIN_WORD = 4;

const vocabularies = new WeakMap<SearchIndex, Map<string, number>>();

/** The words of every model's search text in `index`, each with how many texts hold it. */
export function vocabulary(index: SearchIndex): Map<string, number> {
  const cached = vocabularies.get(index);
  if (cached !== undefined) return cached;
  const words = new Map<string, number>();
  const add = (text: string): void => {
    for (const word of new Set(text.match(WORD) ?? [])) words.set(word, (words.get(word) ?? 0) + 1);
  };
  index.hay.forEach(add);
  index.kindHay.forEach(add);
  vocabularies.set(index, words);
  return words;
}

/**
 * Edits from `a` to `b` (insert, delete, replace, or swap two neighbours: "qwne" → "qwen" is one), or
 * `limit + 1` as soon as it is sure to be more than `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      current[j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** The known word closest to `word` (one edit for words up to 7 letters, two from 8), the commonest on a tie; undefined when none is that close. */
export function closestWord(word: string, words: ReadonlyMap<string, number>): string | undefined {
  if (word.length < MIN_WORD || words.has(word)) return undefined;
  const limit = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let bestCount = 0;
  for (const [candidate, count] of words) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = editDistance(word, candidate, limit);
    if (d > limit) continue;
    if (d < bestDistance || (d === bestDistance && (count > bestCount || (count === bestCount && candidate < (best ?? ''))))) {
      best = candidate;
      bestDistance = d;
      bestCount = count;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Whether any model of `index` (listed or not) holds one of `group`'s alternatives. */
function anyHolds(index: SearchIndex, group: readonly string[]): boolean {
  const holds = (text: string): boolean => group.some((alternative) => text.includes(alternative));
  return index.kindHay.some(holds) || index.hay.some(holds);
}

/**
 * The search `state.q` meant, when it finds nothing because of misspelt words: each term no model holds
 * has its words put right (closestWord); undefined when nothing was put right, or the result finds nothing either.
 */
export function correctedQuery(index: SearchIndex, state: CatalogState): string | undefined {
  const terms = searchTerms(state.q);
  const groups = termGroups(state.q);
  if (terms.length === 0) return undefined;
  const words = vocabulary(index);
  let changed = false;
  const fixed = terms.map((term, t) => {
    if (anyHolds(index, groups[t] ?? [term])) return term;
    const put = term.replace(WORD, (word) => closestWord(word, words) ?? word);
    if (put !== term) changed = true;
    return put;
  });
  if (!changed) return undefined;
  const q = fixed.join(' ');
  return matchRows(index, { ...state, q }).length > 0 ? q : undefined;
}
