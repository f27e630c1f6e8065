// Vitest 4 no longer reads workspace files by name: this is the one Vitest config,
// passed with `--config vitest.workspace.ts`, and it lists every project.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import react from '@vitejs/plugin-react';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.ts';

// Packages resolve each other's `src` through this export condition, so tests need no build.
// 'module' is dropped: it sends Node to dist-es builds (the AWS SDK's) whose imports lack extensions.
const serverConditions = ['@aslkit/source', ...defaultServerConditions.filter((c) => c !== 'module')];
const clientConditions = ['@aslkit/source', ...defaultClientConditions];

const nodeProject = (name: string) => ({
  resolve: { conditions: serverConditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    name,
    root: `./packages/${name}`,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
    environment: 'node' as const,
    // Vitest's 5 s default fails tests that lay out graphs or type-check when CI shares its cores;
    // a hang still ends, and the timing-free tests assert no durations.
    testTimeout: 30_000,
  },
});

// The slow end-to-end test of the packed packages (packages/cli/test/packed-packages.e2e.test.ts): a
// project of its own, so `--project cli` stays fast; it needs `npm run build` first. It runs after
// every other project (groupOrder), so its npm install and Chromium do not starve their tests.
const e2eProject = {
  test: {
    name: 'e2e',
    root: './packages/cli',
    include: ['test/**/*.e2e.test.ts'],
    environment: 'node' as const,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    sequence: { groupOrder: 1 },
  },
};

// React 18 lives in its own workspace (react-dom 18 needs react 18 beside it); the react-18
// project resolves every react and react-dom import there, @xyflow/react's included.
const react18 = (path: string) =>
  fileURLToPath(new URL(`./packages/react-18-harness/node_modules/${path}`, import.meta.url));
const REACT_18_ALIAS = [
  { find: /^react$/, replacement: react18('react/index.js') },
  { find: /^react-dom$/, replacement: react18('react-dom/index.js') },
  { find: /^(react|react-dom)\/(.*)$/, replacement: `${react18('')}$1/$2` },
];

/** The viewer's component tests in Chromium, on React `major` (the peer range is ^18.3 || ^19). */
const browserProject = (name: string, major: 18 | 19) => ({
  plugins: [react()],
  resolve: { conditions: clientConditions, ...(major === 18 ? { alias: REACT_18_ALIAS } : {}) },
  define: { __REACT_MAJOR__: JSON.stringify(String(major)) },
  // Each project pre-bundles its own React, so their optimized dependencies must not share a folder.
  cacheDir: fileURLToPath(new URL(`./node_modules/.vite/${name}`, import.meta.url)),
  optimizeDeps: {
    include: [
      'react',
      'react-dom/client',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      '@xyflow/react',
      'elkjs/lib/elk.bundled.js',
      'vitest-browser-react',
      'xstate',
    ],
  },
  test: {
    name,
    root: './packages/react',
    include: ['src/**/*.browser.test.tsx', 'test/**/*.browser.test.tsx'],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      }),
      instances: [{ browser: 'chromium' as const, viewport: { width: 1200, height: 800 } }],
    },
  },
});

export default defineConfig({
  test: {
    projects: [
      nodeProject('core'),
      nodeProject('cli'),
      nodeProject('conformance'),
      nodeProject('lambda'),
      nodeProject('node'),
      nodeProject('vitest'),
      nodeProject('bench'),
      nodeProject('service'),
      nodeProject('sqlite'),
      browserProject('react', 19),
      browserProject('react-18', 18),
      e2eProject,
    ],
  },
});
