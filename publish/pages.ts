// Where each model page is rendered and where it ends up. Astro's router decodes percent escapes in
// route parameters, so a page whose file name holds one (non-ASCII, spaces, long or odd names: rare)
// is rendered at a stand-in path under `models/~/` — `~` is never a real segment, since names have it
// encoded — and moved to its real path before the site is swapped in.
import { hash } from 'node:crypto';
import type { SiteInputs } from './inputs.ts';
import type { Track } from '../store/types.ts';
import { urlSegment, type ModelPaths } from './urls.ts';

/** Where a router may render a model page: `models/<owner>/<name>/` (one page per model, both languages). */
export interface PageRoute {
  id: string;
  owner: string;
  name: string;
}

/**
 * Whether a model's page is a file of its own: on the list, or last seen on or after
 * `inputs.tombstoneSince`. Older departures are drawn by 404.html from `api/departed/` (publish/departed.ts).
 */
export function hasPageFile(track: Track, inputs: Pick<SiteInputs, 'tombstoneSince'>): boolean {
  return (track.presence.at(-1) ?? 0) >= inputs.tombstoneSince;
}

/** The route of a model's page: its file segments when a router keeps them as they are, else a stand-in. */
export function modelPageRoute(id: string, paths: ModelPaths): PageRoute {
  const [owner, name] = paths.segments(id);
  if (!owner.includes('%') && !name.includes('%')) return { id, owner, name };
  return { id, owner: '~', name: hash('sha256', id, 'hex').slice(0, 16) };
}

/** The real page path (`models/<owner>/<name>/`) below the site's base. */
export function modelPagePath(id: string, paths: ModelPaths): string {
  const [owner, name] = paths.segments(id);
  return `models/${owner}/${name}/`;
}

/** Every stand-in page to move, as paths of `index.html` relative to the site root. */
export function modelPageMoves(inputs: SiteInputs): { from: string; to: string }[] {
  const moves: { from: string; to: string }[] = [];
  for (const [id, track] of inputs.tracks) {
    if (!hasPageFile(track, inputs)) continue;
    const route = modelPageRoute(id, inputs.paths);
    if (route.owner !== '~') continue;
    moves.push({ from: `models/~/${route.name}/index.html`, to: `${modelPagePath(id, inputs.paths)}index.html` });
  }
  return moves;
}

/** The page path in URL form (`%` of a file name as `%25`), below the site's base. */
export function modelPageHref(id: string, paths: ModelPaths): string {
  const [owner, name] = paths.segments(id);
  return `models/${urlSegment(owner)}/${urlSegment(name)}/`;
}
