/**
 * The last resolver of a case: a Task that neither the case's mocks, its mock config nor its
 * handlers answer fails naming the case file's "mocks" field and the keys it does have, so a
 * misspelt state name shows at once (instead of the library's hint about its `resolvers` option).
 */
import { ErrorName, StatesError, type ResolverRouter } from '@aslkit/core';

export function missingMock(keys: readonly string[]): ResolverRouter {
  const given =
    keys.length === 0
      ? 'the case has no mocks'
      : `it has mocks for ${keys.map((key) => JSON.stringify(key)).join(', ')}`;
  return {
    find: (resource) => (_input, context) => {
      throw new StatesError(
        ErrorName.Runtime,
        `No mock for state '${context.stateName}' (resource '${resource.arn}'): add ${JSON.stringify(context.stateName)} ` +
          `or the resource ARN to the case's "mocks"; ${given}.`,
      );
    },
  };
}
