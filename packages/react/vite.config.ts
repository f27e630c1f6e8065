// Builds the viewer app that `aslkit view` serves: packages/react/app → packages/cli/viewer, so the
// built page ships inside @aslkit/cli's tarball (its `files`) and the CLI finds it beside its own code.
import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('./app', import.meta.url)),
  // Relative asset URLs: the CLI serves the folder at the root, but nothing depends on that.
  base: './',
  plugins: [react()],
  // Workspace packages from source, so the viewer builds without a prior `tsc -b`.
  resolve: { conditions: ['@aslkit/source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('../cli/viewer', import.meta.url)),
    emptyOutDir: true,
    // ELK's worker is ~1.6 MB on its own and loads only when a graph is laid out.
    chunkSizeWarningLimit: 2000,
  },
});
