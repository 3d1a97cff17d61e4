// The ModelScope simulator: a real HTTP server on 127.0.0.1 serving a deterministic, churning catalog with faults.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveCatalogOptions } from './catalog-options.ts';
import { SimulatorError } from './errors.ts';
import { parseFault } from './faults.ts';
import { createSimulatorServer } from './server.ts';
import { SimulatorState } from './state.ts';
import type { Fault, RequestRecord, UpstreamModel } from './types.ts';

export type { CatalogDay, CatalogEntry } from './catalog-day.ts';
export { DAY0, dayStart } from './catalog-day.ts';
export type { CatalogOptions } from './catalog-options.ts';
export { GATEWAY_ONLY_ID, GATEWAY_ONLY_IDS } from './catalog-options.ts';
export { catalogForDay } from './catalog.ts';
export { SimulatorError } from './errors.ts';
export { parseFault, parseFaults } from './faults.ts';
export { MAX_PAGE_SIZE } from './views.ts';
export type { Fault, FaultKind, FaultRoute, RealOrganization, RequestRecord, RequestRoute, SortBy, UpstreamModel, UpstreamOrganization, UpstreamTask } from './types.ts';

export interface SimulatorOptions {
  /** Models on the API-Inference list on day 0 (default 500, up to 100_000). */
  size?: number;
  /** Generator seed (default 1). */
  seed?: number;
  /** Churn day to start on (default 0). */
  day?: number;
  /** Delay before every response, ms (default 0). */
  latencyMs?: number;
  /** Unfiltered hub size = list size × hubFactor (default 3): models without SupportInference. */
  hubFactor?: number;
  /** Ids served by /v1/models (default 40), one of them not in the catalog. */
  chatModels?: number;
  /** Port (default 0: any free port). */
  port?: number;
  /** Share of the list that changes membership per day (default 0.01). */
  churnRate?: number;
  /** Share of models whose downloads grow per day (default 1/3). */
  metricsRate?: number;
  /** The tidy world of before issue 19: no real-world quirk, old shapes, Default = newest Id (default false). */
  tidy?: boolean;
  /** Real world: share of listed models served with `SupportInference: ""` (default 0.05, mostly image LoRAs). */
  emptyInferenceShare?: number;
  /** Real world: TotalCount of the whole filtered list says this many more than it serves (default 3). */
  shortfall?: number;
  /** Real world: ids /v1/models serves that the catalog does not have (default 3; tidy: 1). */
  gatewayOnly?: number;
  /** Real world: expected namespace renames per day, Id kept (default 0.2). */
  renames?: number;
  /** Called with every request record as it is answered (default none). */
  onRequest?: (record: RequestRecord) => void;
}

export interface Simulator {
  /** http://127.0.0.1:PORT — catalog routes. */
  readonly origin: string;
  /** http://127.0.0.1:PORT/inference — so `${inferenceOrigin}/v1/models` works. */
  readonly inferenceOrigin: string;
  readonly day: number;
  /** Move the churn forward/backward (deterministic for seed, size, day); drops models inserted mid-crawl. */
  setDay(day: number): void;
  /** Today's filtered list in Default order: what a consistent crawl must return (inserted models and a standing shrink included). */
  listing(): readonly UpstreamModel[];
  /** Ids /v1/models serves today. */
  chatIds(): readonly string[];
  /** Add a fault (validated; throws SimulatorError on a bad one). */
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Every request, in the order answered. */
  readonly requests: readonly RequestRecord[];
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Start a simulator; `close()` it when done. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const latencyMs = options.latencyMs ?? 0;
  const port = options.port ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new SimulatorError(`latencyMs must be ≥ 0, got ${latencyMs}`, 'startSimulator()');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new SimulatorError(`port must be an integer in [0, 65535], got ${port}`, 'startSimulator()');
  const catalog = resolveCatalogOptions({
    ...(options.size === undefined ? {} : { size: options.size }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.hubFactor === undefined ? {} : { hubFactor: options.hubFactor }),
    ...(options.chatModels === undefined ? {} : { chatModels: options.chatModels }),
    ...(options.churnRate === undefined ? {} : { churnRate: options.churnRate }),
    ...(options.metricsRate === undefined ? {} : { metricsRate: options.metricsRate }),
    ...(options.tidy === undefined ? {} : { tidy: options.tidy }),
    ...(options.emptyInferenceShare === undefined ? {} : { emptyInferenceShare: options.emptyInferenceShare }),
    ...(options.shortfall === undefined ? {} : { shortfall: options.shortfall }),
    ...(options.gatewayOnly === undefined ? {} : { gatewayOnly: options.gatewayOnly }),
    ...(options.renames === undefined ? {} : { renames: options.renames }),
  });
  const state = new SimulatorState(catalog, options.day ?? 0);
  const server = createSimulatorServer(state, { latencyMs, ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }) });
  await listen(server, port);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    inferenceOrigin: `${origin}/inference`,
    get day() {
      return state.day;
    },
    setDay: (day) => state.setDay(day),
    listing: () => state.listing(),
    chatIds: () => state.chatIds(),
    inject: (fault) => state.faults.add(parseFault(fault, 'inject()')),
    clearFaults: () => state.faults.clear(),
    get requests() {
      return state.log;
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
