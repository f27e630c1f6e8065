/**
 * `aslkit view`: serves the viewer app on 127.0.0.1 and runs the execution in a debug session
 * that the page drives (run, pause, step, abort, breakpoints), or shows an imported AWS history.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { ErrorCode, UsageError, importAwsHistory, type StateMachine } from '@aslkit/core';
import { createDebugSession } from '@aslkit/core/debug';
import type { HistoryEvent, Json, StartOptions, StateMachineDefinition } from '@aslkit/core';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { loadDefinition, loadInput, readFlagFile } from '../load.js';
import { parseJsonText } from '@aslkit/node';
import { EXECUTION_FLAGS, executionOptions, stringFlag, typeFlag } from '../execution-flags.js';
import { machineOrDiagnostics, oneDefinitionFile } from '../definition-file.js';
import {
  CommandRefused,
  startViewServer,
  type ViewBackend,
  type ViewServer,
  type WireMessage,
} from '../view-server.js';

const usage = `Usage: aslkit view <definition.json> [options]
       aslkit view --history <aws-history.json> <definition.json>

Serves a live graph of an execution at http://127.0.0.1:<port>/ and runs it in a debug
session that the page drives: run, pause, step by event or by state, abort, breakpoints, and a
scrubber to travel back through the history. Nothing listens beyond 127.0.0.1.

Options:
  --input <file|json>   Execution input: inline JSON, or a JSON file (default: {})
  --mocks <file>        Scripted task responses (see 'aslkit run --help' and
                        docs/reference/mocks.md)
  --handlers <file>     Local Lambda handlers: a JSON file mapping function names or ARNs
                        to "module#export", or a JS module (see 'aslkit run --help')
  --mock-config <file>  An AWS Step Functions Local mock configuration (MockConfigFile.json)
  --test-case <name>    The test case of --mock-config to run
  --history <file>      Show a finished execution instead of running one: the JSON of
                        'aws stepfunctions get-execution-history' (GetExecutionHistory)
  --port <n>            Port to listen on (default: 0, any free port)
  --seed <n>            Seed for UUIDs, random numbers and jitter (default: random)
  --start-time <date>   Execution start time, ISO 8601 (default: now)
  --type <STANDARD|EXPRESS>
                        The machine's type (default: STANDARD; see 'aslkit run --help')
  -h, --help            Show this help

Stop with Ctrl+C.
`;

export const viewCommand: Command = {
  name: 'view',
  summary: 'Watch and step through an execution in the browser',
  usage,
  options: {
    ...EXECUTION_FLAGS,
    history: { type: 'string' },
    port: { type: 'string' },
  },
  execute: view,
};

async function view(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode> {
  const file = oneDefinitionFile(positionals, 'view');
  const port = portFlag(stringFlag(flags, 'port'));
  // Before any work: without the built page there is nothing to serve.
  const dir = viewerDir();
  const historyFile = stringFlag(flags, 'history');
  const definitionFile = loadDefinition(file, io.cwd);

  let backend: ViewBackend;
  if (historyFile !== undefined) {
    const runFlags = Object.keys(EXECUTION_FLAGS).filter((name) => flags[name] !== undefined);
    if (runFlags.length > 0)
      throw new UsageError(
        `--history shows a finished execution: --${runFlags.join(', --')} do not apply`,
        ErrorCode.CliUsage,
      );
    const { source } = definitionFile;
    const definition = (typeof source === 'string' ? parseJsonText(source, file) : source) as StateMachineDefinition;
    const events = importHistory(
      parseJsonText(readFlagFile(historyFile, '--history file', io.cwd), historyFile),
      historyFile,
    );
    backend = historyBackend(definition, events, file);
  } else {
    const machine = machineOrDiagnostics(definitionFile, file, io, { type: typeFlag(flags) });
    if (machine === undefined) return ExitCode.Usage;
    const input = loadInput(stringFlag(flags, 'input'), io.cwd);
    const { options, warnings } = await executionOptions(flags, io.cwd);
    for (const warning of warnings(machine.definition)) io.stderr.write(`aslkit view: warning: ${warning}\n`);
    backend = liveBackend(machine, input, options, file);
  }

  const server = await startViewServer({ viewerDir: dir, backend, port });
  io.stdout.write(`aslkit view: ${server.url}\nPress Ctrl+C to stop.\n`);
  await untilInterrupted();
  await server.close();
  return ExitCode.Success;
}

/** Options for `openView`, the command without flag parsing (tests, embedding). */
export interface OpenViewOptions {
  backend: ViewBackend;
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
      `the viewer app is not built (no ${resolve(dir, 'index.html')}). In the aslkit repository, build it with 'npm run build:viewer'; a published @aslkit/cli ships it. Or point ASLKIT_VIEWER_DIR at a built viewer.`,
      ErrorCode.ViewerMissing,
    );
  }
  return dir;
}

function untilInterrupted(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function importHistory(json: unknown, path: string): HistoryEvent[] {
  try {
    return importAwsHistory(json as Json);
  } catch (error) {
    throw new UsageError(
      `--history file ${path} is not an execution history: ${error instanceof Error ? error.message : String(error)}`,
      ErrorCode.CliUsage,
    );
  }
}

/** A finished history: everything is sent at once; commands have nothing to drive. */
export function historyBackend(
  definition: StateMachineDefinition,
  events: readonly HistoryEvent[],
  title?: string,
): ViewBackend {
  const result = outcomeOf(events);
  return {
    replay: () => [
      { type: 'init', mode: 'history', definition, ...(title === undefined ? {} : { title }) },
      { type: 'events', events },
      { type: 'session', session: { state: 'done', ...(result ? { result } : {}) } },
    ],
    subscribe: () => () => {},
    command: (command) => {
      throw new CommandRefused(`'${command.type}' needs a live execution; this is a recorded history`);
    },
  };
}

type Session = ReturnType<typeof createDebugSession>;
type Breakpoint = { stateName: string; on: 'enter' | 'exit'; condition?: string };

/**
 * A debug session that the page drives. Events are batched per turn of the event loop, so
 * a burst from a virtual-time run crosses the wire as one message.
 */
export function liveBackend(machine: StateMachine, input: Json, options: StartOptions, title?: string): ViewBackend {
  const listeners = new Set<(message: WireMessage) => void>();
  let breakpoints: Breakpoint[] = [];
  let session!: Session;
  let sent = 0;
  let lastSession = '';
  let scheduled = false;
  let detach = () => {};

  const broadcast = (message: WireMessage) => {
    for (const listener of listeners) listener(message);
  };
  const init = (): WireMessage => ({
    type: 'init',
    mode: 'live',
    definition: machine.definition,
    breakpoints,
    ...(title === undefined ? {} : { title }),
  });
  const publish = () => {
    scheduled = false;
    const snapshot = session.getSnapshot();
    if (snapshot.events.length > sent) {
      broadcast({ type: 'events', events: snapshot.events.slice(sent) });
      sent = snapshot.events.length;
    }
    const view = JSON.stringify(sessionView(snapshot));
    if (view !== lastSession) {
      lastSession = view;
      broadcast({ type: 'session', session: JSON.parse(view) as Json });
    }
  };
  const open = () => {
    detach();
    session = createDebugSession(machine, input, options);
    session.setBreakpoints(breakpoints);
    sent = 0;
    lastSession = '';
    detach = session.subscribe(() => {
      if (!scheduled) ((scheduled = true), setImmediate(publish));
    });
  };
  open();

  return {
    replay: () => {
      const snapshot = session.getSnapshot();
      return [
        init(),
        { type: 'events', events: snapshot.events.slice(0, sent) },
        { type: 'session', session: sessionView(snapshot) },
      ];
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    command: (command) => {
      const state = session.getSnapshot().state;
      switch (command.type) {
        case 'run':
          return state === 'idle' ? session.start() : session.resume();
        case 'pause':
          return session.pause();
        case 'resume':
          return session.resume();
        case 'step':
          if (command.by !== 'event' && command.by !== 'transition')
            throw new Error("step needs by: 'event' or 'transition'");
          return session.step(command.by);
        case 'abort':
          return session.abort();
        case 'breakpoints': {
          const next = checkBreakpoints(command.breakpoints);
          // Set first: a condition the session refuses throws and keeps the old set (a restart reuses it).
          session.setBreakpoints(next);
          breakpoints = next;
          // Every page shows the set the session took; the one that sent it reconciles its optimistic boxes.
          broadcast({ type: 'breakpoints', breakpoints });
          return;
        }
        case 'restart':
          if (state !== 'done') session.abort();
          open();
          broadcast(init());
          broadcast({ type: 'session', session: sessionView(session.getSnapshot()) });
          return;
        default:
          throw new Error(`unknown command '${command.type}'`);
      }
    },
  };
}

function sessionView(snapshot: ReturnType<Session['getSnapshot']>): Json {
  const view: Record<string, Json> = { state: snapshot.state };
  if (snapshot.pausedAt) view.pausedAt = JSON.parse(JSON.stringify(snapshot.pausedAt)) as Json;
  const result = snapshot.result as { status?: string; error?: string; cause?: string } | undefined;
  if (result?.status !== undefined) {
    view.result = {
      status: result.status,
      ...(result.error === undefined ? {} : { error: result.error }),
      ...(result.cause === undefined ? {} : { cause: result.cause }),
    };
  }
  return view;
}

const MAX_BREAKPOINTS = 1000;
/** A condition is one JSONPath comparison; far longer text is refused before it is parsed. */
const MAX_CONDITION_LENGTH = 4096;
/** State names have at most 80 characters (AWS); the margin leaves room for escaping. */
const MAX_STATE_NAME_LENGTH = 1024;

function checkBreakpoints(value: unknown): Breakpoint[] {
  if (!Array.isArray(value) || value.length > MAX_BREAKPOINTS)
    throw new Error(`breakpoints must be an array of at most ${MAX_BREAKPOINTS}`);
  return value.map((item: unknown) => {
    const b = item as Partial<Breakpoint> | null;
    if (
      typeof b !== 'object' ||
      b === null ||
      typeof b.stateName !== 'string' ||
      (b.on !== 'enter' && b.on !== 'exit')
    ) {
      throw new Error('each breakpoint needs a stateName and on: enter or exit');
    }
    if (b.stateName.length > MAX_STATE_NAME_LENGTH)
      throw new Error(`a breakpoint's stateName has at most ${MAX_STATE_NAME_LENGTH} characters`);
    if (b.condition !== undefined && typeof b.condition !== 'string')
      throw new Error('a breakpoint condition must be a string');
    if (b.condition !== undefined && b.condition.length > MAX_CONDITION_LENGTH)
      throw new Error(`a breakpoint condition has at most ${MAX_CONDITION_LENGTH} characters`);
    return {
      stateName: b.stateName,
      on: b.on,
      ...(b.condition === undefined || b.condition === '' ? {} : { condition: b.condition }),
    };
  });
}

/** The outcome the history's last Execution* event records. */
function outcomeOf(events: readonly HistoryEvent[]): Json | undefined {
  const last = [...events]
    .reverse()
    .find((event) => event.type.startsWith('Execution') && event.type !== 'ExecutionStarted');
  if (!last) return undefined;
  const status = {
    ExecutionSucceeded: 'SUCCEEDED',
    ExecutionFailed: 'FAILED',
    ExecutionTimedOut: 'TIMED_OUT',
    ExecutionAborted: 'ABORTED',
  }[last.type as string];
  const details = Object.entries(last).find(([key]) => key.endsWith('EventDetails'))?.[1] as
    { error?: string; cause?: string } | undefined;
  return {
    status: status ?? 'FAILED',
    ...(details?.error === undefined ? {} : { error: details.error }),
    ...(details?.cause === undefined ? {} : { cause: details.cause }),
  };
}

function portFlag(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(ErrorCode.CliUsage, `--port must be a number from 0 to 65535, got '${value}'`);
  return port;
}
