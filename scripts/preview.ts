// `npm run preview`: serve site/dist on http://localhost:4321/ to look at a build (the demo's, say).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'site/dist' }, port: { type: 'string', default: '4321' }, help: { type: 'boolean', short: 'h', default: false } } });
if (values.help) {
  console.log('Usage: npm run preview -- [--dir site/dist] [--port 4321]   serves a built site on 127.0.0.1');
  process.exit(0);
}
const root = resolve(values.dir);
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/rss+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

createServer(async (req, res) => {
  // Percent-decode once, as GitHub Pages does, so API file names behave the same here.
  let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(root, path);
  if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end('forbidden');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  const type = file.endsWith('feed.json') ? 'application/feed+json; charset=utf-8' : (types[extname(file)] ?? 'application/octet-stream');
  res.writeHead(200, { 'content-type': type, 'content-length': info.size });
  createReadStream(file).pipe(res);
}).listen(Number(values.port), '127.0.0.1', () => console.log(`serving ${root} on http://localhost:${values.port}/`));
