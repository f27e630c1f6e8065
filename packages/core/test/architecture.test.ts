// Architectural rules of the core package, checked on its source text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', 'src');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });

describe('core architecture', () => {
  const files = sources(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

  it('imports nothing Node-only or from the AWS SDK, so it runs in browsers', () => {
    const offenders = files.filter(
      (f) =>
        /from\s+['"](node:|fs['"]|path['"]|crypto['"]|@aws-sdk\/)/.test(f.text) ||
        /\bBuffer\.|\bprocess\./.test(f.text),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('reads time and randomness only through runtime/clock.ts and runtime/random.ts', () => {
    const allowed = new Set(['runtime/clock.ts', 'runtime/random.ts']);
    const offenders = files.filter(
      (f) =>
        !allowed.has(f.path) && /\bDate\.now\(|new Date\(|\bsetTimeout\(|\bsetInterval\(|Math\.random\(/.test(f.text),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('imports nothing from ajv: it compiles the schema at build time (scripts/generate-validator.ts)', () => {
    const offenders = files.filter((f) => /from\s+['"]ajv(\/|['"])/.test(f.text));
    const manifest = JSON.parse(readFileSync(join(root, '..', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(offenders.map((f) => f.path)).toEqual([]);
    expect(Object.keys(manifest.dependencies)).not.toContain('ajv');
  });

  it('never evaluates code from strings', () => {
    const offenders = files.filter(
      (f) => /\beval\(|new Function\(/.test(f.text) || /eval:\s*(?!\s|'safe')/.test(f.text),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('loads xstate only through the @aslkit/core/debug entry, so running a machine never pays for it', () => {
    const offenders = files.filter(
      (f) => !f.path.startsWith('debug/') && f.path !== 'debug.ts' && /from\s+['"]xstate['"]/.test(f.text),
    );
    const index = files.find((f) => f.path === 'index.ts')!;
    expect(offenders.map((f) => f.path)).toEqual([]);
    expect(index.text).not.toMatch(/^export \{[^}]*\} from '\.\/debug\//m);
  });

  it("never imports elkjs: the layout builds ELK's input, and each host runs its own ELK", () => {
    // Code lines only: the layout's JSDoc shows a host importing elkjs.
    const code = (text: string) => text.replace(/^\s*(\*|\/\/).*$/gm, '');
    const offenders = files.filter((f) => /from\s+['"]elkjs|import\(\s*['"]elkjs/.test(code(f.text)));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('lets executors see the run loop only through their contract (states/executor.ts), never run-state.ts', () => {
    const offenders = files.filter(
      (f) => f.path.startsWith('states/') && /from\s+'\.\.\/runtime\/run-state\.js'/.test(f.text),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });
});
