// What installing @aslkit/cli pulls in: its dependency closure (dependencies and the peers npm
// installs with them, walked through node_modules as Node resolves them) must hold no Vitest and
// no React. The viewer is served prebuilt; tests are run by @aslkit/node's case runner. A second
// check keeps the closure honest: every package the CLI's and @aslkit/node's sources import is
// one they declare.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packages = join(import.meta.dirname, '..', '..');

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** The folder of `name` as Node finds it from `dir`: the nearest node_modules up the tree. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (needed from ${from})`);
  }
}

/** Every package installing the one in `dir` brings, by name. */
function closure(dir: string, seen = new Map<string, string>()): Map<string, string> {
  const manifest = readManifest(dir);
  const optional = manifest.peerDependenciesMeta ?? {};
  const names = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}).filter((name) => optional[name]?.optional !== true),
  ];
  for (const name of names) {
    if (seen.has(name)) continue;
    const found = packageDir(name, dir);
    seen.set(name, found);
    closure(found, seen);
  }
  return seen;
}

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) ? [path] : [];
  });

/** The packages a source file imports (`@scope/name` or `name`, subpaths cut). */
const importedPackages = (text: string): string[] =>
  [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g)]
    .map((match) => match[1]!)
    .filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );

describe('@aslkit/cli dependency closure', () => {
  it('holds no Vitest and no React: installing the CLI installs neither', () => {
    const names = [...closure(join(packages, 'cli')).keys()];
    expect(names).toEqual(expect.arrayContaining(['@aslkit/core', '@aslkit/node', '@aslkit/lambda']));
    expect(
      names.filter((name) => /^(vitest|@vitest\/|@aslkit\/vitest$|react$|react-dom$|@xyflow\/)/.test(name)),
    ).toEqual([]);
  });

  it.each(['cli', 'node', 'service'])('@aslkit/%s imports only the packages it declares', (name) => {
    const manifest = readManifest(join(packages, name));
    const declared = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const undeclared = sources(join(packages, name, 'src')).flatMap((file) =>
      importedPackages(readFileSync(file, 'utf8'))
        .filter((pkg) => !declared.has(pkg))
        .map((pkg) => `${file.slice(packages.length + 1)}: ${pkg}`),
    );
    expect(undeclared).toEqual([]);
  });
});
