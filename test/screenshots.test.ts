// `npm run screenshots` makes the README's pictures from a built site in Debian's Chromium.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript, tempDir } from './helpers.ts';

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('scripts/screenshots', () => {
  it('photographs the demo site: the catalog, and a model page with its chart drawn', async () => {
    const root = await tempDir('screenshots-');
    const site = join(root, 'dist');
    const built = await runScript('scripts/demo.ts', ['--no-serve', '--nights', '3', '--size', '120', '--data-dir', join(root, 'data'), '--out', site]);
    expect(built.code, built.stderr).toBe(0);
    const shot = await runScript('scripts/screenshots.ts', ['--dir', site, '--out', join(root, 'shots')]);
    expect(shot.code, shot.stderr).toBe(0);
    expect(shot.stdout).toMatch(/wrote .*catalog\.png and .*model\.png/);
    const catalog = pngSize(await readFile(join(root, 'shots', 'catalog.png')));
    const model = pngSize(await readFile(join(root, 'shots', 'model.png')));
    expect(catalog).toEqual({ width: 1280, height: 800 });
    expect(model.width).toBe(1280);
    // The whole model page: header, facts, chart, timeline, snippet.
    expect(model.height).toBeGreaterThan(900);
  }, 120_000);

  it('says what to do when there is no built site', async () => {
    const root = await tempDir('screenshots-');
    const result = await runScript('scripts/screenshots.ts', ['--dir', join(root, 'nothing')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^screenshots: --dir: .* holds no built site: run npm run demo -- --no-serve first\n$/);
  });
});
