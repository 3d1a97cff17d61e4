// `npm run screenshots`: the README's pictures, taken from a built site (the demo's) in Debian's
// Chromium: the catalog, and the page of the catalog's first model (an OpenAI-compatible one, whose
// page has everything: facts, chart, timeline, snippet).
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { EXIT } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { text, type Options } from '../core/options.ts';
import { CatalogError, UsageError } from '../core/errors.ts';
import { serveSite } from '../publish/static-server.ts';

/** The screenshots command. */
export const SCREENSHOTS = {
  name: 'screenshots',
  usage: 'npm run screenshots',
  about: `Serves a built site on 127.0.0.1 and takes the README's screenshots with Chromium:
catalog.png and model.png, 1280 px wide. Build the demo's site first: npm run demo -- --no-serve`,
  options: {
    dir: text({ value: 'DIR', default: 'site/dist', doc: 'the built site' }),
    out: text({ value: 'DIR', default: 'docs/screenshots', doc: 'where the pictures go' }),
  },
  environment: { CHROMIUM_PATH: 'the Chromium to drive (default /usr/bin/chromium)' },
  exit: '0 taken, 1 failed, 2 usage error (no built site, no Chromium)',
} as const satisfies Command<Options>;

/** What a screenshot could not show. */
export class ScreenshotError extends CatalogError {}

/** Take the two pictures. */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(SCREENSHOTS, argv, async (values) => {
    const dir = resolve(values.dir);
    if (!existsSync(join(dir, 'index.html'))) throw new UsageError(`${dir} holds no built site: run npm run demo -- --no-serve first`, '--dir');
    const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
    if (!existsSync(executablePath)) throw new UsageError(`Chromium is not at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH`, 'environment');
    await mkdir(values.out, { recursive: true });
    const site = await serveSite(dir);
    const { url } = site;
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
      await page.goto(url, { waitUntil: 'networkidle' });
      const catalog = join(values.out, 'catalog.png');
      await page.screenshot({ path: catalog });
      const first = await page.locator('#results tbody a').first().getAttribute('href');
      if (first === null) throw new ScreenshotError('the catalog lists no model to open', url);
      await page.goto(new URL(first, url).href, { waitUntil: 'networkidle' });
      // The chart and the snippet are drawn by script from the model's JSON.
      await page.locator('figure[data-chart] svg').waitFor({ timeout: 10_000 }).catch((error: unknown) => {
        throw new ScreenshotError('the model page drew no chart', page.url(), { cause: error });
      });
      const model = join(values.out, 'model.png');
      await page.screenshot({ path: model, fullPage: true });
      console.log(`wrote ${catalog} and ${model}`);
    } finally {
      await browser.close();
      await site.close();
    }
    return EXIT.ok;
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
