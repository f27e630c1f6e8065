/**
 * W5's process: `node cold-start.js <aslkit|peer|peer-novalidate> <definition.asl.json>`.
 * Imports one engine, runs the one-state machine with `{}` and prints its output; the
 * harness times the whole process from spawn to exit.
 */
import { readFileSync } from 'node:fs';
import { loadAslkitEngine } from './engines/aslkit-engine.js';
import { loadPeerEngine } from './engines/peer-engine.js';

const [variant, definitionPath] = process.argv.slice(2);
if (definitionPath === undefined || !['aslkit', 'peer', 'peer-novalidate'].includes(variant ?? '')) {
  throw new Error('usage: cold-start.js <aslkit|peer|peer-novalidate> <definition.asl.json>');
}
const engine = variant === 'aslkit' ? await loadAslkitEngine() : await loadPeerEngine();
const definition = JSON.parse(readFileSync(definitionPath, 'utf8')) as object;
const prepared = engine.prepare(definition, {
  tasks: {},
  recordHistory: true,
  drainEvents: false,
  liftHistoryLimit: false,
  liftPayloadLimit: false,
  validate: variant !== 'peer-novalidate',
});
const { output } = await prepared.run({});
process.stdout.write(JSON.stringify(output) + '\n');
