// docs/architecture.md's module maps stay true: every folder of source under packages/*/src is
// named in its package's map, every file a map names exists, and every relative link resolves.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const docPath = join(repo, 'docs', 'architecture.md');
const doc = readFileSync(docPath, 'utf8');

const SOURCE = /\.(ts|tsx|cts|mts|css)$/;
/** A file name, possibly with folders before it, as a map writes it: `fold.ts`, `rules/context.ts`. */
const FILE_MENTION = /(?<![\w./@-])((?:[\w-]+\/)*[\w.-]+\.(?:ts|tsx|cts|mts|css))(?![\w.])/g;

interface Entry {
  /** `definition` for a `definition/` entry, `''` for an entry that starts with a file (the src root). */
  folder: string;
  text: string;
}

/** The entries of each package's map: a line at column 0 starts one, indented lines continue it. */
function moduleMaps(markdown: string): Map<string, Entry[]> {
  const maps = new Map<string, Entry[]>();
  let current: Entry[] | undefined;
  let inBlock = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      inBlock = !inBlock;
      continue;
    }
    if (!inBlock && /^#{1,6} /.test(line)) {
      const name = /`@aslkit\/([\w-]+)\/src`/.exec(line)?.[1];
      current = name === undefined ? undefined : (maps.get(name) ?? []);
      if (name !== undefined) maps.set(name, current!);
      continue;
    }
    if (!inBlock || !current || line.trim() === '') continue;
    if (/^\s/.test(line)) current.at(-1)!.text += `\n${line}`;
    else {
      const first = line.split(/\s/)[0]!;
      current.push({ folder: first.endsWith('/') ? first.slice(0, -1) : '', text: line });
    }
  }
  return maps;
}

/** Folders under `dir` (relative to it) that hold source files, at any depth. */
function sourceFolders(dir: string, prefix = ''): string[] {
  const entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  const here = entries.some((entry) => entry.isFile() && SOURCE.test(entry.name)) && prefix !== '' ? [prefix] : [];
  return [
    ...here,
    ...entries.filter((entry) => entry.isDirectory()).flatMap((entry) => sourceFolders(dir, join(prefix, entry.name))),
  ];
}

const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? filesUnder(path) : [path];
      })
    : [];

const maps = moduleMaps(doc);
const packages = readdirSync(join(repo, 'packages')).filter((name) => existsSync(join(repo, 'packages', name, 'src')));

describe('docs/architecture.md', () => {
  it('has a module map for every package with a src folder, and for no other', () => {
    expect([...maps.keys()].sort()).toEqual([...packages].sort());
  });

  it.each(packages)('names every folder of packages/%s/src', (name) => {
    const entries = maps.get(name) ?? [];
    const missing = sourceFolders(join(repo, 'packages', name, 'src')).filter((folder) => {
      const [top, ...rest] = folder.split(/[\\/]/);
      const entry = entries.find((candidate) => candidate.folder === top);
      return !entry || (rest.length > 0 && !entry.text.includes(`${rest.join('/')}/`));
    });
    expect(missing).toEqual([]);
  });

  it.each(packages)('names only files that exist in packages/%s/src', (name) => {
    const src = join(repo, 'packages', name, 'src');
    const missing = (maps.get(name) ?? []).flatMap((entry) =>
      [...entry.text.matchAll(FILE_MENTION)]
        .map((match) => match[1]!)
        .filter((mention) => {
          if (mention.startsWith('packages/')) return !existsSync(join(repo, mention));
          const base = join(src, entry.folder);
          // Inside a folder's entry a bare name may sit in one of its subfolders.
          if (entry.folder !== '' && !mention.includes('/'))
            return !filesUnder(base).some((path) => path.endsWith(`/${mention}`));
          return !existsSync(join(base, mention));
        })
        .map((mention) => `${entry.folder || '.'}: ${mention}`),
    );
    expect(missing).toEqual([]);
  });

  it('links only to files that exist', () => {
    const prose = doc.replace(/^```[\s\S]*?^```/gm, '');
    const targets = [...prose.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !existsSync(join(dirname(docPath), target)))).toEqual([]);
  });
});

// The checks above must see the maps they check.
describe('the module map parser', () => {
  it('reads folders and their files', () => {
    const core = maps.get('core') ?? [];
    expect(core.map((entry) => entry.folder)).toEqual(expect.arrayContaining(['', 'definition', 'query', 'runtime']));
    expect(core.find((entry) => entry.folder === 'definition')?.text).toContain('rules/');
    expect(relative(repo, docPath)).toBe(join('docs', 'architecture.md'));
  });
});
