// Child process of the site build: Astro renders every page into the staging directory given. A fresh
// process per build, because Astro keeps its prerender bundle at a path derived from the working
// directory and Node caches modules by path: two builds in one process would share stale pages. It reads
// the data itself: a second read, while the parent keeps its own copy for the feeds and the API.
import { provideSiteInputs, readSiteInputs, type InputOptions } from './inputs.ts';

/** What the parent passes as the one argument (JSON). */
export interface RenderRequest extends InputOptions {
  /** The Astro project (`site/`). */
  root: string;
  /** The empty staging directory to render into. */
  outDir: string;
}

const request = JSON.parse(process.argv[2] ?? '{}') as RenderRequest;
const url = new URL(request.siteUrl);
provideSiteInputs(await readSiteInputs(request));
const { build } = await import('astro');
await build({
  root: request.root,
  outDir: request.outDir,
  site: url.origin,
  base: url.pathname,
  logLevel: 'error',
  // Pages in flight at once: writing 60,000+ small files one after another leaves the CPU idle half the time.
  build: { concurrency: 16 },
  // Bundle every package into the prerender code, so it runs wherever the staging directory is.
  vite: { logLevel: 'error', environments: { prerender: { resolve: { noExternal: true } } } },
});
