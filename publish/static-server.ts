// A built site served on 127.0.0.1 the way GitHub Pages serves it: below its base path, request paths
// percent-decoded once (so API file names behave the same), a directory answered by its index.html
// (redirected to its trailing slash), and the site's own 404.html (status 404: it shows a long-gone
// model's tombstone) for an address without a file. `npm run preview`, the demo, the screenshots, the
// site benchmark and the browser tests all serve through it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/rss+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where and how to serve. */
export interface ServeOptions {
  /** Port on 127.0.0.1 (default 0: a free one). */
  port?: number;
  /** The site's base path, as in SITE_URL (default `/`); anything outside it is a plain 404. */
  base?: string;
  /** Called with the path and query of every request, before it is answered (tests record them). */
  onRequest?: (pathAndQuery: string) => void;
}

/** A running server. */
export interface SiteServer {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The site's address as a browser would type it: `http://localhost:<port><base>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * The request target as a URL on our own origin, or undefined when it is not a path (`*`, an absolute URL,
 * nothing). Resolving it against a base would let `//host/…` or `/\\host/…` name another host.
 */
export function requestUrl(target: string | undefined): URL | undefined {
  if (target === undefined || !target.startsWith('/')) return undefined;
  try {
    const url = new URL(`http://127.0.0.1${target}`);
    return url.host === '127.0.0.1' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Serve the built site in `dir` (see the file comment). */
export async function serveSite(dir: string, options: ServeOptions = {}): Promise<SiteServer> {
  const root = resolve(dir);
  const base = options.base ?? '/';
  const server = createServer((req, res) => {
    void (async () => {
      const plain = (status: number, text: string): void => void res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
      const url = requestUrl(req.url);
      if (url === undefined) return plain(400, 'bad request: not a path');
      options.onRequest?.(url.pathname + url.search);
      const send = async (file: string, status: number, size: number): Promise<void> => {
        const ext = extname(file);
        const type = file.endsWith(`${sep}feed.json`) ? 'application/feed+json; charset=utf-8' : Object.hasOwn(TYPES, ext) ? (TYPES[ext] as string) : 'application/octet-stream';
        res.writeHead(status, { 'content-type': type, 'content-length': size, 'cache-control': 'no-cache' });
        if (req.method === 'HEAD') return void res.end();
        createReadStream(file).pipe(res);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'method not allowed');
      if (!url.pathname.startsWith(base)) return plain(404, 'not found');
      let relative: string;
      try {
        relative = decodeURIComponent(url.pathname.slice(base.length));
      } catch {
        return plain(400, 'bad request: the path is not valid percent-encoding');
      }
      let file = resolve(root, `.${sep}${relative}`);
      if (file !== root && !file.startsWith(root + sep)) return plain(403, 'forbidden');
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory() === true) {
        // One leading slash only: `//host/` (or `/\\host/`) in a Location header is another site.
        if (!url.pathname.endsWith('/')) return void res.writeHead(301, { location: `/${url.pathname.replace(/^[/\\]+/, '')}/${url.search}` }).end();
        file = join(file, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (info?.isFile() === true) return send(file, 200, info.size);
      const page = join(root, '404.html');
      const custom = await stat(page).catch(() => undefined);
      if (custom?.isFile() === true) return send(page, 404, custom.size);
      return plain(404, 'not found');
    })().catch(() => {
      // Only an unreadable file can get here now; malformed requests were answered 400 above.
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', done);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    url: `http://localhost:${port}${base}`,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}
