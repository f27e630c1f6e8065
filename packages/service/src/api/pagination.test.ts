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

  it('goes on after the last item of the page when the listing grew at its head (newest first) meanwhile', () => {
    const key = (item: number) => String(item);
    const newestFirst = Array.from({ length: 30 }, (_, i) => 30 - i);
    const first = paginate(newestFirst, { maxResults: 10 }, 'list', key);
    expect(first.items).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
    // Five more started before the next page is asked for.
    const grown = [35, 34, 33, 32, 31, ...newestFirst];
    const second = paginate(grown, { maxResults: 10, nextToken: first.nextToken }, 'list', key);
    expect(second.items).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
  });
});
