/**
 * @aslkit/cli: the `aslkit` command line, callable in-process for tests and scripts.
 * @module
 */
export { main } from './cli.js';
export { ExitCode } from './command.js';
export type { CliIo, Command } from './command.js';
