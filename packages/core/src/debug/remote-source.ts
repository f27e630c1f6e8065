/**
 * A source across the network, as `aslkit view` serves it: messages arrive as Server-Sent
 * Events (`GET <base>/events`, one JSON ViewerMessage per event) and commands go out as
 * `POST <base>/command` with a JSON ViewerCommand body. Needs a browser's `EventSource`.
 */
import { parseViewerMessage } from './protocol-checks.js';
import type { ViewerCommand, ViewerMessage, ViewerSource } from './protocol.js';

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
      const response = await fetch(`${root}/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(command),
      });
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        throw new Error(`${command.type} was refused: ${text || response.statusText}`);
      }
    },
  };
}
