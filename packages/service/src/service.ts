/**
 * `aslkit serve`'s server: the Step Functions API (AWS JSON 1.0, `POST /`) and the console
 * (`GET /`), over node:http. Loopback only unless remote access is asked for; request bodies are
 * size-limited and slow senders cut off; the console's pages check the Host header against DNS
 * rebinding.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ResolversOption, SfnLocalMockConfig } from '@aslkit/core';
import type { ViewerSource } from '@aslkit/core/debug';
import { BodyTooLarge, CONTENT_TYPE, readApiRequest } from './api/json-protocol.js';
import { errors, ServiceError } from './api/service-error.js';
import { checkExecutionArn } from './api/arns.js';
import { ServiceRuntime, type ResumeReport } from './engine/service-runtime.js';
import { OPERATIONS } from './operations/index.js';
import type { OperationContext } from './operations/context.js';
import { MemoryServiceStore } from './store/memory-store.js';
import type { ServiceStore } from './store/service-store.js';
import { consolePage } from './console/console-page.js';
import { executionSource } from './console/execution-source.js';

export interface ServiceOptions {
  /** Default 8083, Step Functions Local's; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Any other address needs `allowRemote`. */
  host?: string;
  /** Listen beyond loopback. The API has no authentication: anyone who reaches the port runs machines. */
  allowRemote?: boolean;
  /**
   * Where records live (default: in memory). A durable one (`openDataDir` of
   * `@aslkit/service/durable`) resumes the executions it holds as RUNNING before the service listens.
   */
  store?: ServiceStore;
  /** Region and account of the ARNs (default us-east-1, 123456789012). */
  region?: string;
  accountId?: string;
  /** Step Functions Local mock config: StartExecution picks a test case with `<machine ARN>#<test case>`. */
  mockConfig?: SfnLocalMockConfig;
  /** More Task answers (local Lambda handlers, real Lambda), tried after the mock config. */
  resolvers?: ResolversOption;
  /** Largest request body (default 2 MiB: a 1 MB definition as JSON text fits). */
  maxBodyBytes?: number;
  /** How long GetActivityTask waits for a task (default 60 s, as AWS). */
  activityPollMs?: number;
  /** Opens the viewer on an execution and returns its URL (the CLI serves its built viewer app). */
  openViewer?: (source: ViewerSource, executionArn: string) => Promise<string>;
}

export interface RunningService {
  url: string;
  port: number;
  host: string;
  store: ServiceStore;
  /** What start-up did with the executions a durable store held as RUNNING. */
  resumed: ResumeReport;
  /**
   * Stops listening and stops the executions still running. A durable store is closed first, so
   * nothing of the stops is written: those executions resume at the next start.
   */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** Host headers of loopback: 127.x.x.x, [::1], localhost and its subdomains (`sync-localhost` for StartSyncExecution's prefix). */
const LOOPBACK_HOST = /^(?:(?:sync-)?127\.\d+\.\d+\.\d+|\[::1\]|(?:[\w-]+\.)*(?:sync-)?localhost)(?::\d+)?$/i;

/** Whether `host` only listens on this machine. */
export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Starts the service; resolves once it listens.
 * @example
 * const service = await startService({ port: 0 });
 * const sfn = new SFNClient({ endpoint: service.url, region: 'us-east-1', credentials });
 */
export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.allowRemote)
    throw new Error(
      `refusing to listen on ${host}: the API has no authentication. Pass allowRemote (--allow-remote) to listen beyond loopback`,
    );
  const store: ServiceStore = options.store ?? new MemoryServiceStore();
  const location = { region: options.region ?? 'us-east-1', accountId: options.accountId ?? '123456789012' };
  const runtime = new ServiceRuntime({
    ...location,
    store,
    ...(options.mockConfig ? { mockConfig: options.mockConfig } : {}),
    ...(options.resolvers ? { resolvers: options.resolvers } : {}),
  });
  const context: OperationContext = { location, store, runtime, activityPollMs: options.activityPollMs ?? 60_000 };
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const closing = new AbortController();
  const viewers = new Map<string, Promise<string>>();
  let port = options.port ?? 8083;

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 30_000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendError(response, errors.internal(error instanceof Error ? error.message : String(error)));
      else response.destroy();
    });
  });
  // GetActivityTask holds a request for up to a minute; the default keep-alive would cut idle sockets sooner.
  server.keepAliveTimeout = 65_000;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('x-amzn-requestid', randomUUID());
    // DNS rebinding: a page of another site that resolves its own name to 127.0.0.1 would be same-origin
    // with us and could drive the API and read the console; only loopback names are answered.
    if (!options.allowRemote && !LOOPBACK_HOST.test(request.headers.host ?? '')) {
      if (request.method === 'POST') return sendError(response, errors.forbiddenHost(request.headers.host ?? ''));
      return sendText(response, 403, 'forbidden host');
    }
    if (request.method === 'POST') return api(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendText(response, 405, 'method not allowed', { allow: 'GET, HEAD, POST' });
    return consoleRoute(new URL(request.url ?? '/', 'http://service'), response);
  }

  async function api(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const gone = new AbortController();
    const abortOnClose = () => gone.abort();
    response.on('close', abortOnClose);
    closing.signal.addEventListener('abort', abortOnClose, { once: true });
    try {
      const { operation, body } = await readApiRequest(request, maxBodyBytes);
      const run = Object.prototype.hasOwnProperty.call(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
      if (!run) throw errors.unknownOperation(operation);
      const result = await run(context, body, gone.signal);
      const text = JSON.stringify(result);
      response.writeHead(200, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
      response.end(text);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        response.setHeader('connection', 'close');
        return sendError(response, error);
      }
      sendError(response, error instanceof ServiceError ? error : errors.internal(describe(error)));
    } finally {
      // Answered: a close now is the connection's business (aborting would build a DOMException per request).
      response.off('close', abortOnClose);
      closing.signal.removeEventListener('abort', abortOnClose);
    }
  }

  async function consoleRoute(url: URL, response: ServerResponse): Promise<void> {
    if (url.pathname === '/') {
      const html = consolePage({
        machines: store.listMachines(),
        executions: store.allExecutions(),
        viewer: options.openViewer !== undefined,
        durable: store.durable,
        now: Date.now(),
      });
      return sendText(response, 200, html, { 'content-type': 'text/html; charset=utf-8' });
    }
    const arn = url.searchParams.get('executionArn') ?? '';
    if (url.pathname === '/console/history' || url.pathname === '/console/view') {
      let record;
      try {
        record = store.getExecution(checkExecutionArn(arn));
      } catch {
        return sendText(response, 400, `not an execution ARN: ${arn}`);
      }
      if (!record) return sendText(response, 404, `no execution ${arn}`);
      if (url.pathname === '/console/history') {
        const text = JSON.stringify({ events: store.events(arn) }, null, 2);
        return sendText(response, 200, text, {
          'content-type': 'application/json',
          'content-disposition': `attachment; filename="${record.name.replace(/[^\w.-]/g, '_')}.history.json"`,
        });
      }
      if (!options.openViewer) return sendText(response, 404, 'this service was started without the viewer');
      let opened = viewers.get(arn);
      if (!opened) {
        const execution = runtime.running(arn);
        opened = options.openViewer(executionSource({ record, store, ...(execution ? { execution } : {}) }), arn);
        viewers.set(arn, opened);
        // A finished execution's viewer is opened afresh next time; a live one follows to its end.
        opened.catch(() => viewers.delete(arn));
      }
      response.writeHead(303, { location: await opened, 'cache-control': 'no-store' });
      return void response.end();
    }
    return sendText(response, 404, 'not found');
  }

  // Resumed before the first request: a SendTaskSuccess must find the token's execution replayed.
  const resumed = await runtime.resumeStored();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    host,
    store,
    resumed,
    async close() {
      closing.abort();
      store.close?.();
      await runtime.stopAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sendError(response: ServerResponse, error: ServiceError): void {
  const text = JSON.stringify(error.toJSON());
  response.writeHead(error.status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': error.type,
  });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    ...headers,
  });
  response.end(body);
}
