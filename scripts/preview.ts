// `npm run preview`: serve site/dist on http://localhost:4321/ to look at a build (the demo's, say).
import { resolve } from 'node:path';
import { EXIT, parseOptions, processIo, runCli } from '../core/cli.ts';
import { UsageError } from '../core/errors.ts';
import { serveSite } from '../publish/static-server.ts';

const HELP = `Usage: npm run preview -- [--dir DIR] [--port N]

Serves a built site on 127.0.0.1 as GitHub Pages does: request paths percent-decoded once, and
the site's 404.html (status 404) for an address without a file.

  --dir DIR    the built site (default site/dist)
  --port N     port to listen on (default 4321; 0 picks a free one)
  -h, --help   show this help`;

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
  const { url } = await serveSite(resolve(values.dir), { port });
  console.log(`serving ${resolve(values.dir)} on ${url}`);
  return EXIT.ok;
});
