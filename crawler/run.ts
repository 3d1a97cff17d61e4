// A whole crawl run as the CLI, the demo and the nightly job use it: HTTP client, crawl, change tracking,
// summary. Failures become a one-line reason and an exit code; files are left as they were.
import { rm } from 'node:fs/promises';
import { Agent, type Dispatcher } from 'undici';
import { ChangesError } from '../changes/errors.ts';
import { updateChanges } from '../changes/update.ts';
import { crawl } from './crawl.ts';
import { CrawlError, RefusalError } from './errors.ts';
import { createHttpClient } from './http.ts';
import type { CliOptions } from './options.ts';
import { Progress, type RunSummary } from './report.ts';
import { snapshotPath } from './snapshot.ts';
import { readIfExists, writeFileAtomic } from './storage.ts';

/** Exit statuses of the crawl command. */
export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3 } as const;

/** Things a caller may substitute (tests, demo); everything has a production default. */
export interface RunDependencies {
  /** undici dispatcher; by default an Agent sized to the concurrency, closed at the end. */
  dispatcher?: Dispatcher;
  /** Progress display (default: a Progress on stderr). */
  progress?: Progress;
  /** Back-off sleep, passed to the HTTP client (default real timers). */
  sleep?: (ms: number) => Promise<void>;
}

/** The one-line reason for an error, with the token scrubbed in case anything upstream echoed it. */
export function reasonOf(error: unknown, token: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? message;
  return token ? line.replaceAll(token, '[token]') : line;
}

/** Run one crawl; never throws for crawl problems: they come back as the summary's outcome. */
export async function runCrawl(options: CliOptions, deps: RunDependencies = {}): Promise<{ summary: RunSummary; exitCode: number }> {
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

  const path = snapshotPath(options.dataDir, options.date);
  let before: string | undefined;
  try {
    before = await readIfExists(path);
    const result = await crawl(client, options, progress);
    let changes: RunSummary['changes'];
    if (options.updateChanges) {
      try {
        const update = await updateChanges(options.dataDir, options.date);
        changes = { entered: update.entered, left: update.left, returned: update.returned, missing: update.missing };
      } catch (error) {
        // Keep snapshot and change log in step: put the snapshot back as it was.
        if (before === undefined) await rm(path, { force: true });
        else await writeFileAtomic(path, before);
        throw error;
      }
    }
    const summary: RunSummary = {
      ...base(),
      outcome: result.written ? 'published' : 'unchanged',
      models: result.snapshot.models.length,
      previous: result.previous,
      passes: result.passes,
      rejected: result.rejected.length,
      chatModels: result.snapshot.source.chatModelCount,
      changes,
    };
    if (result.rejected.length > 0) {
      const sample = result.rejected.slice(0, 3).map((r) => `${r.id}: ${r.reason}`).join('; ');
      progress.note(`${result.rejected.length} unusable records left out (${sample})`);
    }
    return { summary, exitCode: EXIT.ok };
  } catch (error) {
    const refused = error instanceof RefusalError;
    if (!refused && !(error instanceof CrawlError) && !(error instanceof ChangesError)) {
      // A bug, not an upstream problem: keep the stack for whoever debugs it.
      console.error(error);
    }
    return {
      summary: { ...base(), outcome: refused ? 'refused' : 'failed', reason: reasonOf(error, options.token) },
      exitCode: refused ? EXIT.refused : EXIT.failed,
    };
  } finally {
    client.close();
    if (ownDispatcher) await dispatcher.destroy();
  }
}
