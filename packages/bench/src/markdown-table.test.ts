import { describe, expect, it } from 'vitest';
import { markdownTable } from './markdown-table.js';

describe('markdownTable', () => {
  it('pads columns, right-aligns ">" columns and escapes pipes', () => {
    const text = markdownTable(
      ['Name', '>ms'],
      [
        ['a|b', '1.5'],
        ['long name', '12'],
      ],
    );
    expect(text.split('\n')).toEqual([
      '| Name      |  ms |',
      '|-----------|----:|',
      '| a\\|b      | 1.5 |',
      '| long name |  12 |',
    ]);
  });

  it('fills missing cells', () => {
    expect(markdownTable(['A', 'B'], [['x']]).split('\n')[2]).toBe('| x   |     |');
  });
});
