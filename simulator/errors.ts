// One error class for everything the simulator refuses: what went wrong, where, and the underlying cause.
// Whatever it refuses was asked of it wrongly (an option, a fault, a day), so it is a usage error (exit 2).
import { UsageError } from '../core/errors.ts';

export class SimulatorError extends UsageError {
  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(what, where, options);
  }
}
