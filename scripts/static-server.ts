// A built site served on 127.0.0.1 the way GitHub Pages serves it: request paths percent-decoded once
// (so API file names behave the same), a directory answered by its index.html, and the site's own
// 404.html (status 404, it shows a long-gone model's tombstone) for an address without a file.
// `npm run preview` and `npm run demo` use it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/rss+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Serve `root` on 127.0.0.1:`port` (0 picks a free one); the server and its `http://localhost:PORT/` URL. */
export async function serveSite(root: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request: the path is not valid percent-encoding');
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end('forbidden');
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      const page = join(root, '404.html');
      const custom = await stat(page).catch(() => undefined);
      if (!custom?.isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      res.writeHead(404, { 'content-type': TYPES['.html'], 'content-length': custom.size });
      return void createReadStream(page).pipe(res);
    }
    const type = file.endsWith('feed.json') ? 'application/feed+json; charset=utf-8' : (TYPES[extname(file)] ?? 'application/octet-stream');
    res.writeHead(200, { 'content-type': type, 'content-length': info.size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  const address = server.address();
  return { server, url: `http://localhost:${typeof address === 'object' && address !== null ? address.port : port}/` };
}
