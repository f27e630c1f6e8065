/**
 * A small Lambda Invoke API server on 127.0.0.1 for tests: `POST /2015-03-31/functions/{name}/invocations`,
 * scripted per function (success, function errors, 4xx/5xx, slow answers, dropped connections).
 * The real SDK talks to it over real HTTP; nothing in the SDK is mocked.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface InvokeRequest {
  functionName: string;
  qualifier?: string;
  invocationType?: string;
  body: string;
  headers: IncomingHttpHeaders;
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; body?: string }
  | { drop: true }
  | { delayMs: number; then: Reply }
  /** A 200 whose body never ends (chunked), until the client hangs up; `sent` counts the bytes written. */
  | { endless: { sent: number } };

export type Behaviour = (request: InvokeRequest, call: number) => Reply;

export interface LambdaServer {
  url: string;
  requests: InvokeRequest[];
  close(): Promise<void>;
}

const ROUTE = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(?:\?(.*))?$/;

/** A successful invocation, with the headers Lambda sends. */
export const ok = (body: unknown, headers: Record<string, string> = {}): Reply => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'X-Amz-Executed-Version': '$LATEST', ...headers },
});

/** A function error: 200 with `X-Amz-Function-Error` and the error payload text. */
export const functionError = (payload: string): Reply => ({
  body: payload,
  headers: { 'X-Amz-Function-Error': 'Unhandled', 'X-Amz-Executed-Version': '$LATEST' },
});

/** A service error as Lambda's REST-JSON protocol sends it. */
export const serviceError = (status: number, code: string, message: string): Reply => ({
  status,
  headers: { 'x-amzn-ErrorType': code },
  body: JSON.stringify({ Type: status >= 500 ? 'Service' : 'User', message }),
});

export async function startLambdaServer(functions: Record<string, Behaviour>): Promise<LambdaServer> {
  const requests: InvokeRequest[] = [];
  const calls = new Map<string, number>();
  let requestCount = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const route = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
      if (!route) {
        res.writeHead(404, { 'x-amzn-ErrorType': 'UnknownOperationException' }).end('{}');
        return;
      }
      const functionName = decodeURIComponent(route[1]!);
      const qualifier = new URLSearchParams(route[2] ?? '').get('Qualifier') ?? undefined;
      const invocationType = req.headers['x-amz-invocation-type'] as string | undefined;
      const request: InvokeRequest = {
        functionName,
        body,
        headers: req.headers,
        ...(qualifier ? { qualifier } : {}),
        ...(invocationType ? { invocationType } : {}),
      };
      requests.push(request);
      const short = functionName.replace(/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/, '').split(':')[0]!;
      const behaviour = functions[short];
      const call = (calls.get(short) ?? 0) + 1;
      calls.set(short, call);
      const requestId = `00000000-0000-4000-8000-${String(++requestCount).padStart(12, '0')}`;
      const reply = behaviour
        ? behaviour(request, call)
        : serviceError(
            404,
            'ResourceNotFoundException',
            `Function not found: arn:aws:lambda:us-east-1:123456789012:function:${short}`,
          );
      send(reply, requestId);
    });
    const send = (reply: Reply, requestId: string): void => {
      if ('drop' in reply) {
        req.socket.destroy();
        return;
      }
      if ('endless' in reply) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          let more = true;
          while (more && !res.destroyed) {
            reply.endless.sent += chunk.length;
            more = res.write(chunk);
          }
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      if ('delayMs' in reply) {
        const timer = setTimeout(() => send(reply.then, requestId), reply.delayMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      res.writeHead(reply.status ?? 200, {
        'Content-Type': 'application/json',
        'x-amzn-RequestId': requestId,
        ...reply.headers,
      });
      res.end(reply.body ?? '');
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
