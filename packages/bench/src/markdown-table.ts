/**
 * A GitHub-flavoured markdown table, padded so it also reads well in a terminal.
 */

/** Renders `rows` under `headers`; columns whose header starts with a digit-friendly `>` are right-aligned. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const right = headers.map((header) => header.startsWith('>'));
  const titles = headers.map((header) => (header.startsWith('>') ? header.slice(1) : header));
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const body = rows.map((row) => titles.map((_, i) => escape(row[i] ?? '')));
  const widths = titles.map((title, i) => Math.max(3, title.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (right[i] ? `${'-'.repeat(width + 1)}:` : `${'-'.repeat(width + 2)}`)).join('|')}|`;
  return [line(titles), rule, ...body.map(line)].join('\n');
}
