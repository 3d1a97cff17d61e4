// `npm run preview`: serve site/dist on http://localhost:4321/ to look at a build (the demo's, say).
import { resolve } from 'node:path';
import { EXIT } from '../core/cli.ts';
import { runCommand, type Command } from '../core/command.ts';
import { integer, text, type Options } from '../core/options.ts';
import { serveSite } from '../publish/static-server.ts';

/** The preview command. */
export const PREVIEW = {
  name: 'preview',
  usage: 'npm run preview',
  about: `Serves a built site on 127.0.0.1 as GitHub Pages does: request paths percent-decoded once, and
the site's 404.html (status 404) for an address without a file.`,
  options: {
    dir: text({ value: 'DIR', default: 'site/dist', doc: 'the built site' }),
    port: integer({ value: 'N', min: 0, max: 65_535, default: 4321, doc: 'port to listen on; 0 picks a free one' }),
  },
  exit: '0 served until stopped, 1 failed, 2 usage error',
} as const satisfies Command<Options>;

/** Serve the site until stopped. */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(PREVIEW, argv, async ({ dir, port }) => {
    const { url } = await serveSite(resolve(dir), { port });
    console.log(`serving ${resolve(dir)} on ${url}`);
    return EXIT.ok;
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
