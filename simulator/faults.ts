// Fault validation and bookkeeping: which fault shapes which request, and when a fault is used up.
import { SimulatorError } from './errors.ts';
import type { Fault, FaultKind, FaultRoute, RequestRoute } from './types.ts';

const KINDS: readonly FaultKind[] = ['status', 'reset', 'truncate', 'html', 'envelope', 'schema', 'rename', 'ignore-filter', 'shrink', 'insert-during-crawl', 'moving-order'];
const ROUTES: readonly FaultRoute[] = ['list', 'hub', 'chat', 'detail', 'any'];
/** Kinds that replace the answer; the others alter the data and leave the answer well-formed. */
const RESPONSE_KINDS: ReadonlySet<FaultKind> = new Set(['status', 'reset', 'truncate', 'html', 'envelope', 'schema', 'rename']);
/** Kinds active until cleared unless `times` says otherwise. */
const PERSISTENT_KINDS: ReadonlySet<FaultKind> = new Set(['ignore-filter', 'shrink', 'moving-order']);
const EXTRA_KEYS: Readonly<Record<FaultKind, readonly string[]>> = {
  status: ['status', 'retryAfter'],
  reset: [],
  truncate: [],
  html: ['status'],
  envelope: ['code', 'success', 'message'],
  schema: [],
  rename: ['name'],
  'ignore-filter': [],
  shrink: ['fraction'],
  'insert-during-crawl': ['every'],
  'moving-order': ['share', 'jump', 'updates'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Check an untrusted fault (from JSON or code) and return a clean copy. In JSON, `"times": "Infinity"` stands for
 * `Infinity`. Throws SimulatorError naming the bad field.
 */
export function parseFault(value: unknown, where: string): Fault {
  const fail = (what: string): never => {
    throw new SimulatorError(what, where);
  };
  if (!isRecord(value)) return fail('a fault must be an object like {"kind":"status","status":503}');
  const kind = KINDS.find((k) => k === value['kind']) ?? fail(`kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(value['kind'])}`);
  const allowed = new Set(['kind', 'route', 'page', 'times', ...EXTRA_KEYS[kind]]);
  const unknown = Object.keys(value).filter((k) => !allowed.has(k));
  if (unknown.length > 0) fail(`unknown key ${JSON.stringify(unknown[0])} for a ${kind} fault (allowed: ${[...allowed].join(', ')})`);

  const integer = (key: string, min: number, max: number): number | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`${key} must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
    return v as number;
  };
  const string = (key: string): string | undefined => {
    const v = value[key];
    if (v !== undefined && typeof v !== 'string') fail(`${key} must be a string, got ${JSON.stringify(v)}`);
    return v as string | undefined;
  };

  const routeValue = value['route'];
  const route = routeValue === undefined ? undefined : (ROUTES.find((r) => r === routeValue) ?? fail(`route must be one of ${ROUTES.join(', ')}, got ${JSON.stringify(routeValue)}`));
  const page = integer('page', 1, Number.MAX_SAFE_INTEGER);
  const rawTimes = value['times'];
  let times: number | undefined;
  if (rawTimes === Infinity || rawTimes === 'Infinity') times = Infinity;
  else times = integer('times', 1, Number.MAX_SAFE_INTEGER);
  const match = { ...(route === undefined ? {} : { route }), ...(page === undefined ? {} : { page }), ...(times === undefined ? {} : { times }) };

  switch (kind) {
    case 'status': {
      const status = integer('status', 100, 599) ?? fail('a status fault needs "status" (e.g. 503)');
      const retryAfter = string('retryAfter');
      return { kind, status, ...(retryAfter === undefined ? {} : { retryAfter }), ...match };
    }
    case 'html': {
      const status = integer('status', 100, 599);
      return { kind, ...(status === undefined ? {} : { status }), ...match };
    }
    case 'envelope': {
      const code = integer('code', -(2 ** 31), 2 ** 31);
      const success = value['success'];
      if (success !== undefined && typeof success !== 'boolean') fail(`success must be a boolean, got ${JSON.stringify(success)}`);
      const message = string('message');
      return {
        kind,
        ...(code === undefined ? {} : { code }),
        ...(typeof success === 'boolean' ? { success } : {}),
        ...(message === undefined ? {} : { message }),
        ...match,
      };
    }
    case 'shrink': {
      const fraction = value['fraction'];
      if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) fail(`fraction must be a number in [0, 1], got ${JSON.stringify(fraction)}`);
      return { kind, fraction: fraction as number, ...match };
    }
    case 'rename': {
      const name = string('name') ?? fail('a rename fault needs "name" (a string)');
      return { kind, name, ...match };
    }
    case 'moving-order': {
      const fraction = (key: string): number | undefined => {
        const v = value[key];
        if (v === undefined) return undefined;
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail(`${key} must be a number in [0, 1], got ${JSON.stringify(v)}`);
        return v as number;
      };
      const share = fraction('share');
      const updates = fraction('updates');
      const jump = integer('jump', 1, Number.MAX_SAFE_INTEGER);
      return {
        kind,
        ...(share === undefined ? {} : { share }),
        ...(jump === undefined ? {} : { jump }),
        ...(updates === undefined ? {} : { updates }),
        ...match,
      };
    }
    case 'insert-during-crawl': {
      const every = integer('every', 1, Number.MAX_SAFE_INTEGER) ?? fail('an insert-during-crawl fault needs "every" (a positive integer)');
      return { kind, every, ...match };
    }
    default:
      return { kind, ...match };
  }
}

/** One fault or an array of them (the CLI and the control route accept both). */
export function parseFaults(value: unknown, where: string): Fault[] {
  return Array.isArray(value) ? value.map((v, i) => parseFault(v, `${where} #${i + 1}`)) : [parseFault(value, where)];
}

/** How faults shape one request. */
export interface FaultDecision {
  /** A fault that replaces the answer (status, reset, truncate, html, envelope, schema, rename). */
  readonly response: Fault | undefined;
  /** The filtered route answers with the whole hub. */
  readonly ignoreFilter: boolean;
  /** Fraction of the list to drop, or `null`. */
  readonly shrink: number | null;
}

interface ActiveFault {
  readonly fault: Fault;
  remaining: number;
  /** Matching requests seen (insert-during-crawl counts them). */
  seen: number;
}

function matches(fault: Fault, route: RequestRoute, page: number | undefined): boolean {
  const want = fault.route ?? 'list';
  const routeOk = want === 'any' ? route === 'list' || route === 'hub' || route === 'chat' || route === 'detail' : want === route;
  return routeOk && (fault.page === undefined || fault.page === page);
}

/** Active faults in injection order. */
export class FaultBook {
  private faults: ActiveFault[] = [];

  add(fault: Fault): void {
    const remaining = fault.times ?? (PERSISTENT_KINDS.has(fault.kind) ? Infinity : 1);
    this.faults.push({ fault, remaining, seen: 0 });
  }

  clear(): void {
    this.faults = [];
  }

  /** Faults not yet used up. */
  active(): readonly Fault[] {
    return this.faults.map((f) => f.fault);
  }

  /** Decide (and consume) the faults for one request: the first matching response fault wins outright. */
  decide(route: RequestRoute, page: number | undefined): FaultDecision {
    const response = this.faults.find((f) => RESPONSE_KINDS.has(f.fault.kind) && matches(f.fault, route, page));
    if (response !== undefined) {
      this.use(response);
      return { response: response.fault, ignoreFilter: false, shrink: null };
    }
    const ignore = route === 'list' ? this.faults.find((f) => f.fault.kind === 'ignore-filter' && matches(f.fault, route, page)) : undefined;
    if (ignore !== undefined) this.use(ignore);
    const shrink = ignore === undefined ? this.faults.find((f) => f.fault.kind === 'shrink' && matches(f.fault, route, page)) : undefined;
    if (shrink !== undefined) this.use(shrink);
    return { response: undefined, ignoreFilter: ignore !== undefined, shrink: shrink?.fault.kind === 'shrink' ? shrink.fault.fraction : null };
  }

  /** Count one answered request against insert-during-crawl faults; returns how many models to insert now. */
  insertionsAfter(route: RequestRoute, page: number | undefined): number {
    let count = 0;
    for (const f of this.faults) {
      if (f.fault.kind !== 'insert-during-crawl' || !matches(f.fault, route, page)) continue;
      f.seen += 1;
      if (f.seen % f.fault.every === 0) {
        count += 1;
        this.use(f);
      }
    }
    return count;
  }

  /** The moving-order fault a list request is under, if any (it never runs out unless `times` says so). */
  moving(route: RequestRoute, page: number | undefined): Extract<Fault, { kind: 'moving-order' }> | undefined {
    const f = this.faults.find((x) => x.fault.kind === 'moving-order' && matches(x.fault, route, page));
    if (f === undefined || f.fault.kind !== 'moving-order') return undefined;
    this.use(f);
    return f.fault;
  }

  /** The shrink a consistent crawl of the list would see now (a matching fault not tied to a page), or `null`. */
  standingShrink(): number | null {
    const f = this.faults.find((x) => x.fault.kind === 'shrink' && x.fault.page === undefined && ['list', 'any'].includes(x.fault.route ?? 'list'));
    return f?.fault.kind === 'shrink' ? f.fault.fraction : null;
  }

  private use(f: ActiveFault): void {
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
  }
}
