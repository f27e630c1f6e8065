// Builds the @aslkit/react library: src/index.ts → dist/index.js (one ES module), with
// src/style.css (and the palette.css it imports, inlined) copied to dist/style.css; `tsc -b`
// writes the declarations beside it. React, react-dom, @xyflow/react, @aslkit/core and elkjs
// stay imports for the application's bundler: one React in the page (two copies break hooks),
// and elkjs still loads only when a graph is laid out.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const PALETTE_IMPORT = "@import './palette.css';";
const EXTERNAL = [/^react($|\/)/, /^react-dom($|\/)/, /^@xyflow\/react($|\/)/, /^@aslkit\/core($|\/)/, /^elkjs($|\/)/];

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'aslkit-style-css',
      generateBundle() {
        // One file for users to import: the generated palette goes in where style.css imports it.
        const palette = readFileSync(here('./src/palette.css'), 'utf8').trimEnd();
        const style = readFileSync(here('./src/style.css'), 'utf8');
        if (!style.includes(PALETTE_IMPORT)) this.error(`src/style.css no longer has ${PALETTE_IMPORT}`);
        this.emitFile({ type: 'asset', fileName: 'style.css', source: style.replace(PALETTE_IMPORT, palette) });
      },
    },
  ],
  build: {
    outDir: here('./dist'),
    // tsc -b has written the declarations into dist already.
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    lib: { entry: here('./src/index.ts'), formats: ['es'], fileName: () => 'index.js' },
    rollupOptions: { external: (id) => EXTERNAL.some((pattern) => pattern.test(id)) },
  },
});
