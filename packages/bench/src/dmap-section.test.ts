import { describe, expect, it } from 'vitest';
import { DMAP_END, DMAP_START, dmapSection, withDmapSection } from './dmap-section.js';

const section = (text: string) => `${DMAP_START}\n${text}\n${DMAP_END}`;

describe("docs/benchmarks.md's distributed Map section", () => {
  it('is appended to a page without one, and replaced in a page with one', () => {
    const page = withDmapSection('# Benchmarks\n', section('old'));
    expect(page).toBe(`# Benchmarks\n\n${section('old')}\n`);
    expect(withDmapSection(`${page}tail\n`, section('new $& kept'))).toBe(
      `# Benchmarks\n\n${section('new $& kept')}\ntail\n`,
    );
    expect(dmapSection(page)).toBe(section('old'));
    expect(dmapSection('# none')).toBeUndefined();
  });
});
