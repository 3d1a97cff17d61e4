// Vitest's global setup: the sites several test files read are built at most once per run and shared
// (test/shared-site.ts), instead of once per file: the browser fixture's site (~6,300 models, the real
// build, ~25 s) and the site/html tests' small site in its two tombstone windows. Lazily: a run of unit
// tests alone never pays for them. The main process holds a small control server on loopback; the first
// file to ask for a build starts it, later ones wait for the same one. The static server that serves the
// browser fixture also lives here, so the site's address (built into its pages) is one for all files.
import { createServer, type Server } from 'node:http';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { tempDir } from './helpers.ts';
import { buildFixtureSite, serveStatic } from './site-browser-build.ts';
import { SHARED_SITE_BASE } from './site-browser-fixture.ts';
import { ARCHIVE_TOMBSTONE_DAYS, NIGHTS, SITE_URL } from './site-html-data.ts';
import { buildSmallSite } from './small-build.ts';

/** What the control server answers for the browser fixture: the built site and where the fixture's facts are. */
export interface SharedSiteInfo {
  /** `http://127.0.0.1:<port>` of the static server. */
  origin: string;
  /** The built site's directory (read only: every file shares it). */
  outDir: string;
  /** JSON file holding the fixture's FixtureModel[]. */
  modelsFile: string;
}

/** Makes one shared build in `root` (a fresh temporary directory); `onClose` registers what teardown must stop. */
type Build = (root: string, onClose: (close: () => Promise<void>) => void) => Promise<unknown>;

/** The shared builds, by the control server path that asks for each (read only: every file shares them). */
const BUILDS = {
  /** The browser fixture, served: SharedSiteInfo. */
  site: async (root, onClose) => {
    // The server starts first: the site is built for its address (port included).
    const server = await serveStatic(join(root, 'site'), SHARED_SITE_BASE);
    onClose(() => server.close());
    const { outDir, models } = await buildFixtureSite(root, `${server.origin}${SHARED_SITE_BASE}`);
    const modelsFile = join(root, 'models.json');
    await writeFile(modelsFile, JSON.stringify(models));
    return { origin: server.origin, outDir, modelsFile } satisfies SharedSiteInfo;
  },
  /** The site/html tests' site with the build's tombstone window: SmallBuild. */
  'html-site': (root) => buildSmallSite(root, NIGHTS, SITE_URL),
  /** The same nights with a window short enough to send a departure to the archive: SmallBuild. */
  'html-archive': (root) => buildSmallSite(root, NIGHTS, SITE_URL, { tombstoneDays: ARCHIVE_TOMBSTONE_DAYS }),
} satisfies Record<string, Build>;

/** The name of a shared build: the path a file asks the control server for. */
export type SharedBuildName = keyof typeof BUILDS;

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>/` of the control server that makes a shared build on its first request. */
    sharedBuildControl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const roots: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  const building = new Map<string, Promise<unknown>>();
  const start = async (name: SharedBuildName): Promise<unknown> => {
    const root = await tempDir('shared-site-');
    roots.push(root);
    const started = performance.now();
    const info = await BUILDS[name](root, (close) => closers.push(close));
    process.stderr.write(`shared build ${name}: built in ${Math.round(performance.now() - started)} ms\n`);
    return info;
  };
  const control: Server = createServer((request, response) => {
    const name = request.url?.slice(1) ?? '';
    if (!Object.hasOwn(BUILDS, name)) {
      response.writeHead(404).end();
      return;
    }
    let made = building.get(name);
    if (made === undefined) building.set(name, (made = start(name as SharedBuildName)));
    made.then(
      (info) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(info)),
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error)),
    );
  });
  // A build takes far longer than Node's default request timeout allows an idle response.
  control.requestTimeout = 0;
  await new Promise<void>((done) => control.listen(0, '127.0.0.1', done));
  const address = control.address();
  if (address === null || typeof address === 'string') throw new Error('global setup: the control server has no port');
  project.provide('sharedBuildControl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await new Promise<void>((done) => control.close(() => done()));
    await Promise.all(closers.map((close) => close()));
    await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  };
}
