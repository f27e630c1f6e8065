// Prepares fixtures/cdk-app/cdk.out for the template tests: installs the CDK app's own
// dependencies (aws-cdk-lib and the aws-cdk CLI, kept out of the workspace so that a plain
// `npm ci` stays small) when its lockfile changed, then compiles the app and runs `cdk synth`
// offline when a source changed. Nothing generated is committed. Prints what it did and how long
// it took; does nothing (in milliseconds) when cdk.out is up to date.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const app = fileURLToPath(new URL('../fixtures/cdk-app/', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (latest, entry) =>
      Math.max(latest, entry.isDirectory() ? newest(join(dir, entry.name)) : mtime(join(dir, entry.name))),
    0,
  );

function step(what, command, args) {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: app,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Offline: no version check, no notices, no telemetry; the app makes no context lookups.
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  if (result.status !== 0) {
    console.error(`cdk fixture: ${what} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
  console.log(`cdk fixture: ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (mtime(join(app, 'node_modules', '.package-lock.json')) < mtime(join(app, 'package-lock.json')))
  step('npm ci', npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
const sources = Math.max(
  ...['src', 'lambda', 'statemachines'].map((dir) => newest(join(app, dir))),
  mtime(join(app, 'cdk.json')),
  mtime(join(app, 'package-lock.json')),
);
if (mtime(join(app, 'cdk.out', 'manifest.json')) < sources) {
  // Transpiled, not type-checked: checking against aws-cdk-lib's declarations takes 15 s on CI's
  // two cores, and `cdk synth` runs the app anyway.
  const started = performance.now();
  mkdirSync(join(app, 'dist'), { recursive: true });
  for (const name of readdirSync(join(app, 'src')).filter((file) => file.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(app, 'src', name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(app, 'dist', name.replace(/\.ts$/, '.js')), outputText);
  }
  console.log(`cdk fixture: transpiled the app in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  step('cdk synth', process.execPath, [
    join(app, 'node_modules', 'aws-cdk', 'bin', 'cdk'),
    'synth',
    '--quiet',
    '--no-notices',
    '--no-version-reporting',
    '--no-lookups',
  ]);
}
