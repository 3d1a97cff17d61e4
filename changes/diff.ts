// Pure core of the diff command: compare two snapshots for people (text) and machines (JSON).
import { formatCount, terminalSafe } from '../core/text.ts';
import { compareIds } from '../store/order.ts';
import { diffSnapshots, type Observation } from './events.ts';

/** A model's metrics in a diff listing. */
export interface ListedModel {
  id: string;
  likes: number;
  downloads: number;
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
  /** Top models present on both dates by downloads and by likes gained, largest first. */
  movers: { downloads: Mover[]; likes: Mover[] };
}

/** Inputs of a diff; `seenBefore(id)` is true when the model was on the list at or before `from`. */
export interface DiffInput {
  from: { date: string; models: readonly Observation[] };
  to: { date: string; models: readonly Observation[] };
  missing: string[];
  seenBefore: (id: string) => boolean;
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
  const events = diffSnapshots(input.from.models, input.to.models, input.seenBefore, input.to.date);
  const listed = (kind: string): ListedModel[] =>
    events.filter((e) => e.kind === kind).map(({ id, likes, downloads }) => ({ id, likes, downloads }));
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
    '',
    ...moverSection('Top by downloads gained', report.movers.downloads),
    ...moverSection('Top by likes gained', report.movers.likes),
  ];
  return `${lines.join('\n')}\n`;
}
