// Astro settings. `npm run build` (publish/site.ts) passes `site`, `base` and `outDir` itself; under
// `npm run dev` they come from SITE_URL like everything else.
import { defineConfig } from 'astro/config';

const siteUrl = new URL(process.env['SITE_URL']?.trim() || 'http://localhost:4321/');

export default defineConfig({
  integrations: [
    {
      // The model files are written by the build itself; under `astro dev` a route serves them instead.
      name: 'dev-model-files',
      hooks: {
        'astro:config:setup': ({ command, injectRoute }) => {
          if (command !== 'dev') return;
          injectRoute({ pattern: '/api/models/[owner]/[name].json', entrypoint: './src/dev/model-file.ts', prerender: true });
        },
      },
    },
  ],
  site: siteUrl.origin,
  base: siteUrl.pathname,
  trailingSlash: 'always',
  build: { format: 'directory', assets: '_assets', inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Every script and stylesheet is a file of our own (never inlined), so one short CSP in the layout
  // (`default-src 'self'`) covers them; Astro's CSP would list every script's hash on all 137,000 pages.
  // Short asset names: every model page names its stylesheet and script. Astro names the browser bundle's
  // files in the client environment (rolldown), after the top-level options, so they are set there too.
  vite: {
    build: {
      assetsInlineLimit: 0,
      rollupOptions: { output: { entryFileNames: '_assets/[hash].js', chunkFileNames: '_assets/[hash].js', assetFileNames: '_assets/[hash][extname]' } },
    },
    environments: {
      client: { build: { rolldownOptions: { output: { entryFileNames: '_assets/[hash].js', chunkFileNames: '_assets/[hash].js', assetFileNames: '_assets/[hash][extname]' } } } },
    },
  },
});
