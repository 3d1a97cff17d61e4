// Under `astro dev` the model files are served by an endpoint (the build writes them itself), so a model
// page's chart and snippet work while developing too.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { provideSiteInputs, readSiteInputs } from '../publish/inputs.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import { model, snapshot } from './factories.ts';
import { emptyDataDir } from './fixtures/publish/fs.ts';

const made: string[] = [];
afterEach(async () => {
  provideSiteInputs(undefined);
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A data dir of two nights: a/one on both (downloads 5, then 9), b/two on the first only. */
async function twoNights(): Promise<string> {
  const dataDir = await emptyDataDir(made);
  await writeSnapshot(dataDir, snapshot('2026-03-01', [model('a/one', { downloads: 5 }), model('b/two')]));
  await writeSnapshot(dataDir, snapshot('2026-03-02', [model('a/one', { downloads: 9 })]));
  await rebuildChanges(dataDir);
  return dataDir;
}

describe('site dev model files', () => {
  it('serves the file of every model on the list under astro dev (a build never has the route: it would clash with the worker files)', async () => {
    const dataDir = await twoNights();
    provideSiteInputs(await readSiteInputs({ dataDir, siteUrl: 'https://u.github.io/repo/', snapshotDays: 'all' }));
    const endpoint = await import('../site/src/dev/model-file.ts');
    const paths = (await endpoint.getStaticPaths({} as never)) as { params: { owner: string; name: string }; props: { content: string } }[];
    expect(paths.map((path) => path.params)).toEqual([{ owner: 'a', name: 'one' }]);
    const doc = JSON.parse(paths[0]?.props.content ?? '{}') as { id: string; series: { downloads: number[] } };
    expect(doc.id).toBe('a/one');
    expect(doc.series.downloads).toEqual([5, 4]);
    const response = await endpoint.GET({ props: paths[0]?.props } as never);
    expect(await response.text()).toBe(paths[0]?.props.content);
  });

  it('npm run dev serves the site from CATALOG_DATA_DIR, model files included', async () => {
    const dataDir = await twoNights();
    const port = await freePort();
    // The command `npm run dev` runs (package.json), on a port of its own.
    const script = (JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['dev'];
    expect(script).toBe('astro dev --root site');
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--root', 'site', '--port', String(port), '--host', '127.0.0.1'], {
      // As from a terminal: without the test runner's NODE_ENV=test and VITEST* variables, which Astro's Vite reads.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST'))), CATALOG_DATA_DIR: dataDir, SITE_URL: `http://localhost:${port}/` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const origin = `http://127.0.0.1:${port}`;
      // Ready once it prints its address.
      await retry(async () => {
        if (!output.includes(`127.0.0.1:${port}`)) throw new Error(`astro dev not ready:\n${output}`);
      }, 60_000);
      const home = await fetch(`${origin}/`);
      expect(home.status, output).toBe(200);
      expect(await home.text()).toContain('a/one');
      const file = await fetch(`${origin}/api/models/a/one.json`);
      expect(file.status).toBe(200);
      expect((JSON.parse(await file.text()) as { id: string }).id).toBe('a/one');
    } finally {
      child.kill();
    }
  }, 120_000);
});

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** `attempt` until it resolves, for up to `ms`. */
async function retry<T>(attempt: () => Promise<T>, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}
