import { defineConfig } from 'astro/config';

// Pages are a pure function of one snapshot: static output, no client JavaScript,
// CSS inlined so every page is self-contained (print, offline, private hosting).
export default defineConfig({
  output: 'static',
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  // Bundle every dependency into the prerender chunk: Astro writes that chunk next to outDir
  // (or under the caller's cwd), where bare imports like 'vega' would not resolve.
  vite: { environments: { prerender: { resolve: { noExternal: true } } } },
});
