import { defineConfig } from 'astro/config';

// Pages are a pure function of one snapshot: static output, CSS inlined so every page is
// self-contained (print, offline, private hosting). The one script (the comparison table's
// sorter) is always its own file, never inlined: the site's Content-Security-Policy allows
// scripts from 'self' only, no inline ones (infra/security-headers.ts).
export default defineConfig({
  output: 'static',
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  vite: {
    // Bundle every dependency into the prerender chunk: Astro writes that chunk next to outDir
    // (or under the caller's cwd), where bare imports like 'vega' would not resolve.
    environments: { prerender: { resolve: { noExternal: true } } },
    // false: never inline a script chunk; undefined: Vite's default for any other asset.
    build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) },
  },
});
