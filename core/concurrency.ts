// Bounded parallelism for I/O-bound work (file reads and writes), on the p-queue the HTTP client uses.
import PQueue from 'p-queue';

/**
 * Run `task` over `items` with at most `limit` at once and return the results in input order. Items are
 * pulled from the iterable only as slots free up, so a lazy generator of 60,000 files is never held
 * whole. After the first failure no new task starts; the ones running finish, then that error is thrown.
 */
export async function mapBounded<T, R>(items: Iterable<T>, limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const concurrency = Math.max(1, limit);
  const queue = new PQueue({ concurrency });
  const results: R[] = [];
  let failure: { error: unknown } | undefined;
  let index = 0;
  for (const item of items) {
    if (failure !== undefined) break;
    const at = index++;
    // The task catches its own error, so the promise add() returns never rejects.
    void queue.add(async () => {
      if (failure !== undefined) return;
      try {
        results[at] = await task(item, at);
      } catch (error) {
        failure ??= { error };
      }
    });
    // Keep at most `concurrency` tasks waiting behind the running ones before pulling the next item.
    await queue.onSizeLessThan(concurrency);
  }
  await queue.onIdle();
  if (failure !== undefined) throw failure.error;
  return results;
}
