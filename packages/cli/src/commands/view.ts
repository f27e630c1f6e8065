/**
 * `aslkit view`: serves the viewer app on 127.0.0.1 and runs the execution in a debug session
 * that the page drives (run, pause, step, abort, breakpoints), or shows an imported AWS history.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { ErrorCode, UsageError, importAwsHistory, type StateMachine } from '@aslkit/core';
import { createHistorySource, createSessionSource, type ViewerSource } from '@aslkit/core/debug';
import type { ChildHistories, HistoryEvent, Json, StartOptions, StateMachineDefinition } from '@aslkit/core';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { loadInput, readFlagFile } from '../load.js';
import { parseJsonText } from '@aslkit/node';
import { EXECUTION_FLAGS, executionOptions, stringFlag, typeFlag } from '../execution-flags.js';
import { oneDefinitionFile, referencedMachine } from '../definition-file.js';
import { TEMPLATE_FLAGS, TEMPLATE_USAGE, templateOptions } from '../template-flags.js';
import { loadMachineSet, parseMachineReference, selectMachine } from '@aslkit/node';
import { startViewServer, type ViewServer } from '../view-server.js';

const usage = `Usage: aslkit view <definition | template#Machine> [options]
       aslkit view --history <aws-history.json> <definition | template#Machine>

Serves a live graph of an execution at http://127.0.0.1:<port>/ and runs it in a debug
session that the page drives: run, pause, step by event or by state, abort, breakpoints, a
scrubber to travel back through the history, and each state's data-flow stages in the
inspector. Nothing listens beyond 127.0.0.1.

Options:
  --input <file|json>   Execution input: inline JSON, or a JSON file (default: {})
  --mocks <file>        Scripted task responses (see 'aslkit run --help' and
                        docs/reference/mocks.md)
  --handlers <file|auto>
                        Local Lambda handlers: a JSON file mapping function names or ARNs
                        to "module#export", a JS module, or 'auto' (a template's own
                        functions; see 'aslkit run --help')
  --mock-config <file>  An AWS Step Functions Local mock configuration (MockConfigFile.json)
  --test-case <name>    The test case of --mock-config to run
  --history <file>      Show a finished execution instead of running one: the JSON of
                        'aws stepfunctions get-execution-history' (GetExecutionHistory)
  --no-inspect          Do not record each attempt's stages (the inspector's Stages view);
                        recording them holds a copy of each stage's value for the page
  --port <n>            Port to listen on (default: 0, any free port)
  --seed <n>            Seed for UUIDs, random numbers and jitter (default: random)
  --start-time <date>   Execution start time, ISO 8601 (default: now)
  --s3-dir <dir>        S3 for distributed Maps: one subdirectory per bucket
  --child-histories <none|failed|all>
                        Which child executions of a distributed Map keep their history,
                        so the Map Run panel can open them (default: failed)
  --type <STANDARD|EXPRESS>
                        The machine's type (default: STANDARD; see 'aslkit run --help')
${TEMPLATE_USAGE}
  -h, --help            Show this help

Stop with Ctrl+C.
`;

export const viewCommand: Command = {
  name: 'view',
  summary: 'Watch and step through an execution in the browser',
  usage,
  options: {
    ...EXECUTION_FLAGS,
    ...TEMPLATE_FLAGS,
    history: { type: 'string' },
    port: { type: 'string' },
    'no-inspect': { type: 'boolean' },
    'child-histories': { type: 'string' },
  },
  execute: view,
};

async function view(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode> {
  const file = oneDefinitionFile(positionals, 'view');
  const port = portFlag(stringFlag(flags, 'port'));
  // Before any work: without the built page there is nothing to serve.
  const dir = viewerDir();
  const historyFile = stringFlag(flags, 'history');
  const template = templateOptions(flags, io.cwd);

  let backend: ViewerSource;
  if (historyFile !== undefined) {
    const runFlags = [...Object.keys(EXECUTION_FLAGS), 'no-inspect', 'child-histories'].filter(
      (name) => flags[name] !== undefined,
    );
    if (runFlags.length > 0)
      throw new UsageError(
        ErrorCode.CliUsage,
        `--history shows a finished execution: --${runFlags.join(', --')} do not apply`,
      );
    const reference = parseMachineReference(file, io.cwd);
    const { source } = selectMachine(loadMachineSet(reference.file, template), reference.name).definition();
    const definition = (typeof source === 'string' ? parseJsonText(source, file) : source) as StateMachineDefinition;
    const events = importHistory(
      parseJsonText(readFlagFile(historyFile, '--history file', io.cwd), historyFile),
      historyFile,
    );
    backend = historyBackend(definition, events, file);
  } else {
    const referenced = referencedMachine(file, io, template, { type: typeFlag(flags) });
    if (referenced === undefined) return ExitCode.Usage;
    const { machine } = referenced;
    const input = loadInput(stringFlag(flags, 'input'), io.cwd);
    const { options, warnings } = await executionOptions(flags, io.cwd, {}, referenced);
    const childHistories = childHistoriesFlag(stringFlag(flags, 'child-histories'));
    if (childHistories !== undefined) options.mapRuns = { ...options.mapRuns, childHistories };
    for (const warning of warnings(machine.definition)) io.stderr.write(`aslkit view: warning: ${warning}\n`);
    // A debugger shows each state's stages unless asked not to (they cost memory, not history).
    backend = liveBackend(machine, input, { ...options, inspect: flags['no-inspect'] !== true }, file);
  }

  const server = await startViewServer({ viewerDir: dir, backend, port });
  io.stdout.write(`aslkit view: ${server.url}\nPress Ctrl+C to stop.\n`);
  await untilInterrupted(io.signal);
  await server.close();
  return ExitCode.Success;
}

/** Options for `openView`, the command without flag parsing (tests, embedding). */
export interface OpenViewOptions {
  backend: ViewerSource;
  port?: number;
  viewerDir?: string;
}

/** Starts a view server for a backend; the caller closes it. */
export function openView({ backend, port = 0, viewerDir: dir = viewerDir() }: OpenViewOptions): Promise<ViewServer> {
  return startViewServer({ viewerDir: dir, backend, port });
}

/**
 * Where the built viewer is: `ASLKIT_VIEWER_DIR`, else the `viewer/` folder this package ships
 * (its `files`), found from this module: src/commands in the repository, dist/commands once
 * installed, both two levels under the package root.
 */
export function viewerDir(): string {
  const dir = process.env.ASLKIT_VIEWER_DIR ?? fileURLToPath(new URL('../../viewer/', import.meta.url));
  if (!existsSync(resolve(dir, 'index.html'))) {
    throw new UsageError(
      ErrorCode.ViewerMissing,
      `the viewer app is not built (no ${resolve(dir, 'index.html')}). In the aslkit repository, build it with 'npm run build:viewer'; a published @aslkit/cli ships it. Or point ASLKIT_VIEWER_DIR at a built viewer.`,
    );
  }
  return dir;
}

/** Resolves on Ctrl+C (SIGINT), SIGTERM or `signal`. */
export function untilInterrupted(signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}

function importHistory(json: unknown, path: string): HistoryEvent[] {
  try {
    return importAwsHistory(json);
  } catch (error) {
    throw new UsageError(
      ErrorCode.CliUsage,
      `--history file ${path} is not an execution history: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A finished history: everything is sent at once; commands are refused (HTTP 409). */
export function historyBackend(
  definition: StateMachineDefinition,
  events: readonly HistoryEvent[],
  title?: string,
): ViewerSource {
  return createHistorySource({ definition, events, ...(title === undefined ? {} : { title }) });
}

/**
 * A debug session that the page drives. Events are batched per turn of the event loop, so
 * a burst from a virtual-time run crosses the wire as one message.
 */
export function liveBackend(machine: StateMachine, input: Json, options: StartOptions, title?: string): ViewerSource {
  return createSessionSource({
    definition: machine,
    input,
    start: options,
    ...(title === undefined ? {} : { title }),
    schedule: (publish) => setImmediate(publish),
  });
}

const CHILD_HISTORIES: readonly ChildHistories[] = ['none', 'failed', 'all'];

/** `--child-histories`: which Map Run children keep their history for the viewer to open. */
export function childHistoriesFlag(value: string | undefined): ChildHistories | undefined {
  if (value === undefined) return undefined;
  if (!(CHILD_HISTORIES as readonly string[]).includes(value))
    throw new UsageError(ErrorCode.CliUsage, `--child-histories must be none, failed or all, got '${value}'`);
  return value as ChildHistories;
}

/** `--port`: 0 to 65535, `fallback` when absent. */
export function portFlag(value: string | undefined, fallback = 0): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(ErrorCode.CliUsage, `--port must be a number from 0 to 65535, got '${value}'`);
  return port;
}
