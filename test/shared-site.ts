// The browser fixture's site, built once per test run and shared (test/global-setup.ts builds it on the
// first call). Read only: a test that needs to change a site builds its own (test/small-site.ts).
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { SharedSiteInfo } from './global-setup.ts';

export { SHARED_SITE_BASE } from './global-setup.ts';
import type { FixtureModel } from './site-browser-fixture.ts';

/** The shared site: its static server's origin, its directory and the fixture's facts. */
export interface SharedSite extends Omit<SharedSiteInfo, 'modelsFile'> {
  models: FixtureModel[];
}

/** Waits for the shared site (building it if no file has asked yet). */
export async function sharedSite(): Promise<SharedSite> {
  const response = await fetch(new URL('site', inject('sharedSiteControl')), { signal: AbortSignal.timeout(300_000) });
  if (!response.ok) throw new Error(`the shared test site could not be built: ${await response.text()}`);
  const { modelsFile, ...info } = (await response.json()) as SharedSiteInfo;
  return { ...info, models: JSON.parse(await readFile(modelsFile, 'utf8')) as FixtureModel[] };
}
