// Which models go to the archive of long-gone models (lib/departed.ts), and what it keeps of each:
// every model off the list last seen before the tombstone window (publish/pages.ts `hasPageFile`).
// Build time only: it reads the site's inputs.
import type { SiteInputs } from '../../../../publish/inputs.ts';
import { hasPageFile, modelPageHref } from '../../../../publish/pages.ts';
import { presenceIntervals } from '../../../../store/tracks.ts';
import { compareIds } from '../../../../store/order.ts';
import type { DepartedModel } from './departed.ts';

/** The archive record of every model whose page is no longer a file, sorted by id. */
export function departedModels(inputs: Pick<SiteInputs, 'log' | 'tracks' | 'paths' | 'tombstoneSince'>): DepartedModel[] {
  // The last `left` event of each model gives the night it was first missing and its last figures.
  const lastLeft = new Map<string, { date: string; likes: number; downloads: number }>();
  for (const { kind, id, date, likes, downloads } of inputs.log.events) {
    // `left` is a catalog event: its figures are always numbers (store/events-file.ts checks it).
    if (kind === 'left' && likes !== null && downloads !== null) lastLeft.set(id, { date, likes, downloads });
  }
  const out: DepartedModel[] = [];
  for (const [id, track] of inputs.tracks) {
    if (hasPageFile(track, inputs)) continue;
    const left = lastLeft.get(id);
    // A model off the list always has a `left` event after its last stay (the change log guarantees it).
    if (left === undefined) continue;
    const stays = presenceIntervals(track.presence).map(({ from, to }): [string, string] => [from, to]);
    out.push({ id, page: modelPageHref(id, inputs.paths), left: left.date, stays, likes: left.likes, downloads: left.downloads });
  }
  return out.sort((a, b) => compareIds(a.id, b.id));
}
