// The published entry points (dist/bundle, built by `npm run build`), run in real Node processes:
// what `import` and `require` of `@aslkit/core` give a program, as opposed to Vitest's source build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packageRoot = join(import.meta.dirname, '..');
const bundleDir = join(packageRoot, 'dist', 'bundle');

/** Runs `source` in a fresh node inside the package (so `@aslkit/core` resolves to itself). */
function node(source: string, type: 'commonjs' | 'module'): unknown {
  const stdout = execFileSync(process.execPath, [`--input-type=${type}`, '-e', source], { cwd: packageRoot, encoding: 'utf8' });
  return JSON.parse(stdout) as unknown;
}

const JSONPATH_MACHINE = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: { n: 1 }, End: true } } });
const JSONATA_MACHINE = JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% 1 + 2 %}', End: true } } });

describe('published entry points', () => {
  it('are built', () => {
    expect(existsSync(join(bundleDir, 'index.js')), 'run `npm run build` first').toBe(true);
  });

  it('give `import` and `require` one shared instance on Node', () => {
    const same = node(
      `import { createRequire } from 'node:module';
       import * as esm from '@aslkit/core';
       import * as debugEsm from '@aslkit/core/debug';
       const require = createRequire(import.meta.url);
       const cjs = require('@aslkit/core');
       console.log(JSON.stringify([esm.StateMachine === cjs.StateMachine, debugEsm.createDebugSession === require('@aslkit/core/debug').createDebugSession, Object.keys(esm).length === Object.keys(cjs).length]));`,
      'module',
    );
    expect(same).toEqual([true, true, true]);
  });

  it('read jsonata only when a machine uses JSONata (CommonJS)', () => {
    const loaded = node(
      `const { StateMachine } = require('@aslkit/core');
       const jsonataLoaded = () => Object.keys(require.cache).some((file) => file.includes('/jsonata/'));
       (async () => {
         const first = await StateMachine.from(${JSONPATH_MACHINE}).run({});
         const before = jsonataLoaded();
         const second = await StateMachine.from(${JSONATA_MACHINE}).run({});
         console.log(JSON.stringify([first.output, before, second.output, jsonataLoaded()]));
       })();`,
      'commonjs',
    );
    expect(loaded).toEqual([{ n: 1 }, false, 3, true]);
  });

  it('keep the browser build free of Node modules and of require', () => {
    const esFiles = readdirSync(bundleDir).filter((file) => file.endsWith('.js'));
    expect(esFiles.length).toBeGreaterThan(1);
    for (const file of esFiles) {
      const text = readFileSync(join(bundleDir, file), 'utf8');
      const specifiers = [...text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+)["']/g)].map((match) => match[1]);
      expect(specifiers.filter((specifier) => !specifier!.startsWith('./') && specifier !== 'xstate'), file).toEqual([]);
      expect(/\brequire\(/.test(text), file).toBe(false);
    }
  });
});
