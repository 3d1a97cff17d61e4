// Pure core of the diff command: compare two snapshots for people (text) and machines (JSON).
import { formatCount, terminalSafe } from '../core/text.ts';
import { compareIds } from '../store/order.ts';
import type { ChangeEvent } from '../store/types.ts';
import { diffSnapshots, type GatewayComparison, type Observation } from './events.ts';

/** A model's metrics in a diff listing. */
export interface ListedModel {
  id: string;
  likes: number;
  downloads: number;
}

/** A renamed model: the new id with its metrics, and the id it had on `from`. */
export interface RenamedModel extends ListedModel {
  from: string;
}

/** An id in a gateway listing, with its catalog metrics (`null` when the catalog did not list it). */
export interface GatewayModel {
  id: string;
  likes: number | null;
  downloads: number | null;
}

/** A model whose metric rose between the two snapshots. */
export interface Mover {
  id: string;
  /** Value on the `from` snapshot. */
  before: number;
  /** Value on the `to` snapshot. */
  after: number;
  /** after - before, always > 0. */
  gained: number;
}

/** The whole comparison; also the `--json` output. */
export interface DiffReport {
  from: string;
  to: string;
  /** Calendar dates between the two with no snapshot. */
  missing: string[];
  /** Models on the list on each date. */
  models: { from: number; to: number };
  /** First time ever on the list (after `from`). */
  entered: ListedModel[];
  /** On the list at or before `from`, absent on `from`, present on `to`. */
  returned: ListedModel[];
  /** On `from`, not on `to` (metrics as last seen on `from`). */
  left: ListedModel[];
  /** The same upstream `Id` under a new id on `to`. */
  renamed: RenamedModel[];
  /** Gateway ids: served for the first time, served again after a gap, and no longer served; absent when either snapshot kept no gateway list. */
  gateway?: { models: { from: number; to: number }; served: GatewayModel[]; servedAgain: GatewayModel[]; unserved: GatewayModel[] };
  /** Top models present on both dates by downloads and by likes gained, largest first. */
  movers: { downloads: Mover[]; likes: Mover[] };
}

/** Inputs of a diff; `seenBefore(id)` is true when the model was on the list at or before `from`. */
export interface DiffInput {
  from: { date: string; models: readonly Observation[] };
  to: { date: string; models: readonly Observation[] };
  missing: string[];
  seenBefore: (id: string) => boolean;
  /** The gateway lists of both dates, when both snapshots kept one. */
  gateway?: GatewayComparison;
  /** How many movers per metric (default 10). */
  top?: number;
}

function topMovers(pairs: readonly [Observation, Observation][], metric: 'likes' | 'downloads', top: number): Mover[] {
  return pairs
    .map(([before, after]) => ({ id: after.id, before: before[metric], after: after[metric], gained: after[metric] - before[metric] }))
    .filter((mover) => mover.gained > 0)
    .sort((a, b) => b.gained - a.gained || compareIds(a.id, b.id))
    .slice(0, top);
}

/** Compare two snapshots. */
export function buildDiff(input: DiffInput): DiffReport {
  const events = diffSnapshots(input.from.models, input.to.models, input.seenBefore, input.to.date, input.gateway);
  const of = (kind: ChangeEvent['kind']): ChangeEvent[] => events.filter((e) => e.kind === kind);
  // Catalog events always carry numbers (events.ts); `?? 0` only satisfies the shared nullable type.
  const listed = (kind: ChangeEvent['kind']): ListedModel[] => of(kind).map(({ id, likes, downloads }) => ({ id, likes: likes ?? 0, downloads: downloads ?? 0 }));
  const gatewayListed = (kind: ChangeEvent['kind']): GatewayModel[] => of(kind).map(({ id, likes, downloads }) => ({ id, likes, downloads }));
  const before = new Map(input.from.models.map((model) => [model.id, model]));
  const pairs: [Observation, Observation][] = [];
  for (const model of input.to.models) {
    const old = before.get(model.id);
    if (old !== undefined) pairs.push([old, model]);
  }
  const top = input.top ?? 10;
  return {
    from: input.from.date,
    to: input.to.date,
    missing: input.missing,
    models: { from: input.from.models.length, to: input.to.models.length },
    entered: listed('entered'),
    returned: listed('returned'),
    left: listed('left'),
    renamed: of('renamed').map(({ id, likes, downloads, from }) => ({ id, likes: likes ?? 0, downloads: downloads ?? 0, from: from ?? '' })),
    ...(input.gateway?.previous === undefined
      ? {}
      : {
          gateway: {
            models: { from: input.gateway.previous.length, to: input.gateway.current.length },
            served: gatewayListed('served'),
            servedAgain: gatewayListed('served-again'),
            unserved: gatewayListed('unserved'),
          },
        }),
    movers: { downloads: topMovers(pairs, 'downloads', top), likes: topMovers(pairs, 'likes', top) },
  };
}

function section(title: string, models: readonly ListedModel[]): string[] {
  if (models.length === 0) return [`${title}: none`];
  return [
    `${title} (${models.length}):`,
    ...models.map((m) => `  ${terminalSafe(m.id)}  likes ${formatCount(m.likes)}, downloads ${formatCount(m.downloads)}`),
  ];
}

function renamedSection(models: readonly RenamedModel[]): string[] {
  if (models.length === 0) return ['Renamed: none'];
  return [`Renamed (${models.length}):`, ...models.map((m) => `  ${terminalSafe(m.from)} → ${terminalSafe(m.id)}`)];
}

function gatewaySection(title: string, models: readonly GatewayModel[]): string[] {
  if (models.length === 0) return [`${title}: none`];
  const figures = (m: GatewayModel): string =>
    m.likes === null || m.downloads === null ? 'not on the catalog list' : `likes ${formatCount(m.likes)}, downloads ${formatCount(m.downloads)}`;
  return [`${title} (${models.length}):`, ...models.map((m) => `  ${terminalSafe(m.id)}  ${figures(m)}`)];
}

function moverSection(title: string, movers: readonly Mover[]): string[] {
  if (movers.length === 0) return [`${title}: none`];
  const width = Math.max(...movers.map((m) => formatCount(m.gained).length)) + 1;
  return [
    `${title}:`,
    ...movers.map(
      (m) => `  ${`+${formatCount(m.gained)}`.padStart(width)}  ${terminalSafe(m.id)}  (${formatCount(m.before)} → ${formatCount(m.after)})`,
    ),
  ];
}

/** The report for people. */
export function formatDiff(report: DiffReport): string {
  const change = report.models.to - report.models.from;
  const gap = report.missing.length === 0 ? '' : ` (no snapshot on ${report.missing.length} night(s): ${report.missing.join(', ')})`;
  const lines = [
    `ModelScope API-Inference list, ${report.from} → ${report.to}${gap}`,
    `Models: ${formatCount(report.models.from)} → ${formatCount(report.models.to)} (${change >= 0 ? '+' : ''}${formatCount(change)})`,
    '',
    ...section('Entered', report.entered),
    ...section('Returned', report.returned),
    ...section('Left', report.left),
    ...renamedSection(report.renamed),
    '',
    ...(report.gateway === undefined
      ? ['Gateway: not compared (a snapshot kept no gateway list)']
      : [
          `Gateway ids: ${formatCount(report.gateway.models.from)} → ${formatCount(report.gateway.models.to)}`,
          ...gatewaySection('Served', report.gateway.served),
          ...gatewaySection('Served again', report.gateway.servedAgain),
          ...gatewaySection('No longer served', report.gateway.unserved),
        ]),
    '',
    ...moverSection('Top by downloads gained', report.movers.downloads),
    ...moverSection('Top by likes gained', report.movers.likes),
  ];
  return `${lines.join('\n')}\n`;
}
