// One error class for everything the simulator refuses: what went wrong, where, and the underlying cause.

export class SimulatorError extends Error {
  /** What was wrong, e.g. "fault.times must be a positive integer or Infinity". */
  readonly what: string;
  /** Where it came from, e.g. "--fault #2" or "inject()". */
  readonly where: string;

  constructor(what: string, where: string, options?: { cause?: unknown }) {
    super(`${where}: ${what}`, options);
    this.name = 'SimulatorError';
    this.what = what;
    this.where = where;
  }
}
