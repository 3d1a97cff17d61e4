// Under `astro dev` the model files are served by an endpoint (the build writes them itself), so a model
// page's chart and snippet work while developing too.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rebuildChanges } from '../changes/rebuild.ts';
import { provideSiteInputs, readSiteInputs } from '../publish/inputs.ts';
import { writeSnapshot } from '../store/snapshots.ts';
import { model, snapshot } from './fixtures/publish/factories.ts';
import { tempDir } from './fixtures/publish/fs.ts';

const made: string[] = [];
afterEach(async () => {
  provideSiteInputs(undefined);
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('site dev model files', () => {
  it('serves the file of every model on the list under astro dev (a build never has the route: it would clash with the worker files)', async () => {
    const root = await tempDir();
    made.push(root);
    const dataDir = join(root, 'data');
    await mkdir(dataDir);
    await writeSnapshot(dataDir, snapshot('2026-03-01', [model('a/one', { downloads: 5 }), model('b/two')]));
    await writeSnapshot(dataDir, snapshot('2026-03-02', [model('a/one', { downloads: 9 })]));
    await rebuildChanges(dataDir);
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
});
