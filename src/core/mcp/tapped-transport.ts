// A transport wrapper that shows every JSON-RPC message passing through it, both ways, to an observer (the
// extension's per-server output channel logs the protocol exchange from it) and otherwise changes nothing.
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Which way a message went: `out` from this client to the server, `in` from the server. */
export type MessageDirection = 'in' | 'out';

/** Wraps `inner` so `observe` sees each message; the observer's own failures never reach the protocol. */
export function tapTransport(inner: Transport, observe: (direction: MessageDirection, message: JSONRPCMessage) => void): Transport {
  const safely = (direction: MessageDirection, message: JSONRPCMessage): void => {
    try {
      observe(direction, message);
    } catch {
      // A log that throws must not break the connection it watches.
    }
  };
  const outer: Transport = {
    start: () => inner.start(),
    close: () => inner.close(),
    send: (message: JSONRPCMessage, options?: TransportSendOptions) => {
      safely('out', message);
      return inner.send(message, options);
    },
    get sessionId() {
      return inner.sessionId;
    },
    setProtocolVersion: (version: string) => inner.setProtocolVersion?.(version),
  };
  inner.onmessage = (message, extra) => {
    safely('in', message);
    outer.onmessage?.(message, extra);
  };
  inner.onerror = (error) => outer.onerror?.(error);
  inner.onclose = () => outer.onclose?.();
  return outer;
}
