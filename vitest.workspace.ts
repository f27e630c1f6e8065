// Vitest 4 no longer reads workspace files by name: this is the one Vitest config,
// passed with `--config vitest.workspace.ts`, and it lists every project.
import { defineConfig } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// Packages resolve each other's `src` through this export condition, so tests need no build.
const sourceConditions = ['@aslkit/source', ...defaultServerConditions];

const nodeProject = (name: string) => ({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name,
    root: `./packages/${name}`,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node' as const,
  },
});

export default defineConfig({
  test: {
    projects: [nodeProject('core'), nodeProject('cli'), nodeProject('conformance')],
  },
});
