// Ending a run cleanly when it is told to stop. Without handlers Node dies at once on SIGINT or SIGTERM:
// the data dir's lock stays behind (every later night then refuses until someone deletes it) and a build's
// worker process goes on writing a whole site nobody will use. With them the first signal aborts the run,
// which unwinds as a failure does (requests end, children are stopped, files are put back, the lock is
// released); a second signal exits at once for whoever really means it.
import { CatalogError } from './errors.ts';

/** The signals a terminal, `timeout` or a cancelled CI step sends. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type StopSignal = (typeof SIGNALS)[number];

/** The exit status of a process ended by `signal`, as shells report it (128 + its number). */
const SIGNAL_STATUS: Readonly<Record<StopSignal, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** The run was stopped by a signal; everything it had not finished was undone. */
export class InterruptedError extends CatalogError {
  /** The signal, e.g. `SIGTERM`. */
  readonly signal: string;
  constructor(signal: string, options?: { cause?: unknown }) {
    super(`interrupted by ${signal}; nothing it had not finished was written`, undefined, options);
    this.signal = signal;
  }
}

/** A run's stop switch. */
export interface StopSwitch {
  /** Aborted (with an InterruptedError as its reason) on the first signal. */
  signal: AbortSignal;
  /** The status to exit with when a signal stopped the run; undefined when none did. */
  exitStatus(): number | undefined;
  /** Remove the handlers. */
  dispose(): void;
}

/** Install the handlers for one run (see the file comment). */
export function stopOnSignals(): StopSwitch {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const handlers = SIGNALS.map((name) => {
    const handler = (): void => {
      if (received !== undefined) process.exit(SIGNAL_STATUS[name]);
      received = name;
      controller.abort(new InterruptedError(name));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    exitStatus: () => (received === undefined ? undefined : SIGNAL_STATUS[received]),
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
