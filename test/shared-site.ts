// The sites built once per test run and shared (test/global-setup.ts makes each on its first request): the
// browser fixture's site, and the site/html tests' small site. Read only: a test that needs to change a
// site builds its own (test/small-site.ts).
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { SharedBuildName, SharedSiteInfo } from './global-setup.ts';
import type { FixtureModel } from './site-browser-fixture.ts';
import type { SmallBuild } from './small-build.ts';

/** The shared site: its static server's origin, its directory and the fixture's facts. */
export interface SharedSite extends Omit<SharedSiteInfo, 'modelsFile'> {
  models: FixtureModel[];
}

/** Waits for the shared build `name` (making it if no file has asked yet) and returns what the global setup says of it. */
async function sharedBuild(name: SharedBuildName): Promise<unknown> {
  const response = await fetch(new URL(name, inject('sharedBuildControl')), { signal: AbortSignal.timeout(300_000) });
  if (!response.ok) throw new Error(`the shared test site (${name}) could not be built: ${await response.text()}`);
  return response.json();
}

/** Waits for the browser fixture's shared site (building it if no file has asked yet). */
export async function sharedSite(): Promise<SharedSite> {
  const { modelsFile, ...info } = (await sharedBuild('site')) as SharedSiteInfo;
  return { ...info, models: JSON.parse(await readFile(modelsFile, 'utf8')) as FixtureModel[] };
}

/** Waits for the site/html tests' shared build: `html-site` (the build's tombstone window) or `html-archive` (test/site-html-data.ts). */
export async function sharedHtmlBuild(name: 'html-site' | 'html-archive'): Promise<SmallBuild> {
  return (await sharedBuild(name)) as SmallBuild;
}
