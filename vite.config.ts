import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { serviceWorker } from './scripts/service-worker';
import { xyflowDeclaredSizes, xyflowDeclaredSizesInDeps } from './scripts/xyflow-declared-sizes';
import { zodWithoutJsonSchema } from './scripts/zod-without-json-schema';

/**
 * Content-Security-Policy for the built app: no inline script, nothing loaded from
 * elsewhere, no network but this origin. Build only: the dev server injects an inline
 * preamble for fast refresh. Inline styles stay allowed (React Flow positions nodes with them).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

export default defineConfig({
  // Relative asset URLs: the built app works from any sub-path.
  base: './',
  root: '.',
  plugins: [react(), contentSecurityPolicy(), serviceWorker(), zodWithoutJsonSchema(), xyflowDeclaredSizes()],
  // The rule and open workers parse designs with the same schemas: the same saving there.
  worker: { plugins: () => [zodWithoutJsonSchema()] },
  // The dev server's React Flow gets the build's patch (scripts/xyflow-declared-sizes.ts).
  optimizeDeps: { rolldownOptions: { plugins: [xyflowDeclaredSizesInDeps()] } },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    // The manifest lets scripts/first-load-budget.ts measure what the first load fetches.
    manifest: true,
    // Every browser the designer runs in preloads modules itself (Chrome 66, Firefox 115,
    // Safari 17); the polyfill was 0.4 KB of the first load's 200.
    modulePreload: { polyfill: false },
    // Everything the first paint needs in one file (one request, one gzip dictionary); what
    // app/lazy.tsx loads on first use stays in its own chunks.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'designer', tags: ['$initial'] }] } } },
  },
  server: { port: 5173, strictPort: false },
  test: {
    environment: 'node',
    reporters: ['default'],
    // `npm test` runs every test with small property-test counts; `npm run fuzz` runs the
    // fuzz files alone with FUZZ_RUNS=10000.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
          setupFiles: ['scripts/vitest-setup.ts'],
        },
      },
      { extends: true, test: { name: 'fuzz', include: ['app/**/*.fuzz.test.ts'], testTimeout: 600_000 } },
    ],
  },
});
