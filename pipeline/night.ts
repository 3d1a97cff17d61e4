// One night as the crawl command, the nightly job and the demo run it: crawl ModelScope into a
// snapshot, write it, bring events and history up to it, and take the snapshot back if that fails, so
// a failed or refused night leaves every file as it was. Never throws for a problem of the night: it
// comes back as the summary's outcome and an exit code.
import { Agent, type Dispatcher } from 'undici';
import { EXIT, logLines, type ExitCode } from '../core/cli.ts';
import { CatalogError, errorLine, RefusalError } from '../core/errors.ts';
import { InterruptedError } from '../core/signals.ts';
import { updateChanges } from '../changes/update.ts';
import { crawl, type CrawlFacts, type CrawlProgress } from '../crawler/crawl.ts';
import { createHttpClient } from '../crawler/http/client.ts';
import { readEventLog } from '../store/change-files.ts';
import { lockDataDir, type DataDirLock } from '../store/lock.ts';
import { KEEP_SNAPSHOTS, pruneSnapshots } from '../store/snapshot-archive.ts';
import { keepSnapshotFile, listSnapshotDates, readPreviousSnapshot, writeSnapshot } from '../store/snapshots.ts';
import type { NightOptions } from './options.ts';
import { Progress, withCrawlFacts, type RunSummary } from './report.ts';

/** Things a caller may substitute (tests, demo); everything has a production default. */
export interface NightDependencies {
  /** undici dispatcher; by default an Agent sized to the concurrency, closed at the end. */
  dispatcher?: Dispatcher;
  /** Progress display (default: a Progress on stderr). */
  progress?: Progress;
  /** Back-off sleep, passed to the HTTP client (default real timers). */
  sleep?: (ms: number) => Promise<void>;
  /** Stops the night when aborted (SIGINT/SIGTERM in the CLI): requests end, nothing is left written. */
  signal?: AbortSignal;
}

/** The one-line reason for an error, with the token scrubbed in case anything upstream echoed it. */
export function reasonOf(error: unknown, token: string | undefined): string {
  const line = errorLine(error);
  return token ? line.replaceAll(token, '[token]') : line;
}

/** The newest earlier snapshot's date and size (a function of its own, so the snapshot itself is not kept alive). */
async function previousSize(dataDir: string, date: string): Promise<{ date: string; count: number } | undefined> {
  const earlier = await readPreviousSnapshot(dataDir, date);
  return earlier && { date: earlier.date, count: earlier.models.length };
}

/** Pages between two garbage collections while paging (see collectingEvery). */
const PAGES_PER_COLLECTION = 50;

/**
 * Progress hooks that also collect garbage every `pages` pages, when the process runs with --expose-gc
 * (`npm run crawl` does). Each parsed page is ~100 records of ~100 keys that live only until normalised;
 * V8 lets such garbage pile up by the hundred pages before it collects, which was a third of a crawl's
 * peak memory. A hard heap cap would do the same but fail the year-scale change update that follows.
 */
export function collectingEvery(
  pages: number,
  progress: CrawlProgress,
  gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc,
): CrawlProgress {
  if (gc === undefined) return progress;
  let read = 0;
  return {
    passStarted: (pass, count) => progress.passStarted?.(pass, count),
    note: (message) => progress.note?.(message),
    pageRead(models) {
      progress.pageRead?.(models);
      if (++read % pages === 0) gc();
    },
  };
}

/** The night ran past `--deadline`: what was read is dropped, nothing is written. */
export class DeadlineError extends CatalogError {
  constructor(deadlineMs: number, cause: unknown) {
    super(`the night ran past its deadline of ${deadlineMs / 60_000} minutes (--deadline); nothing was written`, undefined, { cause });
  }
}

/** Run one night; the exit code is EXIT.ok, EXIT.failed or EXIT.refused. */
export async function runNight(options: NightOptions, deps: NightDependencies = {}): Promise<{ summary: RunSummary; exitCode: ExitCode }> {
  const started = Date.now();
  const ownDispatcher = deps.dispatcher === undefined;
  const dispatcher =
    deps.dispatcher ?? new Agent({ connections: options.concurrency, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  const progress = deps.progress ?? new Progress();
  const client = createHttpClient({
    dispatcher,
    concurrency: options.concurrency,
    rps: options.rps,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    onRetry: (event) => progress.retried(`${event.method} ${event.url}${event.page ? ` (page ${event.page})` : ''}: ${event.reason}, waiting ${Math.round(event.delayMs)} ms`),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const base = (): Pick<RunSummary, 'date' | 'requests' | 'retries' | 'bytes' | 'durationMs'> => ({
    date: options.date,
    requests: client.stats.requests,
    retries: client.stats.retries,
    bytes: client.stats.bytes,
    durationMs: Date.now() - started,
  });

  let lock: DataDirLock | undefined;
  /** What the crawl listed (rejected records, duplicates, nulled timestamps, cuts), for the report, refused nights too. */
  let facts: CrawlFacts | undefined;
  // The whole night's deadline: past it the client closes, so every request and wait ends at once and the
  // night fails with a reason, instead of being cancelled by the job's timeout with none.
  let pastDeadline = false;
  const deadline = setTimeout(() => {
    pastDeadline = true;
    client.close();
  }, options.deadlineMs);
  const stop = (): void => client.close();
  deps.signal?.addEventListener('abort', stop, { once: true });
  /** Throws the signal's reason once the night was told to stop: checked before each write. */
  const stillWanted = (): void => {
    if (deps.signal?.aborted === true) throw deps.signal.reason instanceof Error ? deps.signal.reason : new InterruptedError('a signal');
  };
  try {
    // One writer per data dir, taken before the first request: a second run of the same night stops here.
    lock = await lockDataDir(options.dataDir, `crawl ${options.date}`);
    // Everything the night will need from disk is read before the first request, so unusable data
    // stops it at once instead of after a five-minute crawl.
    const restore = await keepSnapshotFile(options.dataDir, options.date);
    const previous = await previousSize(options.dataDir, options.date);
    if (options.updateChanges) await readEventLog(options.dataDir);
    const result = await crawl(
      client,
      { ...options, previous, wave: options.concurrency, onCrawled: (crawled) => void ((facts = crawled), options.onCrawled?.(crawled)) },
      collectingEvery(PAGES_PER_COLLECTION, progress),
    );
    stillWanted();
    const written = await writeSnapshot(options.dataDir, result.snapshot);
    let changes: RunSummary['changes'];
    if (options.updateChanges) {
      try {
        stillWanted();
        const update = await updateChanges(options.dataDir, options.date);
        const { entered, left, returned, renamed, gateway, served, unserved, servedAgain, missing } = update;
        changes = { entered, left, returned, renamed, gateway, served, unserved, servedAgain, missing };
      } catch (error) {
        // Keep snapshot and change log in step: put the snapshot back as it was.
        await restore();
        throw error;
      }
      await pruneOldSnapshots(options.dataDir, progress);
    }
    const summary: RunSummary = {
      ...base(),
      outcome: written ? 'published' : 'unchanged',
      models: result.snapshot.models.length,
      previous,
      passes: result.passes,
      pagesReread: result.pagesReread,
      recovered: result.recovered,
      rejected: result.rejected.length,
      openaiApiModels: result.snapshot.source.openaiApiModelCount,
      shortfall: result.shortfall,
      unknownInference: result.unknownInference,
      changes,
    };
    if (result.rejected.length > 0) {
      const sample = result.rejected.slice(0, 3).map((r) => `${r.id}: ${r.reason}`).join('; ');
      progress.note(`${result.rejected.length} unusable records left out (${sample})`);
    }
    return { summary: withCrawlFacts(summary, facts), exitCode: EXIT.ok };
  } catch (caught) {
    const interrupted = deps.signal?.aborted === true ? (deps.signal.reason as unknown) : undefined;
    const error = interrupted instanceof InterruptedError ? interrupted : pastDeadline ? new DeadlineError(options.deadlineMs, caught) : caught;
    const refused = error instanceof RefusalError;
    if (!(error instanceof CatalogError)) {
      // A bug, not an upstream or data problem: keep the stack for whoever debugs it.
      process.stderr.write(logLines(error instanceof Error ? (error.stack ?? String(error)) : String(error)));
    }
    return {
      summary: withCrawlFacts({ ...base(), outcome: refused ? 'refused' : 'failed', reason: reasonOf(error, options.token) }, facts),
      exitCode: refused ? EXIT.refused : EXIT.failed,
    };
  } finally {
    clearTimeout(deadline);
    deps.signal?.removeEventListener('abort', stop);
    client.close();
    await lock?.release();
    if (ownDispatcher) await dispatcher.destroy();
  }
}

/**
 * After a good night, leave only the newest snapshot files in the working tree; older ones stay in git's
 * history (store/snapshot-archive.ts), so the checkout does not grow with the years. Only files git
 * already holds are removed, so outside a repository nothing is. The night's data is whole either way:
 * a failure here is a note, not a failed night.
 */
async function pruneOldSnapshots(dataDir: string, progress: Progress): Promise<void> {
  try {
    const pruned = await pruneSnapshots(dataDir, await listSnapshotDates(dataDir), KEEP_SNAPSHOTS);
    if (pruned.length > 0) progress.note(`${pruned.length} older snapshot file(s) left the working tree for git's history (${pruned[0]}${pruned.length > 1 ? ` … ${pruned.at(-1)}` : ''})`);
  } catch (error) {
    progress.note(`older snapshots were not pruned: ${error instanceof Error ? error.message : String(error)}`);
  }
}
