// Vitest 4 no longer reads workspace files by name: this is the one Vitest config,
// passed with `--config vitest.workspace.ts`, and it lists every project.
import { defineConfig } from 'vitest/config';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import react from '@vitejs/plugin-react';

// Packages resolve each other's `src` through this export condition, so tests need no build.
// 'module' is dropped: it sends Node to dist-es builds (the AWS SDK's) whose imports lack extensions.
const serverConditions = ['@aslkit/source', ...defaultServerConditions.filter((c) => c !== 'module')];
const clientConditions = ['@aslkit/source', ...defaultClientConditions];

// Debian's Chromium, offline: no background networking, no downloads (see .ci/run).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const nodeProject = (name: string) => ({
  resolve: { conditions: serverConditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    name,
    root: `./packages/${name}`,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node' as const,
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
      {
        plugins: [react()],
        resolve: { conditions: clientConditions },
        optimizeDeps: {
          include: [
            'react',
            'react-dom/client',
            '@xyflow/react',
            'elkjs/lib/elk.bundled.js',
            'vitest-browser-react',
            'xstate',
          ],
        },
        test: {
          name: 'react',
          root: './packages/react',
          include: ['src/**/*.browser.test.tsx', 'test/**/*.browser.test.tsx'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' as const, viewport: { width: 1200, height: 800 } }],
          },
        },
      },
    ],
  },
});
