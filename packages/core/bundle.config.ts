/**
 * Bundles `@aslkit/core` for publishing into dist/bundle: `index.js` (the engine), `debug.js`
 * (the `./debug` subpath, the only part that loads xstate), `layout.js` (the `./layout` subpath:
 * drawing the graph) and the chunks they share. `tsc -b`
 * still writes dist/**\/*.d.ts, which the `types` conditions point at.
 *
 * Why (docs/benchmarks.md, W5 cold start): Node spent most of a cold start resolving, reading and
 * compiling ~120 separate ES modules, then scanning jsonata's 300 KB CommonJS file for exports.
 * One minified module with the dependencies inlined, and jsonata set up only when first called,
 * cut W5's overhead over bare node from ~300 ms to ~60 ms on the bench machine.
 *
 * CommonJS (`--mode cjs`): `index.cjs`/`debug.cjs` for `require` (Node 20 cannot require an ES
 * module). They leave jsonata to Node's `require`, called on first use, so a JSONPath machine never
 * reads nor compiles its 80 KB; an ES module cannot load lazily and synchronously, so the ES build
 * inlines it.
 *
 * Run with `vite build --config packages/core/bundle.config.ts [--mode cjs]` (vite 8 bundles with rolldown).
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const LAZY_JSONATA = '\0aslkit:lazy-jsonata';

/** The one value import of jsonata the stand-in supports: its default export, called. */
const JSONATA_VALUE_IMPORT = /^\s*import\s+(?!type\b)(.*?)\s+from\s+'jsonata';/gm;

/**
 * Core calls `jsonata(...)` only when a definition holds a JSONata expression, but a bundled
 * CommonJS module runs where it is imported. This stand-in defers jsonata's set-up to the first
 * call, so JSONPath machines never pay for it (W5: ~10 ms). It only forwards calls, so the build
 * fails if src starts importing anything else from jsonata.
 */
function lazyJsonata({ external }: { external: boolean }): Plugin {
  return {
    name: 'aslkit:lazy-jsonata',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'jsonata') return null;
      if (importer !== LAZY_JSONATA) return LAZY_JSONATA;
      // The stand-in's own `require`: inlined, or left to Node (then read only on first call).
      return external ? { id: 'jsonata', external: true } : null;
    },
    load: (id) =>
      id !== LAZY_JSONATA
        ? null
        : [
            'let jsonata;',
            'module.exports = function lazyJsonata(...args) {',
            "  jsonata ??= require('jsonata');",
            '  return jsonata(...args);',
            '};',
          ].join('\n'),
    transform(code, id) {
      for (const [, clause] of code.matchAll(JSONATA_VALUE_IMPORT)) {
        if (!/^[A-Za-z_$][\w$]*$/.test(clause ?? ''))
          this.error(
            `${id}: only \`import jsonata from 'jsonata'\` is supported by the lazy stand-in, found \`${clause}\``,
          );
      }
      return null;
    },
  };
}

const LAZY_RE2JS = '\0aslkit:lazy-re2js';

/**
 * re2js (the linear-time regex engine, ~260 KB) is needed only by a definition with a regex:
 * JSONPath `=~` or a JSONata regex. Like jsonata, it is required on first use of `RE2JS`, so
 * other machines never read nor compile it (about 10 ms of a cold start).
 */
function lazyRe2js({ external }: { external: boolean }): Plugin {
  return {
    name: 'aslkit:lazy-re2js',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 're2js') return null;
      if (importer !== LAZY_RE2JS) return LAZY_RE2JS;
      return external ? { id: 're2js', external: true } : null;
    },
    load: (id) =>
      id !== LAZY_RE2JS
        ? null
        : [
            'let re2js;',
            "Object.defineProperty(exports, 'RE2JS', { enumerable: true, get: () => (re2js ??= require('re2js')).RE2JS });",
          ].join('\n'),
  };
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Core runs in browsers too: fail the build if an inlined dependency brought in a Node module. */
function noNodeImports(): Plugin {
  return {
    name: 'aslkit:no-node-imports',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const nodeOnly = [...chunk.imports, ...chunk.dynamicImports].filter((id) => NODE_BUILTINS.has(id));
        if (nodeOnly.length > 0) this.error(`${chunk.fileName} imports Node-only ${nodeOnly.join(', ')}`);
      }
    },
  };
}

/**
 * Node's ES-module entry for each CommonJS entry: `index.node.mjs` re-exports `index.cjs` through
 * `createRequire` (Node's documented ES module wrapper). `import` and `require` then share one
 * instance (no dual-package hazard) and ES users on Node get the lazy jsonata too. Emitted as an
 * asset, so the browser check above never sees its `node:module` import.
 */
function nodeEsmWrappers(): Plugin {
  return {
    name: 'aslkit:node-esm-wrappers',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        if (chunk.exports.includes('default'))
          this.error(`${chunk.fileName}: the wrapper re-exports named exports only`);
        const source = [
          "import { createRequire } from 'node:module';",
          `const entry = createRequire(import.meta.url)('./${chunk.fileName}');`,
          `export const { ${chunk.exports.join(', ')} } = entry;`,
          '',
        ].join('\n');
        this.emitFile({ type: 'asset', fileName: chunk.fileName.replace(/\.cjs$/, '.node.mjs'), source });
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const commonJs = mode === 'cjs';
  return {
    root: fromHere('.'),
    publicDir: false,
    logLevel: 'warn',
    plugins: [
      lazyJsonata({ external: commonJs }),
      lazyRe2js({ external: commonJs }),
      noNodeImports(),
      ...(commonJs ? [nodeEsmWrappers()] : []),
    ],
    // Browser builds of inlined dependencies.
    resolve: { conditions: ['module', 'browser', 'production'] },
    build: {
      outDir: fromHere('./dist/bundle'),
      // The CommonJS build runs second and adds its files.
      emptyOutDir: !commonJs,
      target: 'es2022',
      sourcemap: true,
      // Measurably faster to read and compile; sourcemaps map stacks back to src.
      minify: 'oxc',
      reportCompressedSize: false,
      lib: {
        entry: {
          index: fromHere('./src/index.ts'),
          debug: fromHere('./src/debug.ts'),
          layout: fromHere('./src/layout.ts'),
        },
        formats: [commonJs ? 'cjs' : 'es'],
      },
      rolldownOptions: {
        // xstate stays a dependency: only `./debug` loads it, and users may share its instance.
        external: [/^xstate(\/|$)/],
        output: {
          entryFileNames: commonJs ? '[name].cjs' : '[name].js',
          chunkFileNames: commonJs ? 'shared-[hash].cjs' : 'shared-[hash].js',
          // Whatever two entries share goes into one chunk, so an entry loads at most two files:
          // `import '@aslkit/core'` reads index and that chunk, not one more per pair of entries (W5).
          codeSplitting: { groups: [{ name: 'shared', minShareCount: 2 }] },
          // Errors set `this.name = new.target.name`: class names must survive minification.
          keepNames: true,
          // Vite keeps whitespace in ES libraries (for consumers' pure annotations); this one is
          // already tree-shaken into one module, and 25% less text is that much less to parse.
          minify: true,
        },
      },
    },
  };
});
