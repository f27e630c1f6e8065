// Builds the @aslkit/react library: src/index.ts → dist/index.js (one ES module), with
// src/style.css copied to dist/style.css; `tsc -b` writes the declarations beside it. React,
// react-dom, @xyflow/react, @aslkit/core and elkjs stay imports for the application's bundler:
// one React in the page (two copies break hooks), and elkjs still loads only when a graph is laid out.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const EXTERNAL = [/^react($|\/)/, /^react-dom($|\/)/, /^@xyflow\/react($|\/)/, /^@aslkit\/core($|\/)/, /^elkjs($|\/)/];

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'aslkit-style-css',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'style.css', source: readFileSync(here('./src/style.css'), 'utf8') });
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
