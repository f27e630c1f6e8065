/**
 * List pagination as the Step Functions API does it: `maxResults` (0 or absent: the default page,
 * at most 1000) and an opaque `nextToken`. Tokens here carry the offset and the listing they
 * belong to, so a token from another listing is refused (InvalidToken, as AWS answers).
 */
import { errors } from './service-error.js';
import { optionalInteger, optionalString, type Body } from './params.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** One page of `all`; `scope` names the listing (say, the machine ARN) a token is good for. */
export function paginate<T>(all: readonly T[], body: Body, scope: string, defaultSize = 100): Page<T> {
  const max = optionalInteger(body, 'maxResults', 0, 1000) || defaultSize;
  const token = optionalString(body, 'nextToken');
  const start = token === undefined ? 0 : readToken(token, scope);
  const items = all.slice(start, start + max);
  const end = start + items.length;
  return end < all.length ? { items, nextToken: writeToken(end, scope) } : { items };
}

/** A list operation's answer: `{ [key]: items as the wire shows them, nextToken? }`. */
export function pageResponse<T>(key: string, page: Page<T>, show: (item: T) => object): object {
  return { [key]: page.items.map(show), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
}

function writeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

function readToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (parsed.s === scope && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0)
      return parsed.o;
  } catch {
    // Falls through to the error: not one of ours.
  }
  throw errors.invalidToken(token);
}
