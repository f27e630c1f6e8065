/**
 * W5's ES module process: `node cold-start.js <aslkit|peer|peer-novalidate> <definition.asl.json>`.
 * The program a user writes: `import` the one engine, build the machine from the file, run it with
 * `{}` and print the output. No bench code is loaded, so the time from spawn to exit is Node, its
 * ES module loader and the engine.
 */
import { readFileSync } from 'node:fs';

const [variant, definitionPath] = process.argv.slice(2);
if (definitionPath === undefined || (variant !== 'aslkit' && variant !== 'peer' && variant !== 'peer-novalidate')) {
  throw new Error('usage: cold-start.js <aslkit|peer|peer-novalidate> <definition.asl.json>');
}
const definition = JSON.parse(readFileSync(definitionPath, 'utf8')) as object;

let output: unknown;
if (variant === 'aslkit') {
  const { StateMachine } = await import('@aslkit/core');
  const result = await StateMachine.from(definition).run({});
  if (result.status !== 'SUCCEEDED')
    throw new Error(`aslkit execution ${result.status}: ${result.error ?? ''}: ${result.cause ?? ''}`);
  output = result.output;
} else {
  // Only the peer's process gets the polyfill (it targets Node 22), before the peer loads.
  const { installPromiseWithResolvers } = await import('./engines/promise-with-resolvers.cjs');
  installPromiseWithResolvers();
  const { StateMachine } = await import('aws-local-stepfunctions');
  const options = variant === 'peer-novalidate' ? { validationOptions: { noValidate: true } } : undefined;
  output = await new StateMachine(definition as ConstructorParameters<typeof StateMachine>[0], options).run({}).result;
}
process.stdout.write(JSON.stringify(output) + '\n');
