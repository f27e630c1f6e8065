/**
 * docs/benchmarks.md's distributed Map section has its own writer (distributed-map-bench.ts):
 * it sits between two markers, and main.ts keeps it when it rewrites the page.
 */
export const DMAP_START = '<!-- dmap:start -->';
export const DMAP_END = '<!-- dmap:end -->';

/** The section of `page`, markers included, or `undefined` when it has none. */
export function dmapSection(page: string): string | undefined {
  const start = page.indexOf(DMAP_START);
  const end = page.indexOf(DMAP_END);
  return start === -1 || end < start ? undefined : page.slice(start, end + DMAP_END.length);
}

/** `page` with `section` in place of its own (or after it, when it has none). */
export function withDmapSection(page: string, section: string): string {
  const current = dmapSection(page);
  if (current === undefined) return `${page.trimEnd()}\n\n${section}\n`;
  return page.replace(current, () => section);
}
