// The published entry points (dist/bundle, built by `npm run build`), run in real Node processes:
// what `import` and `require` of `@aslkit/core` give a program, as opposed to Vitest's source build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageRoot = join(import.meta.dirname, '..');
const bundleDir = join(packageRoot, 'dist', 'bundle');

/** Runs `source` in a fresh node inside the package (so `@aslkit/core` resolves to itself). */
function node(source: string, type: 'commonjs' | 'module'): unknown {
  const stdout = execFileSync(process.execPath, [`--input-type=${type}`, '-e', source], {
    cwd: packageRoot,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as unknown;
}

const JSONPATH_MACHINE = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: { n: 1 }, End: true } } });
const JSONATA_MACHINE = JSON.stringify({
  QueryLanguage: 'JSONata',
  StartAt: 'A',
  States: { A: { Type: 'Pass', Output: '{% 1 + 2 %}', End: true } },
});

describe('published entry points', () => {
  it('are built', () => {
    expect(existsSync(join(bundleDir, 'index.js')), 'run `npm run build` first').toBe(true);
  });

  it('give `import` and `require` one shared instance on Node', () => {
    const same = node(
      `import { createRequire } from 'node:module';
       import * as esm from '@aslkit/core';
       import * as debugEsm from '@aslkit/core/debug';
       import * as layoutEsm from '@aslkit/core/layout';
       const require = createRequire(import.meta.url);
       const cjs = require('@aslkit/core');
       console.log(JSON.stringify([esm.StateMachine === cjs.StateMachine, debugEsm.createDebugSession === require('@aslkit/core/debug').createDebugSession, Object.keys(esm).length === Object.keys(cjs).length, layoutEsm.toElkGraph === require('@aslkit/core/layout').toElkGraph, layoutEsm.ELK_LAYERED_OPTIONS === esm.ELK_LAYERED_OPTIONS]));`,
      'module',
    );
    expect(same).toEqual([true, true, true, true, true]);
  });

  it('give the layout entry without elkjs or xstate: the host brings its own ELK', () => {
    const drawn = node(
      `const layout = require('@aslkit/core/layout');
       const { buildGraph } = require('@aslkit/core');
       const loaded = (name) => Object.keys(require.cache).some((file) => file.includes('/' + name + '/'));
       const elk = layout.toElkGraph(buildGraph({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }));
       console.log(JSON.stringify([elk.children.map((c) => c.id), loaded('elkjs'), loaded('xstate')]));`,
      'commonjs',
    );
    expect(drawn).toEqual([['__start__', 'A', '__end__'], false, false]);
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

  it('read re2js only when a machine uses a regex (CommonJS)', () => {
    const filter = JSON.stringify({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { 'x.$': '$.items[?(@.n > 1)]', 'y.$': '$.items[?(@.s =~ /a.*/)]' }, End: true },
      },
    });
    const loaded = node(
      `const { StateMachine } = require('@aslkit/core');
       const re2Loaded = () => Object.keys(require.cache).some((file) => file.includes('/re2js/'));
       (async () => {
         await StateMachine.from(${JSONPATH_MACHINE}).run({});
         const before = re2Loaded();
         const second = await StateMachine.from(${filter}).run({ items: [{ n: 2, s: 'ab' }, { s: 'b' }] });
         console.log(JSON.stringify([before, second.output, re2Loaded()]));
       })();`,
      'commonjs',
    );
    expect(loaded).toEqual([false, { x: [{ n: 2, s: 'ab' }], y: [{ n: 2, s: 'ab' }] }, true]);
  });

  it('keep the browser build free of Node modules and of require', () => {
    const esFiles = readdirSync(bundleDir).filter((file) => file.endsWith('.js'));
    expect(esFiles.length).toBeGreaterThan(1);
    for (const file of esFiles) {
      const text = readFileSync(join(bundleDir, file), 'utf8');
      const specifiers = [...text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+)["']/g)].map((match) => match[1]);
      expect(
        specifiers.filter((specifier) => !specifier!.startsWith('./') && specifier !== 'xstate'),
        file,
      ).toEqual([]);
      expect(/\brequire\(/.test(text), file).toBe(false);
    }
  });

  // Five cold type checks: seconds each on a busy 2-core machine, so more than the default 5 s.
  it(
    'give TypeScript types to `require` and `import` under node16, nodenext and bundler resolution',
    { timeout: 60_000 },
    () => {
      // A consumer inside the package resolves `@aslkit/core` through its own exports (self-reference).
      const dir = mkdtempSync(join(packageRoot, '.types-check-'));
      try {
        const commonJs = join(dir, 'consumer.cts');
        const esModule = join(dir, 'consumer.mts');
        writeFileSync(
          commonJs,
          "import core = require('@aslkit/core');\nimport debug = require('@aslkit/core/debug');\nimport layout = require('@aslkit/core/layout');\nconst input: core.Json = {};\nvoid core.StateMachine.from({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }).run(input);\nvoid debug.createDebugSession;\nconst metrics: layout.LayoutMetrics = layout.DEFAULT_LAYOUT_METRICS;\nvoid metrics;\n",
        );
        writeFileSync(
          esModule,
          "import { StateMachine, type Json } from '@aslkit/core';\nimport { createDebugSession, type ViewerSource } from '@aslkit/core/debug';\nimport { toElkGraph, type LayoutEngine } from '@aslkit/core/layout';\nconst input: Json = {};\nvoid StateMachine.from({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }).run(input);\nvoid createDebugSession;\nconst engine: LayoutEngine = async (graph) => graph;\nconst source: ViewerSource | undefined = undefined;\nvoid [toElkGraph, engine, source];\n",
        );
        const settings: [ts.ModuleKind, ts.ModuleResolutionKind, string[]][] = [
          [ts.ModuleKind.Node16, ts.ModuleResolutionKind.Node16, [commonJs, esModule]],
          [ts.ModuleKind.NodeNext, ts.ModuleResolutionKind.NodeNext, [commonJs, esModule]],
          [ts.ModuleKind.ESNext, ts.ModuleResolutionKind.Bundler, [esModule]],
        ];
        for (const [module, moduleResolution, files] of settings) {
          const program = ts.createProgram(files, {
            module,
            moduleResolution,
            target: ts.ScriptTarget.ES2022,
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          });
          const problems = ts
            .getPreEmitDiagnostics(program)
            .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
          expect(problems, ts.ModuleResolutionKind[moduleResolution]).toEqual([]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
