// SITE_URL is validated and normalised once, before anything is built: the host is kept, `//` cannot make
// links point at another host, and a path Astro could not route is refused in one line.
import { describe, expect, it } from 'vitest';
import { normaliseSiteUrl } from '../publish/urls.ts';
import { runScript } from './helpers.ts';
import { tempDir } from './fixtures/publish/fs.ts';

describe('publish/urls: SITE_URL', () => {
  it('keeps the host and collapses empty path segments, so links cannot become protocol-relative', () => {
    for (const [raw, normal] of [
      ['https://u.github.io//evil.com/x', 'https://u.github.io/evil.com/x/'],
      ['https://u.github.io///repo//', 'https://u.github.io/repo/'],
      ['https://u.github.io', 'https://u.github.io/'],
      ['http://127.0.0.1:4321/a/b', 'http://127.0.0.1:4321/a/b/'],
    ] as const) {
      const out = normaliseSiteUrl(raw);
      expect(out, raw).toBe(normal);
      expect(new URL(out).host).toBe(new URL(raw).host);
      expect(new URL(out).pathname).not.toMatch(/\/\//);
    }
  });

  it('decodes each segment once and refuses what a route cannot hold', () => {
    expect(normaliseSiteUrl('https://u.github.io/%72epo/')).toBe('https://u.github.io/repo/');
    for (const raw of ['https://u.github.io/my repo/', 'https://u.github.io/%E4%B8%AD/', 'https://u.github.io/中文/', 'https://u.github.io/a%2Fb/', 'https://u.github.io/%ZZ/', 'https://u.github.io/a%252e/']) {
      expect(() => normaliseSiteUrl(raw), raw).toThrow(/^SITE_URL: path segment .*(must be letters|not valid percent-encoding)/);
    }
    expect(() => normaliseSiteUrl('javascript:alert(1)')).toThrow(/http or https/);
    expect(() => normaliseSiteUrl('https://user:pw@u.github.io/')).toThrow(/credentials/);
  });

  it('npm run build refuses a bad SITE_URL in one line with exit 2 before building', async () => {
    const root = await tempDir('site-url-');
    const result = await runScript('publish/build.ts', ['--data-dir', `${root}/data`, '--out', `${root}/dist`], { env: { ...process.env, SITE_URL: 'https://u.github.io/my repo/' } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^build: SITE_URL: path segment "my repo" must be letters/);
  });
});
