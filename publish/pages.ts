// Where each model page is rendered and where it ends up. Astro's router decodes percent escapes in
// route parameters, so a page whose file name holds one (non-ASCII, spaces, long or odd names: rare)
// is rendered at a stand-in path under `models/~/` — `~` is never a real segment, since names have it
// encoded — and moved to its real path before the site is swapped in.
import { hash } from 'node:crypto';
import type { SiteInputs } from './inputs.ts';
import type { EventLog, Track } from '../store/types.ts';
import { urlSegment, type ModelPaths } from './urls.ts';

/** Where a router may render a model page: `models/<owner>/<name>/` (one page per model, both languages). */
export interface PageRoute {
  id: string;
  owner: string;
  name: string;
}

/**
 * Whether an id's page is a file of its own: on either list (catalog or gateway), or last seen on one on
 * or after `inputs.tombstoneSince`. Older departures are drawn by 404.html from `api/departed/` (publish/departed.ts).
 */
export function hasPageFile(track: Track, inputs: Pick<SiteInputs, 'tombstoneSince'>): boolean {
  return Math.max(track.presence.at(-1) ?? 0, track.gateway.at(-1) ?? 0) >= inputs.tombstoneSince;
}

/** Where an old id went: the id it is listed under now (renames followed to the last) and the night of its own rename. */
export interface Rename {
  to: string;
  date: string;
}

/**
 * Every id renamed away, with where it leads. A chain (a → b → c) leads each old id to its newest name;
 * an id renamed back to an earlier name ends the walk there, so a cycle cannot loop.
 */
export function renamesOf(log: Pick<EventLog, 'events'>): Map<string, Rename> {
  const next = new Map<string, Rename>();
  for (const event of log.events) if (event.kind === 'renamed' && event.from !== undefined) next.set(event.from, { to: event.id, date: event.date });
  const out = new Map<string, Rename>();
  for (const [from, first] of next) {
    let to = first.to;
    const seen = new Set([from, to]);
    for (let step = next.get(to); step !== undefined && !seen.has(step.to); step = next.get(step.to)) {
      to = step.to;
      seen.add(to);
    }
    out.set(from, { to, date: first.date });
  }
  return out;
}

/**
 * Every id with a page file: those hasPageFile keeps, and every old id of a rename whose own track
 * gives it none (its page leads to the new one). Sorted by id, so the build's work is deterministic.
 */
export function pageIds(inputs: Pick<SiteInputs, 'tracks' | 'log' | 'tombstoneSince'>): string[] {
  const ids = new Set<string>();
  for (const [id, track] of inputs.tracks) if (hasPageFile(track, inputs)) ids.add(id);
  for (const from of renamesOf(inputs.log).keys()) ids.add(from);
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
  for (const id of pageIds(inputs)) {
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
