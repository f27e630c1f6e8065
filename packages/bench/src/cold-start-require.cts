/**
 * W5's CommonJS process: `node cold-start-require.cjs <aslkit|peer|peer-novalidate> <definition.asl.json>`.
 * The same program as cold-start.ts, written as CommonJS: `require` the one engine (its `require`
 * export), build the machine from the file, run it with `{}` and print the output.
 */
import fs = require('node:fs');

const [variant, definitionPath] = process.argv.slice(2);
if (definitionPath === undefined || (variant !== 'aslkit' && variant !== 'peer' && variant !== 'peer-novalidate')) {
  throw new Error('usage: cold-start-require.cjs <aslkit|peer|peer-novalidate> <definition.asl.json>');
}
const definition = JSON.parse(fs.readFileSync(definitionPath, 'utf8')) as object;

// Each engine is required in its own branch, so a process loads only the one it runs.
async function runAslkit(): Promise<unknown> {
  const { StateMachine } = require('@aslkit/core') as typeof import('@aslkit/core');
  const result = await StateMachine.from(definition).run({});
  if (result.status !== 'SUCCEEDED')
    throw new Error(`aslkit execution ${result.status}: ${result.error ?? ''}: ${result.cause ?? ''}`);
  return result.output;
}

async function runPeer(noValidate: boolean): Promise<unknown> {
  // Only the peer's process gets the polyfill (it targets Node 22), before the peer loads.
  const { installPromiseWithResolvers } =
    require('./engines/promise-with-resolvers.cjs') as typeof import('./engines/promise-with-resolvers.cjs');
  installPromiseWithResolvers();
  const { StateMachine } = require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions');
  const options = noValidate ? { validationOptions: { noValidate: true } } : undefined;
  return new StateMachine(definition as ConstructorParameters<typeof StateMachine>[0], options).run({}).result;
}

(variant === 'aslkit' ? runAslkit() : runPeer(variant === 'peer-novalidate')).then(
  (output) => void process.stdout.write(JSON.stringify(output) + '\n'),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
