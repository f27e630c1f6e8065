/**
 * A readable diff of two JSON values: both pretty-printed with sorted keys (key order never
 * matters in ASL), compared line by line, unchanged stretches folded to a few lines of context.
 */

const CONTEXT = 3;
/** Above this many line pairs the diff is not computed; both values are shown whole instead. */
const MAX_CELLS = 4_000_000;

function sortedJson(value: unknown, depth = 0): unknown {
  if (depth > 200 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => sortedJson(item, depth + 1));
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    Object.defineProperty(sorted, key, {
      value: sortedJson((value as Record<string, unknown>)[key], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return sorted;
}

const lines = (value: unknown): string[] =>
  value === undefined ? ['(nothing)'] : (JSON.stringify(sortedJson(value), null, 2) ?? typeof value).split('\n');

/**
 * `- expected` / `+ actual` lines, or `undefined` when both print the same.
 * @example
 * diffJson({ total: 59 }, { total: 60 });
 * // "- Expected\n+ Actual\n\n  {\n-   \"total\": 59\n+   \"total\": 60\n  }"
 */
export function diffJson(expected: unknown, actual: unknown): string | undefined {
  const a = lines(expected);
  const b = lines(actual);
  if (a.length === b.length && a.every((line, i) => line === b[i])) return undefined;
  const header = '- Expected\n+ Actual\n';
  if (a.length * b.length > MAX_CELLS)
    return `${header}\n${a.map((l) => `- ${l}`).join('\n')}\n${b.map((l) => `+ ${l}`).join('\n')}`;
  return `${header}\n${fold(editScript(a, b)).join('\n')}`;
}

type Edit = { kind: ' ' | '-' | '+'; line: string };

/** Longest-common-subsequence edit script. */
function editScript(a: string[], b: string[]): Edit[] {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ kind: ' ', line: a[i++]! });
      j++;
    } else if (i < a.length && (j === b.length || table[(i + 1) * width + j]! >= table[i * width + j + 1]!)) {
      // Removals before additions, so a changed line reads as `- old` then `+ new`.
      edits.push({ kind: '-', line: a[i++]! });
    } else edits.push({ kind: '+', line: b[j++]! });
  }
  return edits;
}

/** Keeps changes and CONTEXT lines around them; longer unchanged runs become `  ...`. */
function fold(edits: Edit[]): string[] {
  const keep = edits.map(() => false);
  edits.forEach((edit, index) => {
    if (edit.kind === ' ') return;
    for (let k = Math.max(0, index - CONTEXT); k <= Math.min(edits.length - 1, index + CONTEXT); k++) keep[k] = true;
  });
  const out: string[] = [];
  let skipped = false;
  edits.forEach((edit, index) => {
    if (keep[index]) {
      out.push(`${edit.kind} ${edit.line}`);
      skipped = false;
    } else if (!skipped) {
      out.push('  ...');
      skipped = true;
    }
  });
  return out;
}
