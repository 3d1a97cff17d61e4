// `npm run preview`: serve site/dist on http://localhost:4321/ to look at a build (the demo's, say).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { EXIT, parseOptions, processIo, runCli } from '../core/cli.ts';
import { UsageError } from '../core/errors.ts';

const HELP = `Usage: npm run preview -- [--dir DIR] [--port N]

Serves a built site on 127.0.0.1 as GitHub Pages does: request paths percent-decoded once, and
the site's 404.html (status 404) for an address without a file.

  --dir DIR    the built site (default site/dist)
  --port N     port to listen on (default 4321; 0 picks a free one)
  -h, --help   show this help`;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/rss+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

process.exitCode = await runCli('preview', processIo, async () => {
  const values = parseOptions(process.argv.slice(2), {
    dir: { type: 'string', default: 'site/dist' },
    port: { type: 'string', default: '4321' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new UsageError(`must be a port number from 0 to 65535, got ${JSON.stringify(values.port)}`, '--port');
  const root = resolve(values.dir);
  const server = createServer(async (req, res) => {
    // Percent-decode once, as GitHub Pages does, so API file names behave the same here.
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
      // Like GitHub Pages: the site's own 404.html (which shows a long-gone model's tombstone), status 404.
      const page = join(root, '404.html');
      const custom = await stat(page).catch(() => undefined);
      if (!custom?.isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      res.writeHead(404, { 'content-type': types['.html'], 'content-length': custom.size });
      return void createReadStream(page).pipe(res);
    }
    const type = file.endsWith('feed.json') ? 'application/feed+json; charset=utf-8' : (types[extname(file)] ?? 'application/octet-stream');
    res.writeHead(200, { 'content-type': type, 'content-length': info.size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  const address = server.address();
  console.log(`serving ${root} on http://localhost:${typeof address === 'object' && address !== null ? address.port : port}/`);
  return EXIT.ok;
});
