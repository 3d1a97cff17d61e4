// Run the simulator as a process: prints {"origin","inferenceOrigin"} on one stdout line once listening.
import { runCommand, type Command } from '../core/command.ts';
import { decimal, flag, repeated, type Option, type Options, type Values } from '../core/options.ts';
import { GATEWAY_ONLY_IDS, resolveCatalogOptions } from './catalog-options.ts';
import { SimulatorError } from './errors.ts';
import { parseFaults } from './faults.ts';
import { startSimulator, type SimulatorOptions } from './index.ts';
import type { Fault } from './types.ts';

/** The catalog's own defaults, real world and tidy: help shows them, the catalog applies them. */
const REAL = resolveCatalogOptions();
const TIDY = resolveCatalogOptions({ tidy: true });
/** A default as help says it (1/3 as 0.333). */
const shown = (n: number): string => String(Number(n.toPrecision(3)));
/** A number the simulator checks itself (its ranges are its own): the CLI only reads it. */
const knob = (value: string, doc: string, fallback: number | string): Option<number | undefined> => decimal({ value, doc, shown: typeof fallback === 'number' ? shown(fallback) : fallback });
/** A real-world knob, whose tidy value is the other default. */
const quirk = (value: string, doc: string, real: number, tidy: number): Option<number | undefined> => knob(value, doc, `${shown(real)}, ${shown(tidy)} with --tidy`);

/** The simulator's command line. */
export const SIMULATOR = {
  name: 'simulator',
  usage: 'npm run simulator',
  about: `A local stand-in for ModelScope's catalog API and inference gateway, on 127.0.0.1.
Once listening it prints one JSON line {"origin":…,"inferenceOrigin":…} on stdout.`,
  options: {
    size: knob('N', 'models on the API-Inference list on day 0, at most 100000', REAL.size),
    seed: knob('N', 'generator seed', REAL.seed),
    day: knob('N', 'churn day to start on', 0),
    latency: knob('MS', 'delay before every response in ms', 0),
    port: knob('N', 'port to listen on, 0 for any free one', 0),
    'hub-factor': knob('X', 'unfiltered hub size = list size × X', REAL.hubFactor),
    'chat-models': knob('N', 'ids served by /inference/v1/models', REAL.chatModels),
    'churn-rate': knob('X', 'share of the list changing membership per day', REAL.churnRate),
    'metrics-rate': knob('X', 'share of models gaining downloads per day', REAL.metricsRate),
    tidy: flag('the tidy world of before issue 19: Organization null for users, StorageSize, covers in CoverImages, Default = newest Id first, none of the four quirks below'),
    'empty-inference-share': quirk('X', 'share of listed models served with SupportInference ""', REAL.emptyInferenceShare, TIDY.emptyInferenceShare),
    shortfall: quirk('N', 'TotalCount of the filtered list says N more rows than it serves', REAL.shortfall, TIDY.shortfall),
    'gateway-only': quirk('N', `ids /inference/v1/models serves that the catalog lacks, at most ${GATEWAY_ONLY_IDS.length}`, REAL.gatewayOnly, TIDY.gatewayOnly),
    renames: quirk('X', 'expected namespace renames per day, Id kept', REAL.renames, TIDY.renames),
    fault: repeated({
      value: 'JSON',
      parse: parseFaultText,
      doc: `inject a fault, e.g. '{"kind":"status","status":503,"times":2}'; a JSON array injects several; "times":"Infinity" never runs out`,
    }),
    verbose: flag('log every request to stderr'),
  },
  notes: `Control routes (for demos): POST /__sim/day {"day":N}, POST /__sim/faults <fault or [faults]>,
DELETE /__sim/faults, GET /__sim/state. Stops cleanly on SIGTERM/SIGINT.`,
  exit: 'stays running until SIGTERM or SIGINT, then 0; 2 usage error',
} as const satisfies Command<Options>;

/** One --fault's text: a fault or an array of them. */
function parseFaultText(text: string, where: string): Fault[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SimulatorError(`not JSON: ${JSON.stringify(text)}`, where, { cause: error });
  }
  return parseFaults(parsed, where);
}

async function serve(values: Values<typeof SIMULATOR.options>): Promise<void> {
  const options: SimulatorOptions = {};
  const numbers = {
    size: values.size,
    seed: values.seed,
    day: values.day,
    latencyMs: values.latency,
    port: values.port,
    hubFactor: values['hub-factor'],
    chatModels: values['chat-models'],
    churnRate: values['churn-rate'],
    metricsRate: values['metrics-rate'],
    emptyInferenceShare: values['empty-inference-share'],
    shortfall: values.shortfall,
    gatewayOnly: values['gateway-only'],
    renames: values.renames,
  };
  // Only what was given: the simulator fills in the rest (and refuses a quirk's knob with --tidy).
  for (const [key, n] of Object.entries(numbers)) if (n !== undefined) options[key as keyof typeof numbers] = n;
  if (values.tidy) options.tidy = true;
  if (values.verbose) {
    options.onRequest = (r) => {
      const page = r.page === undefined ? '' : ` page=${r.page}`;
      const fault = r.fault === undefined ? '' : ` fault=${r.fault}`;
      process.stderr.write(`${new Date(r.at).toISOString()} ${r.method} ${r.path} ${r.route}${page} → ${r.status}${fault}\n`);
    };
  }
  const sim = await startSimulator(options);
  for (const fault of values.fault.flat()) sim.inject(fault);
  process.stdout.write(`${JSON.stringify({ origin: sim.origin, inferenceOrigin: sim.inferenceOrigin })}\n`);
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`simulator: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// Once listening, the server keeps the process alive until SIGTERM/SIGINT; a refused start exits at once.
if (import.meta.main) {
  const code = await runCommand(SIMULATOR, process.argv.slice(2), serve);
  if (code !== 0) process.exit(code);
}
