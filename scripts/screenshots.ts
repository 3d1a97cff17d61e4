// `npm run screenshots`: the README's pictures, taken from a built site (the demo's) in Debian's
// Chromium: the catalog, and the page of the catalog's first model (an OpenAI-compatible one, whose
// page has everything: facts, chart, timeline, snippet).
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { EXIT, parseOptions, processIo, runCli } from '../core/cli.ts';
import { CatalogError, UsageError } from '../core/errors.ts';
import { serveSite } from '../publish/static-server.ts';

const HELP = `Usage: npm run screenshots -- [--dir DIR] [--out DIR]

Serves a built site on 127.0.0.1 and takes the README's screenshots with Chromium
(/usr/bin/chromium, or CHROMIUM_PATH): catalog.png and model.png, 1280 px wide.
Build the demo's site first: npm run demo -- --no-serve

  --dir DIR   the built site (default site/dist)
  --out DIR   where the pictures go (default docs/screenshots)
  -h, --help  show this help`;

/** What a screenshot could not show. */
export class ScreenshotError extends CatalogError {}

process.exitCode = await runCli('screenshots', processIo, async () => {
  const values = parseOptions(process.argv.slice(2), {
    dir: { type: 'string', default: 'site/dist' },
    out: { type: 'string', default: 'docs/screenshots' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT.ok;
  }
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
