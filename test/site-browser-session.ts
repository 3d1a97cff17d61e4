// Browser sessions on the browser fixture's shared site (test/site-browser-*.test.ts): each test opens
// fresh contexts in Chromium (playwright-core), and everything they saw is checked after it: no errors,
// no failed requests, nothing fetched from another host, no dialog. With the waits the tests share.
//
// Needs Chromium: /usr/bin/chromium (Debian's package; `.ci/run` installs it) or CHROMIUM_PATH.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, requireChromium } from './chromium.ts';
import { SHARED_SITE_BASE } from './site-browser-fixture.ts';
import { countLine, expected, pageIds, setFixtureModels, type Want } from './site-browser-oracle.ts';
import { sharedSite } from './shared-site.ts';

/** Where the shared site is served below its origin. */
export const BASE = SHARED_SITE_BASE;
/** How long a page may take to show what it should. */
export const WAIT = { timeout: 10_000 };

/** A browser context with every problem it ran into recorded. */
export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions, failed or 4xx/5xx requests. */
  problems: string[];
  /** Requests aimed anywhere but the test server. */
  external: string[];
  /** Dialogs (alert, confirm…) the page opened. */
  dialogs: string[];
  /** Every URL requested. */
  requested: string[];
}

let browser: Browser;
/** `http://127.0.0.1:<port>` of the shared site (set before the tests run). */
export let origin: string;
let sessions: Session[] = [];

/** A phone's viewport (an iPhone 14's CSS pixels), for the narrow layout. */
export const PHONE = { width: 390, height: 844 };

/** Opens `path` in a fresh context (its problems recorded and checked after the test). */
export async function open(path = BASE, viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<Session> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', serviceWorkers: 'block' });
  const session: Session = { context, page: await context.newPage(), problems: [], external: [], dialogs: [], requested: [] };
  sessions.push(session);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    session.requested.push(url);
    const { protocol, hostname } = new URL(url);
    if ((protocol === 'http:' || protocol === 'https:' || protocol === 'ws:' || protocol === 'wss:') && hostname !== '127.0.0.1') {
      session.external.push(url);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
  const { page } = session;
  page.on('console', (message) => {
    if (message.type() === 'error') session.problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => session.problems.push(`uncaught on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // Leaving a page cancels what it was still loading; that is not a failure of the site.
    if (error === 'net::ERR_ABORTED' || session.external.includes(request.url())) return;
    session.problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) session.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    session.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${origin}${path}`);
  return session;
}

/** The visible text of the count line. */
export const countText = (page: Page): Promise<string> => page.locator('#count').innerText();

/** Waits until the count line reads `text` (so the index is in and the state drawn). */
export async function waitForCount(page: Page, text: string): Promise<void> {
  await expect.poll(() => countText(page), WAIT).toBe(text);
}

/**
 * The model id of each result row: its link's text, which is the id or (on the static page) the name,
 * then the owner cell's text in front.
 */
export const rowIds = (page: Page): Promise<string[]> =>
  page.$$eval('#results tbody tr', (rows) =>
    rows.map((row) => {
      const text = row.querySelector('a')?.textContent?.trim() ?? '';
      const owner = row.querySelector('td.owner')?.textContent?.trim() ?? '';
      return owner === '' || text.startsWith(`${owner}/`) ? text : `${owner}/${text}`;
    }),
  );

/** Waits until the table shows exactly `ids`, in order. */
export async function waitForRows(page: Page, ids: string[]): Promise<void> {
  await expect.poll(() => rowIds(page), WAIT).toEqual(ids);
}

/** Waits until the table and count show page `page` of `want` in full. */
export async function waitForState(page: Page, want: Want, pageNo = 1): Promise<void> {
  await waitForCount(page, countLine(expected(want).length));
  const ids = pageIds(want, pageNo);
  await waitForRows(page, ids.length === 0 ? [''] : ids);
}

/** The address's query as an object (for comparing states). */
export const query = (page: Page): Record<string, string> => Object.fromEntries(new URL(page.url()).searchParams);

/** Waits until the address's query is exactly `want`. */
export async function waitForQuery(page: Page, want: Record<string, string>): Promise<void> {
  await expect.poll(() => query(page), WAIT).toEqual(want);
}

/** aria-sort of each sortable header, by its data-sort. */
export const ariaSorts = (page: Page): Promise<Record<string, string | null>> =>
  page.$$eval('#results th[data-sort]', (ths) => Object.fromEntries(ths.map((th) => [th.getAttribute('data-sort') ?? '', th.getAttribute('aria-sort')])));

/** Waits for the shared site and starts Chromium before a file's tests, and checks every session after each test (call once per file, at its top). */
export function useCatalogBrowser(): void {
  beforeAll(async () => {
    requireChromium();
    const started = performance.now();
    const site = await sharedSite();
    origin = site.origin;
    setFixtureModels(site.models);
    console.log(`site-browser: shared fixture of ${site.models.length} models ready in ${Math.round(performance.now() - started)} ms`);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    const done = sessions;
    sessions = [];
    await Promise.all(done.map((s) => s.context.close()));
    // On every page any test visited: no errors, no failed requests, nothing fetched from elsewhere, no dialog.
    expect(done.flatMap((s) => s.problems)).toEqual([]);
    expect(done.flatMap((s) => s.external)).toEqual([]);
    expect(done.flatMap((s) => s.dialogs)).toEqual([]);
  });
}
