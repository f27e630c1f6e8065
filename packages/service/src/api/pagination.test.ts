import { describe, expect, it } from 'vitest';
import { paginate } from './pagination.js';

const items = Array.from({ length: 250 }, (_, i) => i);

describe('paginate', () => {
  it('gives 100 by default and walks every item once through nextToken', () => {
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = paginate(items, token === undefined ? {} : { nextToken: token }, 'list');
      seen.push(...page.items);
      token = page.nextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(items);
  });

  it('takes maxResults (0 means the default) and refuses more than 1000', () => {
    expect(paginate(items, { maxResults: 7 }, 'list').items).toHaveLength(7);
    expect(paginate(items, { maxResults: 0 }, 'list').items).toHaveLength(100);
    expect(() => paginate(items, { maxResults: 1001 }, 'list')).toThrow(
      expect.objectContaining({ type: 'ValidationException' }),
    );
  });

  it('refuses a token from another listing or that is not one of ours (InvalidToken)', () => {
    const { nextToken } = paginate(items, { maxResults: 10 }, 'executions:A');
    expect(() => paginate(items, { nextToken }, 'executions:B')).toThrow(
      expect.objectContaining({ type: 'InvalidToken' }),
    );
    expect(() => paginate(items, { nextToken: '%%%' }, 'executions:A')).toThrow(
      expect.objectContaining({ type: 'InvalidToken' }),
    );
  });
});
