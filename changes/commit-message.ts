// The message of the nightly data commit: what the newest observed night did to the list, readable in
// `git log --oneline`, e.g. `data: 2026-11-24 +3 −1 ↺2 (61,234 models)`.
import type { ObservedDay } from '../store/types.ts';

/**
 * `data: DATE +entered −left ↺returned (N models)`, then `, N renamed` and the gateway's
 * `; gateway +served −unserved ↺again (N ids)` when the night had them; a baseline night (nothing to
 * compare with) says so, and nights missed before it are named, since their changes are folded into this one.
 */
export function commitMessage(day: ObservedDay): string {
  const models = `${day.models.toLocaleString('en-US')} model${day.models === 1 ? '' : 's'}`;
  if (day.previous === null) return `data: ${day.date} baseline (${models})`;
  const missed = day.missing.length === 0 ? '' : `, after missing ${day.missing.join(', ')}`;
  const renamed = day.renamed === 0 ? '' : `, ${day.renamed} renamed`;
  const moved = day.served + day.unserved + day.servedAgain > 0;
  const gateway = day.gateway === null || !moved ? '' : `; gateway +${day.served} −${day.unserved} ↺${day.servedAgain} (${day.gateway.toLocaleString('en-US')} ids)`;
  return `data: ${day.date} +${day.entered} −${day.left} ↺${day.returned} (${models}${renamed}${missed})${gateway}`;
}
