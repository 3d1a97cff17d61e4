// `npm run check:astro` (part of `npm test`): type-check the site's `.astro` components. tsc (TypeScript
// 7) checks every `.ts` file but cannot read `.astro`; Astro's checker needs TypeScript's programmatic
// API, which 7 does not ship, so it runs on the `typescript6` package installed beside it.
import { createRequire, registerHooks } from 'node:module';
import { join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const typescript6 = require.resolve('typescript6');
// The checker's libraries `require('typescript')` themselves (a peer dependency, so npm gives them
// the project's TypeScript 7): in this process only, that name means TypeScript 6.
registerHooks({
  resolve: (specifier, context, next) => (specifier === 'typescript' ? { url: `file://${typescript6}`, shortCircuit: true } : next(specifier, context)),
});
const { AstroCheck } = await import('@astrojs/language-server');

const root = join(import.meta.dirname, '..', 'site');
const checker = new AstroCheck(root, typescript6, join(root, 'tsconfig.json'));
const result = await checker.lint({});
for (const file of result.fileResult) {
  for (const error of file.errors) {
    if (error.severity !== 1) continue;
    const line = error.range.start.line + 1;
    console.error(`${relative(process.cwd(), file.fileUrl.pathname)}:${line}: ${String(error.message).split('\n')[0]}`);
  }
}
console.log(`check:astro: ${result.fileChecked} files, ${result.errors} errors, ${result.warnings} warnings`);
process.exitCode = result.errors > 0 ? 1 : 0;
