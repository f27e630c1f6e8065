/**
 * `aslkit serve`: a local AWS Step Functions endpoint (@aslkit/service) that the AWS SDKs and
 * the AWS CLI use through an endpoint override, with a console at `/` that opens executions in
 * the viewer. Loopback only unless `--allow-remote`.
 */
import { ErrorCode, UsageError } from '@aslkit/core';
import type { ViewerSource } from '@aslkit/core/debug';
import { resolve } from 'node:path';
import { isLoopback, startService, type ResumeReport, type ServiceStore } from '@aslkit/service';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { stringFlag } from '../execution-flags.js';
import { loadMockConfig } from '../load.js';
import { taskResolvers } from '../task-resolvers.js';
import { startViewServer, type ViewServer } from '../view-server.js';
import { portFlag, untilInterrupted, viewerDir } from './view.js';

const usage = `Usage: aslkit serve [options]

Serves the AWS Step Functions API (AWS JSON 1.0) at http://127.0.0.1:8083, so that the AWS SDKs
and the AWS CLI work against it with an endpoint override, e.g.

  aws stepfunctions --endpoint-url http://127.0.0.1:8083 list-state-machines

and a console at the same address that lists machines and executions and opens any execution
in the viewer, live while it runs. Executions run in real time.

Options:
  --port <n>            Port to listen on (default: 8083; 0 picks a free one)
  --host <address>      Address to listen on (default: 127.0.0.1)
  --allow-remote        Allow a --host beyond loopback. The API has no authentication:
                        anyone who reaches the port can run machines and read their data
  --memory              Keep everything in memory (the default; gone when the service stops)
  --data <dir>          Durable storage in <dir>/aslkit.db (SQLite; created when missing):
                        state machines, activities, tags and STANDARD executions with their
                        histories survive a restart or a crash, and the executions that were
                        running resume (Waits at their due time, task tokens still answerable;
                        a task running at the crash is started again). Needs @aslkit/sqlite:
                        npm install @aslkit/sqlite
  --mock-config <file>  An AWS Step Functions Local mock configuration: StartExecution with
                        '<state machine ARN>#<test case>' runs that test case's mocks
  --handlers <file>     Local Lambda handlers (see 'aslkit run --help')
  --lambda real         Invoke Lambda functions on AWS with your credentials
  -h, --help            Show this help

Stop with Ctrl+C.
`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the AWS Step Functions API locally, with a console',
  usage,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    memory: { type: 'boolean' },
    data: { type: 'string' },
    'mock-config': { type: 'string' },
    handlers: { type: 'string' },
    lambda: { type: 'string' },
  },
  execute: serve,
};

async function serve(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode> {
  if (positionals.length > 0)
    throw new UsageError(ErrorCode.CliUsage, `serve takes no file arguments, got '${positionals[0]}'`);
  const data = stringFlag(flags, 'data');
  if (data !== undefined && flags.memory === true)
    throw new UsageError(ErrorCode.CliUsage, `--data and --memory exclude each other: choose one`);
  const host = stringFlag(flags, 'host') ?? '127.0.0.1';
  const remote = !isLoopback(host);
  if (remote && flags['allow-remote'] !== true)
    throw new UsageError(
      ErrorCode.CliUsage,
      `--host ${host} listens beyond this machine, and the API has no authentication. Add --allow-remote to do it anyway`,
    );
  const port = portFlag(stringFlag(flags, 'port'), 8083);
  const mockConfigFile = stringFlag(flags, 'mock-config');
  const mockConfig = mockConfigFile === undefined ? undefined : loadMockConfig(mockConfigFile, io.cwd);
  const resolvers = await taskResolvers(
    { handlers: stringFlag(flags, 'handlers'), lambda: stringFlag(flags, 'lambda') },
    io.cwd,
    { realLambda: true },
  );
  const store = data === undefined ? undefined : await openData(resolve(io.cwd, data));
  const viewers: Promise<ViewServer>[] = [];
  const openViewer = viewerOpener(viewers);
  const service = await startService({
    port,
    host,
    allowRemote: remote,
    ...(store ? { store } : {}),
    ...(mockConfig ? { mockConfig } : {}),
    resolvers: resolvers.routers,
    ...(openViewer ? { openViewer } : {}),
  });
  if (remote)
    io.stderr.write(
      `aslkit serve: warning: listening on ${host}, beyond this machine. The API has no authentication: anyone who reaches port ${service.port} can run state machines and read their data.\n`,
    );
  io.stdout.write(
    `aslkit serve: AWS Step Functions API and console at ${service.url}\n` +
      storageLine(store, data, service.resumed) +
      `  try: aws stepfunctions --endpoint-url ${service.url} list-state-machines\n` +
      `Press Ctrl+C to stop.\n`,
  );
  await untilInterrupted(io.signal);
  await service.close();
  await Promise.all(viewers.map(async (viewer) => (await viewer).close()));
  return ExitCode.Success;
}

/**
 * The durable store in `dir`, loaded only now: `@aslkit/sqlite` (native better-sqlite3) is an
 * optional peer of the CLI, needed by --data alone.
 */
async function openData(dir: string): Promise<ServiceStore> {
  let durable: typeof import('@aslkit/service/durable');
  try {
    durable = await import('@aslkit/service/durable');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && /sqlite/.test(String(error)))
      throw new UsageError(
        ErrorCode.CliUsage,
        `--data needs the SQLite store, which is not installed: npm install @aslkit/sqlite (it builds better-sqlite3). Or run with --memory (the default)`,
      );
    throw error;
  }
  try {
    return durable.openDataDir(dir);
  } catch (error) {
    throw new UsageError(
      ErrorCode.CliUsage,
      `--data ${dir}: cannot open ${durable.DATA_FILE} there: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function storageLine(store: ServiceStore | undefined, data: string | undefined, resumed: ResumeReport): string {
  if (!store) return `  storage: in memory (executions are lost when the service stops)\n`;
  const failed = resumed.failures.map((failure) => `    not resumed: ${failure.executionArn}: ${failure.message}\n`);
  return (
    `  storage: ${data} (durable; resumed ${resumed.resumed} running execution(s)` +
    (resumed.aborted > 0 ? `, aborted ${resumed.aborted} express execution(s)` : '') +
    `)\n` +
    failed.join('')
  );
}

/** Opens executions in the built viewer app, each on a loopback port of its own; none when it is not built. */
function viewerOpener(viewers: Promise<ViewServer>[]): ((source: ViewerSource) => Promise<string>) | undefined {
  let dir: string;
  try {
    dir = viewerDir();
  } catch {
    return undefined;
  }
  return async (backend) => {
    const server = startViewServer({ viewerDir: dir, backend, port: 0 });
    viewers.push(server);
    return (await server).url;
  };
}
