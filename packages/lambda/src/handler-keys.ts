/**
 * Which handler keys name no Lambda function the definition calls. Such a handler is never
 * run, and the Task it was meant for then fails: a typo like `chrage-card` should be
 * reported with the function it probably meant.
 */
import { buildGraph, closestName, parseResource, type Json, type UnmatchedKey } from '@aslkit/core';
import { parseFunctionName } from './function-name.js';
import { isLambdaResource } from './invocation.js';

/**
 * The handler keys (function names or ARNs) that match no function of `definition`. When a
 * Task picks its function at run time (`FunctionName.$`, a JSONata expression), any key may
 * be the one it picks, so none is reported.
 * @example
 * unmatchedHandlerKeys(definition, ['chrage-card']); // [{ key: 'chrage-card', suggestion: 'charge-card' }]
 */
export function unmatchedHandlerKeys(definition: object, keys: Iterable<string>): UnmatchedKey[] {
  const called = calledFunctions(definition);
  if (called === undefined) return [];
  const names = [...new Set(called.map((ref) => ref.name))];
  const unmatched: UnmatchedKey[] = [];
  for (const key of keys) {
    const ref = parseFunctionName(key);
    // A key Lambda cannot parse is refused when the handlers load; a bare name matches every qualifier.
    if (!ref) continue;
    const matches = called.some(
      (call) => call.name === ref.name && (ref.qualifier === undefined || call.qualifier === ref.qualifier),
    );
    if (matches) continue;
    const suggestion = closestName(ref.name, names);
    unmatched.push(suggestion === undefined ? { key } : { key, suggestion });
  }
  return unmatched;
}

/** The functions the Tasks call, or undefined when one of them is chosen at run time. */
function calledFunctions(definition: object): { name: string; qualifier?: string }[] | undefined {
  const calls: { name: string; qualifier?: string }[] = [];
  for (const node of buildGraph(definition as Parameters<typeof buildGraph>[0]).nodes) {
    if (node.kind !== 'Task' || typeof node.resource !== 'string') continue;
    const resource = parseResource(node.resource, 'us-east-1');
    if (!isLambdaResource(resource)) continue;
    if (resource.kind === 'lambda-function') {
      const ref = parseFunctionName(resource.arn);
      if (ref) calls.push(ref);
      continue;
    }
    const fields = (node.state ?? {}) as unknown as Record<string, Json | undefined>;
    const parameters = (fields['Parameters'] ?? fields['Arguments']) as Record<string, Json | undefined> | undefined;
    const name = parameters?.['FunctionName'];
    if (typeof name !== 'string' || name.startsWith('{%')) return undefined;
    const qualifier = parameters?.['Qualifier'];
    const ref = parseFunctionName(name, typeof qualifier === 'string' ? qualifier : undefined);
    if (ref) calls.push(ref);
  }
  return calls;
}
