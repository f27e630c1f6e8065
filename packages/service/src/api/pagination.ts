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

/**
 * One page of `all`; `scope` names the listing (say, the machine ARN) a token is good for. With
 * `keyOf`, a token goes on after the item that ended its page wherever that item is now, so a
 * listing that grew at its head since (newest first: executions started, events recorded) neither
 * repeats nor skips an item; the offset is kept for an item no longer listed (a status filter).
 */
export function paginate<T>(
  all: readonly T[],
  body: Body,
  scope: string,
  keyOf?: (item: T) => string,
  defaultSize = 100,
): Page<T> {
  const max = optionalInteger(body, 'maxResults', 0, 1000) || defaultSize;
  const token = optionalString(body, 'nextToken');
  const start = token === undefined ? 0 : startOf(all, readToken(token, scope), keyOf);
  const items = all.slice(start, start + max);
  const end = start + items.length;
  if (end >= all.length) return { items };
  const last = keyOf && items.length > 0 ? keyOf(items[items.length - 1]!) : undefined;
  return { items, nextToken: writeToken({ o: end, s: scope, ...(last === undefined ? {} : { k: last }) }) };
}

/** A list operation's answer: `{ [key]: items as the wire shows them, nextToken? }`. */
export function pageResponse<T>(key: string, page: Page<T>, show: (item: T) => object): object {
  return { [key]: page.items.map(show), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
}

/** What a token holds: the offset after its page, its listing, and the key of its page's last item. */
interface Cursor {
  o: number;
  s: string;
  k?: string;
}

function startOf<T>(all: readonly T[], cursor: Cursor, keyOf: ((item: T) => string) | undefined): number {
  if (keyOf && cursor.k !== undefined) {
    const at = all.findIndex((item) => keyOf(item) === cursor.k);
    if (at >= 0) return at + 1;
  }
  return cursor.o;
}

function writeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function readToken(token: string, scope: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Record<string, unknown>>;
    const { o, s, k } = parsed;
    if (
      s === scope &&
      typeof o === 'number' &&
      Number.isInteger(o) &&
      o >= 0 &&
      (k === undefined || typeof k === 'string')
    )
      return { o, s, ...(k === undefined ? {} : { k }) };
  } catch {
    // Falls through to the error: not one of ours.
  }
  throw errors.invalidToken(token);
}
