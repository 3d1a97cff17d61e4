// No model id can make the build write outside its output, and a build that fails leaves the previous
// output as it was (fixture in publish-api-fixture.ts).
import { SITE_BUILDS } from './helpers.ts';
import { readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { serialiseSnapshot, snapshotPath, writeSnapshot } from '../store/snapshots.ts';
import { UnsafePathError } from '../publish/errors.ts';
import { DataFileError } from '../store/errors.ts';
import { insideRoot } from '../publish/output.ts';
import { buildSite } from '../publish/site.ts';
import { fileSegment, normaliseSiteUrl, urlSegment } from '../publish/urls.ts';
import { model, snapshot } from './factories.ts';
import { treeContents } from './fixtures/publish/fs.ts';
import { addNight, fixture, SNAPSHOTS } from './publish-api-fixture.ts';

describe('publish/api path safety', SITE_BUILDS, () => {
  it('encodes each segment so no name can leave its directory', () => {
    expect(fileSegment('Qwen3-8B', 'x')).toBe('Qwen3-8B');
    expect(fileSegment('../../etc/passwd', 'x')).toBe('%2E.%2F..%2Fetc%2Fpasswd');
    expect(fileSegment('a\\b:c*?', 'x')).toBe('a%5Cb%3Ac%2A%3F');
    expect(fileSegment('.hidden', 'x')).toBe('%2Ehidden');
    expect(fileSegment('%2E', 'x')).toBe('%252E');
    expect(fileSegment('half\uD800', 'x')).toBe('half%ED%A0%80');
    expect(fileSegment('half\uFFFD', 'x')).toBe('half%EF%BF%BD');
    expect(urlSegment(fileSegment('a b', 'x'))).toBe('a%2520b');
    for (const bad of ['', '.', '..']) expect(() => fileSegment(bad, 'model "x"')).toThrow(UnsafePathError);
    // A bare ~ marks our own suffixes, so a name's own ~ is encoded and can never imitate one.
    expect(fileSegment('a~b', 'x')).toBe('a%7Eb');
  });

  it('cuts a name too long for a file system to 200 characters plus ~ and a hash of the whole name', () => {
    const long = fileSegment('x'.repeat(300), 'x');
    expect(long).toMatch(/^x{200}~[0-9a-f]{10}$/);
    expect(fileSegment('x'.repeat(300), 'elsewhere')).toBe(long);
    expect(fileSegment(`${'x'.repeat(299)}y`, 'x')).not.toBe(long);
    expect(fileSegment('x'.repeat(250), 'x')).toBe('x'.repeat(250));
    // 28 CJK characters are 252 characters once encoded; the cut never splits a %XX escape.
    const cjk = fileSegment('模'.repeat(28), 'x');
    expect(cjk).toMatch(/^(%E6%A8%A1)+~[0-9a-f]{10}$/);
    expect(cjk.length).toBeLessThanOrEqual(250);
  });

  it('insideRoot refuses relative paths that climb out', () => {
    expect(insideRoot('/srv/out', 'api/models/a/b.json')).toBe('/srv/out/api/models/a/b.json');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a//b', './a', '']) expect(() => insideRoot('/srv/out', bad)).toThrow(UnsafePathError);
  });

  it('normalises the site URL and keeps a sub-path', () => {
    expect(normaliseSiteUrl('https://u.github.io/repo')).toBe('https://u.github.io/repo/');
    expect(normaliseSiteUrl('https://u.github.io/repo/?x=1#top')).toBe('https://u.github.io/repo/');
    expect(() => normaliseSiteUrl('u.github.io/repo')).toThrow(/SITE_URL: not an absolute URL/);
    expect(() => normaliseSiteUrl('ftp://u.github.io/')).toThrow(/http or https/);
  });

  it('hostile ids stay inside the output directory: the pages and files of all, those that left included', async () => {
    // Each id, and the path (below models/ for its page, api/models/ for its file) it must end up at.
    const hostile = new Map([
      ['evil/../../../../tmp/pwned', 'evil/%2E.%2F..%2F..%2F..%2Ftmp%2Fpwned'],
      ['evil/..\\..\\x', 'evil/%2E.%5C..%5Cx'],
      ['evil/%2e%2e', 'evil/%252e%252e'],
      ['evil/a%2Fb', 'evil/a%252Fb'],
      ['evil/.env', 'evil/%2Eenv'],
    ]);
    // Two of them leave on the second night: a page and (issue 21.4) a file each, at the same safe paths.
    const left = ['evil/../../../../tmp/pwned', 'evil/.env'];
    const ids = [...hostile.keys()];
    const { options, root } = await fixture([
      snapshot('2026-03-01', ids.map((id) => model(id))),
      snapshot('2026-03-02', ids.filter((id) => !left.includes(id)).map((id) => model(id))),
    ]);
    await buildSite(options);
    const tree = await treeContents(options.outDir);
    const files = Object.keys(tree).filter((path) => path.startsWith('api/models/'));
    expect(files.sort()).toEqual(ids.map((id) => `api/models/${hostile.get(id)}.json`).sort());
    // The pages of all five, each at the path its API file has (or would have), and nowhere else.
    const pages = Object.keys(tree).filter((path) => /^(zh\/)?models\//.test(path));
    expect(pages.sort()).toEqual(ids.map((id) => `models/${hostile.get(id)}/index.html`).sort());
    for (const id of ids) {
      const $ = cheerio.load(Buffer.from(tree[`models/${hostile.get(id)}/index.html`] as string, 'latin1').toString('utf8'));
      expect($('title').text().startsWith(`${id} · `), id).toBe(true);
      expect($('p.tomb').length, id).toBe(left.includes(id) ? 1 : 0);
    }
    expect((await readdir(root)).sort()).toEqual(['data', 'site']);
    expect(await readdir(dirname(options.outDir))).toEqual(['dist']);
  });

  it('a refused id fails the build and leaves the previous output byte-identical', async () => {
    const { options } = await fixture();
    await buildSite(options);
    const before = await treeContents(options.outDir);
    await addNight(options.dataDir, snapshot('2026-03-05', [model('evil/..')]));
    await expect(buildSite(options)).rejects.toThrow(UnsafePathError);
    expect(await treeContents(options.outDir)).toEqual(before);
    expect(await readdir(dirname(options.outDir))).toEqual(['dist']);
  });

  it('a change log that lags the snapshots fails the build with a clear error, output untouched', async () => {
    const { options } = await fixture();
    await buildSite(options);
    const before = await treeContents(options.outDir);
    await writeSnapshot(options.dataDir, snapshot('2026-03-06', [model('a/b')]));
    const failure = buildSite(options);
    await expect(failure).rejects.toThrow(DataFileError);
    await expect(failure).rejects.toThrow('the change log ends at 2026-03-04 but the newest snapshot is 2026-03-06');
    expect(await treeContents(options.outDir)).toEqual(before);
  });

  it('a corrupt newest snapshot fails the build naming the file, output untouched', async () => {
    const { options } = await fixture();
    await buildSite(options);
    const before = await treeContents(options.outDir);
    await writeFile(snapshotPath(options.dataDir, '2026-03-04'), serialiseSnapshot(SNAPSHOTS[2]!).replace('"likes":7', '"likes":-7'));
    await expect(buildSite(options)).rejects.toThrow(/2026-03-04\.json: does not match the snapshot schema/);
    expect(await treeContents(options.outDir)).toEqual(before);
  });
});
