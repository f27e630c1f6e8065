/**
 * The HTTP side of `aslkit view`, on 127.0.0.1 only: the built viewer as static files,
 * `GET /api/events` (Server-Sent Events, one JSON ViewerMessage each), `POST /api/command`
 * (one JSON ViewerCommand) and `POST /api/query` (one JSON ViewerQuery: a page of a Map Run's
 * children, or one child's history, answered in JSON). A thin adapter: the protocol, its checks and the session behind it
 * are @aslkit/core/debug's, the same the viewer uses in a page.
 *
 * Hardened as a local server must be against pages from other sites: host and origin checks,
 * budgets for what is posted (size, time to send it, time to act on it, open streams), and
 * response headers that forbid framing and sniffing (docs/reference/limits.md).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AslkitError, ErrorCode } from '@aslkit/core';
import { parseViewerCommand, parseViewerQuery, type ViewerMessage, type ViewerSource } from '@aslkit/core/debug';

export interface ViewServerOptions {
  /** The built viewer (the folder holding index.html). */
  viewerDir: string;
  /** What the server serves: a live session or a finished history (createSessionSource, createHistorySource). */
  backend: ViewerSource;
  /** 0 picks a free port. */
  port: number;
  /** Overrides of the budgets below (tests use short ones). */
  budgets?: Partial<ViewServerBudgets>;
}

/** What a client may ask of the server: bytes per command, time to send a request, time per command, open streams. */
export interface ViewServerBudgets {
  maxBodyBytes: number;
  requestTimeoutMs: number;
  commandTimeoutMs: number;
  maxStreams: number;
}

export interface ViewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
export const VIEW_SERVER_BUDGETS: Readonly<ViewServerBudgets> = {
  // A command is a few hundred bytes; breakpoint conditions included, 64 KiB is ample.
  maxBodyBytes: 64 * 1024,
  // Against slow senders: the whole request (headers and body) within 10 s.
  requestTimeoutMs: 10_000,
  // The session acts on a command at once; one that hangs is answered 503 rather than held.
  commandTimeoutMs: 10_000,
  // Pages and tabs; more event streams are refused rather than held open.
  maxStreams: 32,
};

/** Sent with every response: no framing (clickjacking), no type sniffing, no referrer, no cross-origin reads. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Starts serving; resolves once listening.
 * @example
 * const server = await startViewServer({ viewerDir, backend, port: 0 });
 * console.log(server.url);
 */
export async function startViewServer({ viewerDir, backend, port, budgets }: ViewServerOptions): Promise<ViewServer> {
  const limits = { ...VIEW_SERVER_BUDGETS, ...budgets };
  const root = resolve(viewerDir);
  const streams = new Set<ServerResponse>();
  let actualPort = port;
  // Slow senders (headers or body dribbled out) get 408 and are cut off; the event streams are
  // responses, not requests, and stay open.
  const timeouts = {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs),
  };
  const server = createServer(timeouts, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(
          response,
          500,
          'text/plain; charset=utf-8',
          `internal error: ${error instanceof Error ? error.message : String(error)}`,
        );
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    // DNS rebinding: a page from another site that resolves its name to 127.0.0.1 must not
    // reach the session, so only our own host names are served.
    const host = request.headers.host ?? '';
    if (host !== `${HOST}:${actualPort}` && host !== `localhost:${actualPort}`)
      return send(response, 403, 'text/plain', 'forbidden host');
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname === '/api/events' && request.method === 'GET') return openStream(response);
    if (url.pathname === '/api/command' || url.pathname === '/api/query') {
      if (request.method !== 'POST') return send(response, 405, 'text/plain', 'use POST', { allow: 'POST' });
      return url.pathname === '/api/command' ? runCommand(request, response, host) : runQuery(request, response, host);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'text/plain', 'method not allowed', { allow: 'GET, HEAD' });
    return serveFile(url.pathname, response);
  }

  function openStream(response: ServerResponse): void {
    if (streams.size >= limits.maxStreams) return send(response, 503, 'text/plain', 'too many open streams');
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    // The page learns the stream is open even before there is a message to send.
    response.flushHeaders();
    const write = (message: ViewerMessage) => response.write(`data: ${JSON.stringify(message)}\n\n`);
    // Replays what the page must know first (init, events so far, the session), then follows.
    const disconnect = backend.connect(write);
    streams.add(response);
    response.on('close', () => {
      disconnect();
      streams.delete(response);
    });
  }

  /** The posted JSON, checked by `parse`; or undefined once the refusal is sent. */
  async function readPosted<T>(
    request: IncomingMessage,
    response: ServerResponse,
    host: string,
    parse: (value: unknown) => T,
  ): Promise<T | undefined> {
    // A JSON content type forces a CORS preflight from any other origin, which we never answer.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
      return void send(response, 415, 'text/plain', 'send application/json');
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`)
      return void send(response, 403, 'text/plain', 'forbidden origin');
    const declared = Number(request.headers['content-length']);
    if (declared > limits.maxBodyBytes) return void refuseBody(response, limits.maxBodyBytes);
    try {
      return parse(JSON.parse(await readBody(request, limits.maxBodyBytes)));
    } catch (error) {
      if (error instanceof BodyTooLarge) return void refuseBody(response, limits.maxBodyBytes);
      // Checked before anything acts on it (the parse function says what is wrong).
      if (error instanceof AslkitError) return void send(response, 400, 'text/plain; charset=utf-8', error.message);
      return void send(response, 400, 'text/plain', 'body is not JSON');
    }
  }

  async function runCommand(request: IncomingMessage, response: ServerResponse, host: string): Promise<void> {
    const command = await readPosted(request, response, host, parseViewerCommand);
    if (command === undefined) return;
    try {
      await withTimeout(backend.send(command), limits.commandTimeoutMs);
    } catch (error) {
      // Well formed but not possible here (a command to a recorded history): 409; else a bad command.
      return refuse(response, error, 409);
    }
    response.writeHead(204).end();
  }

  /** A page of a Map Run's children or one child's history: read on demand, never streamed. */
  async function runQuery(request: IncomingMessage, response: ServerResponse, host: string): Promise<void> {
    const query = await readPosted(request, response, host, parseViewerQuery);
    if (query === undefined) return;
    if (!backend.query) return send(response, 404, 'text/plain', 'this execution lists no Map Run children');
    let answer: unknown;
    try {
      answer = await withTimeout(backend.query(query), limits.commandTimeoutMs);
    } catch (error) {
      // Well formed, but no such run or child here: 404.
      return refuse(response, error, 404);
    }
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify(answer));
  }

  function refuse(response: ServerResponse, error: unknown, refusedStatus: number): void {
    if (error instanceof CommandTimedOut) return send(response, 503, 'text/plain', 'the command timed out');
    const message = error instanceof Error ? error.message : String(error);
    const refused = error instanceof AslkitError && error.code === ErrorCode.CommandRefused;
    send(response, refused ? refusedStatus : 400, 'text/plain; charset=utf-8', message);
  }

  async function serveFile(pathname: string, response: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(response, 400, 'text/plain', 'bad path');
    }
    const file = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
    if (file !== root && !file.startsWith(root + sep)) return send(response, 403, 'text/plain', 'forbidden path');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return send(response, 404, 'text/plain', 'not found');
    }
    send(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', content);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  actualPort = (server.address() as AddressInfo).port;
  // Proxies and some browsers drop an idle stream; a comment line every 15 s keeps it open.
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  return {
    url: `http://${HOST}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolveClose) => {
        clearInterval(keepAlive);
        for (const stream of streams) stream.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

class BodyTooLarge extends Error {}
class CommandTimedOut extends Error {}

/** The body as text, or BodyTooLarge as soon as it passes `maxBytes` (the rest is not read). */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** 413, and the connection closes after it: what the client still sends is never read. */
function refuseBody(response: ServerResponse, maxBytes: number): void {
  send(response, 413, 'text/plain', `body larger than ${maxBytes} bytes`, { connection: 'close' });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CommandTimedOut()), ms);
    timer.unref();
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}
