// Vitest's global setup: the browser fixture's site (~6,300 models, the real build, ~25 s) is built at most
// once per run and shared by every file that asks for it (test/shared-site.ts), instead of once per file.
// Lazily: a run of unit tests alone never pays for it. The main process holds a small control server on
// loopback; the first file to ask starts the build, later ones wait for the same one. The static server
// that serves the site also lives here, so the site's address (built into its pages) is one for all files.
import { createServer, type Server } from 'node:http';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { tempDir } from './helpers.ts';
import { buildFixtureSite, serveStatic, type StaticServer } from './site-browser-fixture.ts';

/** Where the shared site is served below its origin, as on GitHub Pages. */
export const SHARED_SITE_BASE = '/repo/';

/** What the control server answers: the built site and where the fixture's facts are. */
export interface SharedSiteInfo {
  /** `http://127.0.0.1:<port>` of the static server. */
  origin: string;
  /** The built site's directory (read only: every file shares it). */
  outDir: string;
  /** JSON file holding the fixture's FixtureModel[]. */
  modelsFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>/` of the control server that builds the shared site on first request. */
    sharedSiteControl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let root: string | undefined;
  let server: StaticServer | undefined;
  let building: Promise<SharedSiteInfo> | undefined;
  const build = async (): Promise<SharedSiteInfo> => {
    root = await tempDir('shared-site-');
    // The server starts first: the site is built for its address (port included).
    server = await serveStatic(join(root, 'site'), SHARED_SITE_BASE);
    const started = performance.now();
    const { outDir, models } = await buildFixtureSite(root, `${server.origin}${SHARED_SITE_BASE}`);
    const modelsFile = join(root, 'models.json');
    await writeFile(modelsFile, JSON.stringify(models));
    process.stderr.write(`shared site: fixture of ${models.length} models built in ${Math.round(performance.now() - started)} ms\n`);
    return { origin: server.origin, outDir, modelsFile };
  };
  const control: Server = createServer((request, response) => {
    if (request.url !== '/site') {
      response.writeHead(404).end();
      return;
    }
    building ??= build();
    building.then(
      (info) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(info)),
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error)),
    );
  });
  // A build takes far longer than Node's default request timeout allows an idle response.
  control.requestTimeout = 0;
  await new Promise<void>((done) => control.listen(0, '127.0.0.1', done));
  const address = control.address();
  if (address === null || typeof address === 'string') throw new Error('global setup: the control server has no port');
  project.provide('sharedSiteControl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await new Promise<void>((done) => control.close(() => done()));
    await server?.close();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  };
}
