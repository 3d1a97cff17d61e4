// Run the simulator as a process: prints {"origin","inferenceOrigin"} on one stdout line once listening.
import { parseOptions, processIo, runCli } from '../core/cli.ts';
import { SimulatorError } from './errors.ts';
import { parseFaults } from './faults.ts';
import { startSimulator } from './index.ts';
import type { SimulatorOptions } from './index.ts';

const HELP = `Usage: node simulator/cli.ts [options]

A local stand-in for ModelScope's catalog API and inference gateway, on 127.0.0.1.
Once listening it prints one JSON line {"origin":…,"inferenceOrigin":…} on stdout.

Options:
  --size N          models on the API-Inference list on day 0 (default 500, max 100000)
  --seed N          generator seed (default 1)
  --day N           churn day to start on (default 0)
  --latency MS      delay before every response in ms (default 0)
  --port N          port to listen on (default 0 = any free port)
  --hub-factor X    unfiltered hub size = list size × X (default 3)
  --chat-models N   ids served by /inference/v1/models (default 40)
  --churn-rate X    share of the list changing membership per day (default 0.01)
  --metrics-rate X  share of models gaining downloads per day (default 0.333)
  --tidy            the tidy world of before issue 19: Organization null for users, StorageSize,
                    covers in CoverImages, Default = newest Id first, none of the four quirks below
  --empty-inference-share X
                    share of listed models served with SupportInference "" (default 0.05)
  --shortfall N     TotalCount of the filtered list says N more rows than it serves (default 3)
  --gateway-only N  ids /inference/v1/models serves that the catalog lacks (default 3, max 8)
  --renames X       expected namespace renames per day, Id kept (default 0.2)
  --fault JSON      inject a fault (repeatable), e.g. '{"kind":"status","status":503,"times":2}';
                    a JSON array injects several; "times":"Infinity" never runs out
  --verbose         log every request to stderr
  --help            show this help

Control routes (for demos): POST /__sim/day {"day":N}, POST /__sim/faults <fault or [faults]>,
DELETE /__sim/faults, GET /__sim/state. Stops cleanly on SIGTERM/SIGINT.
`;

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new SimulatorError(`expected a number, got ${JSON.stringify(value)}`, flag);
  return n;
}

async function main(argv: readonly string[]): Promise<void> {
  const values = parseOptions(argv, {
    size: { type: 'string' },
    seed: { type: 'string' },
    day: { type: 'string' },
    latency: { type: 'string' },
    port: { type: 'string' },
    'hub-factor': { type: 'string' },
    'chat-models': { type: 'string' },
    'churn-rate': { type: 'string' },
    'metrics-rate': { type: 'string' },
    tidy: { type: 'boolean', default: false },
    'empty-inference-share': { type: 'string' },
    shortfall: { type: 'string' },
    'gateway-only': { type: 'string' },
    renames: { type: 'string' },
    fault: { type: 'string', multiple: true },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const faults = (values.fault ?? []).flatMap((text, i) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new SimulatorError(`not JSON: ${JSON.stringify(text)}`, `--fault #${i + 1}`, { cause: error });
    }
    return parseFaults(parsed, `--fault #${i + 1}`);
  });
  const options: SimulatorOptions = {};
  type NumberOption = 'size' | 'seed' | 'day' | 'latencyMs' | 'port' | 'hubFactor' | 'chatModels' | 'churnRate' | 'metricsRate' | 'emptyInferenceShare' | 'shortfall' | 'gatewayOnly' | 'renames';
  const set = (key: NumberOption, flag: string, raw: string | undefined): void => {
    const n = number(raw, flag);
    if (n !== undefined) options[key] = n;
  };
  set('size', '--size', values.size);
  set('seed', '--seed', values.seed);
  set('day', '--day', values.day);
  set('latencyMs', '--latency', values.latency);
  set('port', '--port', values.port);
  set('hubFactor', '--hub-factor', values['hub-factor']);
  set('chatModels', '--chat-models', values['chat-models']);
  set('churnRate', '--churn-rate', values['churn-rate']);
  set('metricsRate', '--metrics-rate', values['metrics-rate']);
  set('emptyInferenceShare', '--empty-inference-share', values['empty-inference-share']);
  set('shortfall', '--shortfall', values.shortfall);
  set('gatewayOnly', '--gateway-only', values['gateway-only']);
  set('renames', '--renames', values.renames);
  if (values.tidy) options.tidy = true;
  if (values.verbose) {
    options.onRequest = (r) => {
      const page = r.page === undefined ? '' : ` page=${r.page}`;
      const fault = r.fault === undefined ? '' : ` fault=${r.fault}`;
      process.stderr.write(`${new Date(r.at).toISOString()} ${r.method} ${r.path} ${r.route}${page} → ${r.status}${fault}\n`);
    };
  }
  const sim = await startSimulator(options);
  for (const fault of faults) sim.inject(fault);
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
const code = await runCli('simulator', processIo, () => main(process.argv.slice(2)));
if (code !== 0) process.exit(code);
