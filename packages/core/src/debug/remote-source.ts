/**
 * A source across the network, as `aslkit view` serves it: messages arrive as Server-Sent
 * Events (`GET <base>/events`, one JSON ViewerMessage per event) and commands go out as
 * `POST <base>/command` with a JSON ViewerCommand body; queries (a Map Run's children, one
 * child's history) as `POST <base>/query`, answered in JSON. Needs a browser's `EventSource`.
 */
import { parseViewerAnswer, parseViewerMessage } from './protocol-checks.js';
import type { ViewerAnswer, ViewerCommand, ViewerMessage, ViewerQuery, ViewerSource } from './protocol.js';

/**
 * Connects to a viewer server; `base` is the API prefix, e.g. `/api`.
 * @example
 * <ExecutionViewer source={createRemoteSource('/api')} />
 */
export function createRemoteSource(base: string): ViewerSource {
  const root = base.endsWith('/') ? base.slice(0, -1) : base;
  return {
    connect(onMessage) {
      const stream = new EventSource(`${root}/events`);
      stream.onmessage = (event: MessageEvent<string>) => {
        let message: ViewerMessage;
        try {
          message = parseViewerMessage(JSON.parse(event.data));
        } catch (error) {
          const why = error instanceof SyntaxError ? 'is not JSON' : `is not understood: ${(error as Error).message}`;
          onMessage({ type: 'error', message: `The server sent a message that ${why}.` });
          return;
        }
        onMessage(message);
      };
      // EventSource reconnects by itself; the server replays everything with the next `init`.
      stream.onerror = () => {
        if (stream.readyState === EventSource.CLOSED)
          onMessage({ type: 'error', message: 'Lost the connection to aslkit view.' });
      };
      return () => stream.close();
    },
    async send(command: ViewerCommand) {
      await post(`${root}/command`, command);
    },
    async query<Q extends ViewerQuery>(query: Q): Promise<ViewerAnswer<Q>> {
      const response = await post(`${root}/query`, query);
      // Checked like every message: the answer crossed the wire.
      return parseViewerAnswer(query, await response.json());
    },
  };
}

async function post(url: string, body: ViewerCommand | ViewerQuery): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new Error(`${body.type} was refused: ${text || response.statusText}`);
  }
  return response;
}
