import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web monitoring page: Preact components compiled by Vite into hashed
 * files under dist/web, which the gateway serves at `/`. Everything the page
 * needs is bundled here, so it runs on a network without any outside host.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Every asset a file of its own: the page's Content-Security-Policy allows no data: URLs for scripts or styles.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
