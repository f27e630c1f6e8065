// THE SLOW END-TO-END TEST (about a minute): the public packages as a user gets them. It packs
// core, node, lambda, vitest, react and cli with `npm pack`, installs the tarballs into a fresh
// project outside the repository (npm's local cache first, the registry only for what the cache
// lacks), and there runs the README's library example, `aslkit run`, `validate`, `test` and
// `view` (in Chromium), a Vitest suite on @aslkit/vitest, a type check of every package, and a
// page bundled by Vite from @aslkit/react. It needs `npm run build` first (as `npm test` does).
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.js';

const repo = resolve(import.meta.dirname, '..', '..', '..');
const PUBLIC_PACKAGES = ['core', 'node', 'lambda', 'vitest', 'react', 'service', 'cli'];

let root: string;
let project: string;

/**
 * The environment of a child run outside the repository: without the `npm_*` variables of the
 * `npm test` that started us (npm_config_local_prefix would point npm back at the repository).
 */
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_/i.test(key) && !key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'INIT_CWD',
    ),
  );

/** Runs a command to its end; throws with its output when it fails. */
function run(command: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${String(result.status ?? result.signal)}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** `aslkit <args>` from the installed package's bin; the result whatever the exit code. */
const aslkit = (...args: string[]) =>
  spawnSync(join(project, 'node_modules', '.bin', 'aslkit'), args, { cwd: project, env: cleanEnv(), encoding: 'utf8' });

/** The README's library example (the first ts block under "## Usage"), as the user would paste it. */
function readmeExample(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const usage = readme.slice(readme.indexOf('\n## Usage'));
  const block = /```ts\n([\s\S]*?)```/.exec(usage)?.[1];
  if (!block) throw new Error('README.md has no ts block under "## Usage"');
  return block;
}

/** Serves a folder on 127.0.0.1, for the page Vite built from @aslkit/react. */
async function serveFolder(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const path = join(dir, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

async function withPage<T>(use: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    return await use(await browser.newPage({ viewport: { width: 1280, height: 860 } }));
  } finally {
    await browser.close();
  }
}

beforeAll(() => {
  const built = [
    ...PUBLIC_PACKAGES.map((name) => `${name}/dist/index.d.ts`),
    'core/dist/bundle/index.js',
    'cli/viewer/index.html',
  ];
  const unbuilt = built.filter((file) => !existsSync(join(repo, 'packages', file)));
  if (unbuilt.length > 0) throw new Error(`build the packages first (npm run build); missing: ${unbuilt.join(', ')}`);
  root = mkdtempSync(join(tmpdir(), 'aslkit-packed-'));
  const tarballs = join(root, 'tarballs');
  mkdirSync(tarballs);
  run(
    'npm',
    ['pack', '--pack-destination', tarballs, ...PUBLIC_PACKAGES.flatMap((name) => ['-w', `packages/${name}`])],
    repo,
  );
  project = join(root, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-aslkit', private: true, type: 'module' }));
  // Types for the type check, at the versions the repository tests with.
  const typesReact = JSON.parse(readFileSync(join(repo, 'node_modules/@types/react/package.json'), 'utf8')) as {
    version: string;
  };
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      ...readdirSync(tarballs).map((file) => join(tarballs, file)),
      `@types/react@${typesReact.version}`,
      `@types/react-dom@${typesReact.version}`,
    ],
    project,
    240_000,
  );
  cpSync(join(repo, 'fixtures', 'examples'), join(project, 'examples'), { recursive: true });
  cpSync(join(repo, 'fixtures', 'testing'), join(project, 'testing'), { recursive: true });
}, 300_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the packed packages, installed in a fresh project', () => {
  it('packs every public package with its built files, and installs no second React', () => {
    const list = (name: string) =>
      run('tar', ['-tzf', join(root, 'tarballs', `aslkit-${name}-0.1.0.tgz`)], root).stdout.split('\n');
    expect(list('react')).toEqual(
      expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/style.css']),
    );
    expect(list('cli')).toEqual(
      expect.arrayContaining(['package/bin/aslkit.js', 'package/dist/bin.js', 'package/viewer/index.html']),
    );
    expect(list('node')).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts']));
    expect(list('service')).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts']));
    expect(list('core')).toEqual(
      expect.arrayContaining(
        ['index', 'debug', 'layout'].flatMap((entry) => [
          `package/dist/bundle/${entry}.js`,
          `package/dist/bundle/${entry}.cjs`,
          `package/dist/bundle/${entry}.node.mjs`,
          `package/dist/${entry}.d.ts`,
          `package/types/${entry}.d.cts`,
        ]),
      ),
    );
    const tree = JSON.parse(run('npm', ['ls', 'react', '--all', '--json'], project).stdout) as object;
    const versions = new Set([...JSON.stringify(tree).matchAll(/"react":\{"version":"([^"]+)"/g)].map((m) => m[1]));
    expect(versions.size).toBe(1);
  });

  it("runs the README's library example", () => {
    // TypeScript, as the README shows it: type-checked below with check.tsx, run here with its types stripped.
    const source = `${readmeExample()}\nconsole.log(JSON.stringify({ status, output }));\n`;
    writeFileSync(join(project, 'readme-example.ts'), source);
    const file = join(project, 'readme-example.mjs');
    const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
    writeFileSync(file, ts.transpileModule(source, { compilerOptions: options }).outputText);
    const { stdout } = run('node', [file], project);
    expect(stdout).toContain('1 ExecutionStarted');
    expect(stdout.trim().split('\n').at(-1)).toBe(
      JSON.stringify({ status: 'SUCCEEDED', output: { chargeId: 'c-1', amount: 42 } }),
    );
  });

  it('runs aslkit run, validate and test from the installed bin', () => {
    const example = ['examples/order-pipeline.asl.json', '--input', 'examples/order-pipeline.input.json'];
    const ran = aslkit('run', ...example, '--mocks', 'examples/order-pipeline.mocks.json', '--seed', '7');
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toMatchObject({ orderId: 'o-1001', total: 59 });
    const validated = aslkit('validate', 'examples/order-pipeline.asl.json', 'testing/order-processing.asl.json');
    expect(validated.status).toBe(0);
    expect(validated.stdout).toContain('2 files checked');
    const tested = aslkit('test', 'testing/order-processing.test.json', 'examples/order-pipeline.test.json');
    expect(tested.stdout).toContain('10 passed, 0 failed');
    expect(tested.status).toBe(0);
  });

  it('serves aslkit view from the installed CLI and draws the execution in Chromium', async () => {
    const mocks = ['--mocks', 'examples/order-pipeline.mocks.json'];
    const child = spawn(
      join(project, 'node_modules', '.bin', 'aslkit'),
      ['view', 'examples/order-pipeline.asl.json', '--input', 'examples/order-pipeline.input.json', ...mocks],
      { cwd: project, env: cleanEnv() },
    );
    try {
      const url = await new Promise<string>((found, failed) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /aslkit view: (http:\/\/\S+)/.exec(out);
          if (match) found(match[1]!);
        });
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) => failed(new Error(`aslkit view exited ${String(code)}: ${out}${err}`)));
      });
      await withPage(async (page) => {
        await page.goto(url);
        await page.getByTestId('node-ValidateOrder').waitFor();
        await page.getByTestId('control-run').click();
        await page.locator('[data-testid="execution-result"][data-status="SUCCEEDED"]').waitFor();
        expect(await page.getByTestId('node-Ship').getAttribute('data-status')).toBe('succeeded');
      });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('serves the Step Functions API with aslkit serve from the installed CLI', async () => {
    const child = spawn(join(project, 'node_modules', '.bin', 'aslkit'), ['serve', '--port', '0'], {
      cwd: project,
      env: cleanEnv(),
    });
    try {
      const url = await new Promise<string>((found, failed) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /console at (http:\/\/\S+)/.exec(out);
          if (match) found(match[1]!);
        });
        child.on('exit', (code) => failed(new Error(`aslkit serve exited ${String(code)}: ${out}`)));
      });
      const call = async (operation: string, body: object) =>
        (await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${operation}` },
          body: JSON.stringify(body),
        }).then((response) => response.json())) as Record<string, string>;
      const { stateMachineArn } = await call('CreateStateMachine', {
        name: 'Hello',
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'hi', End: true } } }),
        roleArn: 'arn:aws:iam::123456789012:role/r',
      });
      const { executionArn } = await call('StartExecution', { stateMachineArn });
      let described = await call('DescribeExecution', { executionArn });
      while (described['status'] === 'RUNNING') described = await call('DescribeExecution', { executionArn });
      expect(described).toMatchObject({ status: 'SUCCEEDED', output: '"hi"' });
    } finally {
      child.kill('SIGTERM');
    }
    // @aslkit/sqlite is an optional peer (it compiles better-sqlite3 where no prebuilt binary fits): --data says so.
    const durable = aslkit('serve', '--port', '0', '--data', 'data');
    expect(durable.status).toBe(2);
    expect(durable.stderr).toContain('npm install @aslkit/sqlite');
  });

  it('runs a Vitest suite with @aslkit/vitest: setup file, runMachine and the matchers', () => {
    writeFileSync(
      join(project, 'vitest.config.mjs'),
      "export default { test: { include: ['order.test.mjs'], setupFiles: ['@aslkit/vitest/setup'] } };\n",
    );
    writeFileSync(
      join(project, 'order.test.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { expect, it } from 'vitest';",
        "import { runMachine } from '@aslkit/vitest';",
        "const json = (file) => JSON.parse(readFileSync(`examples/order-pipeline.${file}.json`, 'utf8'));",
        "it('ships the order after one Charge retry', async () => {",
        "  const run = await runMachine('examples/order-pipeline.asl.json', { input: json('input'), mocks: json('mocks') });",
        '  expect(run).toSucceed();',
        "  expect(run).toHaveRetried('Charge', 1);",
        "  expect(run).toHaveVisited('Ship');",
        '});',
        '',
      ].join('\n'),
    );
    const { stdout } = run(
      join(project, 'node_modules', '.bin', 'vitest'),
      ['run', '--config', 'vitest.config.mjs'],
      project,
    );
    expect(stdout.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests\s+1 passed \(1\)/);
  });

  it('type-checks a program that imports every package', () => {
    writeFileSync(
      join(project, 'check.tsx'),
      [
        "import { StateMachine, type ExecutionResult } from '@aslkit/core';",
        "import { createDebugSession } from '@aslkit/core/debug';",
        "import { toElkGraph, type LayoutEngine } from '@aslkit/core/layout';",
        "import { loadMachine, runCaseFiles, type CaseRunReport } from '@aslkit/node';",
        "import { lambdaResolvers } from '@aslkit/lambda';",
        "import { runMachine, type MachineRun } from '@aslkit/vitest';",
        "import { ExecutionViewer, createHistorySource } from '@aslkit/react';",
        "import { main } from '@aslkit/cli';",
        "const machine: StateMachine = loadMachine('examples/order-pipeline.asl.json').machine;",
        'export const session = createDebugSession(machine, {}, { resolvers: lambdaResolvers({ handlers: {} }) });',
        'export const results: [Promise<ExecutionResult>, Promise<MachineRun>, Promise<CaseRunReport>, Promise<number>] = [',
        "  machine.run({}), runMachine(machine), runCaseFiles([]), main(['--version'], { stdout: process.stdout, stderr: process.stderr, cwd: '.' }),",
        '];',
        'export const page = <ExecutionViewer source={createHistorySource({ definition: machine.definition, events: [] })} />;',
        'export const engine: LayoutEngine = async (graph) => graph;',
        '// @ts-expect-error toElkGraph takes a graph model, not a definition',
        'toElkGraph(machine.definition);',
        // Each package's types are real, not `any`: misuse must be an error (an unused expectation fails too).
        '// @ts-expect-error a definition is an object or text',
        'StateMachine.from(42);',
        '// @ts-expect-error paths are strings',
        'loadMachine(machine).machine.run({}, { seed: {} });',
        '// @ts-expect-error handlers are functions or specs',
        'lambdaResolvers({ handlers: { f: 1 } });',
        '// @ts-expect-error runMachine takes a source first',
        'runMachine();',
        '// @ts-expect-error ExecutionViewer needs a source',
        'export const broken = <ExecutionViewer />;',
        '',
      ].join('\n'),
    );
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    run(
      'node',
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--jsx',
        'react-jsx',
        // elkjs's own declarations fail strict checking (elk-api.d.ts, TS2536), so libraries are not checked.
        '--skipLibCheck',
        '--types',
        'node',
        '--typeRoots',
        join(repo, 'node_modules', '@types'),
        'check.tsx',
        'readme-example.ts',
      ],
      project,
    );
  });

  it('bundles @aslkit/react with Vite into a page that draws a history in Chromium', async () => {
    const app = join(project, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'index.html'),
      '<!doctype html><div id="root" style="height:800px"></div><script type="module" src="./main.js"></script>\n',
    );
    writeFileSync(
      join(app, 'main.js'),
      [
        "import { createElement } from 'react';",
        "import { createRoot } from 'react-dom/client';",
        "import { StateMachine } from '@aslkit/core';",
        "import { ExecutionViewer, createHistorySource } from '@aslkit/react';",
        "import '@xyflow/react/dist/style.css';",
        "import '@aslkit/react/style.css';",
        "const definition = { StartAt: 'Hello', States: { Hello: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } } };",
        'StateMachine.from(definition).run({}, { seed: 1 }).then((result) => {',
        '  const source = createHistorySource({ definition, events: result.history });',
        "  createRoot(document.getElementById('root')).render(createElement(ExecutionViewer, { source }));",
        '});',
        '',
      ].join('\n'),
    );
    run(join(project, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], app);
    const { url, server } = await serveFolder(join(app, 'dist'));
    try {
      await withPage(async (page) => {
        await page.goto(url);
        await page.locator('[data-testid="execution-result"][data-status="SUCCEEDED"]').waitFor();
        await page.locator('[data-testid="node-Done"][data-status="succeeded"]').waitFor();
      });
    } finally {
      server.close();
    }
  });
});
