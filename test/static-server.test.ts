// publish/static-server.ts with raw request targets (fetch would normalise them): never a redirect off the
// site, never a 500 for a malformed path, and the ordinary answers GitHub Pages gives.
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestUrl, serveSite, type SiteServer } from '../publish/static-server.ts';
import { tempDir } from './helpers.ts';

let site: SiteServer;
let port: number;
beforeAll(async () => {
  const dir = await tempDir('static-server-');
  await mkdir(join(dir, 'api'), { recursive: true });
  await mkdir(join(dir, 'evil.com'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<p>home</p>');
  await writeFile(join(dir, 'api', 'index.html'), '<p>api</p>');
  await writeFile(join(dir, 'evil.com', 'index.html'), '<p>a folder named like a host</p>');
  await writeFile(join(dir, '404.html'), '<p>not found</p>');
  site = await serveSite(dir);
  port = Number(new URL(site.origin).port);
});
afterAll(() => site.close());

/** One request with the target sent exactly as given. */
function raw(path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('publish/static-server', () => {
  it('redirects a directory to its trailing slash on the same site, whatever slashes the path starts with', async () => {
    expect(await raw('/api')).toEqual({ status: 301, location: '/api/' });
    for (const path of ['//', '//evil.com', '/.//evil.com', '/a/..//evil.com', '///evil.com', '/%2F%2Fevil.com', '/\\evil.com', '//api', '/.//api?x=1']) {
      const answer = await raw(path);
      expect(answer.status, path).not.toBe(500);
      if (answer.location !== undefined) {
        expect(answer.location, path).toMatch(/^\/[^/\\]/);
        expect(new URL(answer.location, 'http://127.0.0.1').host, path).toBe('127.0.0.1');
      }
    }
  });

  it('answers malformed targets with 400, not 500, and keeps serving', async () => {
    for (const path of ['/%ZZ', '/api/%E0%A4%A', '/%00']) expect([400, 404], path).toContain((await raw(path)).status);
    expect((await raw('/%ZZ')).status).toBe(400);
    expect((await raw('/')).status).toBe(200);
    expect((await raw('/nothing-here')).status).toBe(404);
  });

  it('reads only paths as request targets', () => {
    expect(requestUrl('*')).toBeUndefined();
    expect(requestUrl('http://evil.com/')).toBeUndefined();
    expect(requestUrl(undefined)).toBeUndefined();
    expect(requestUrl('//evil.com/x')?.pathname).toBe('//evil.com/x');
    expect(requestUrl('//evil.com/x')?.host).toBe('127.0.0.1');
  });
});
