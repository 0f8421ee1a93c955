// The heart of the proxy: JSON-RPC messages passed from one transport to the other as they are, both ways.
// Nothing is re-implemented per method, so requests, notifications and responses either way (tools, prompts,
// resources, completions, progress, cancellation, elicitation, sampling, roots, list_changed) arrive unchanged.
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { TraceDirection } from './trace';

/** What the forwarder tells its owner. */
export interface ForwardHooks {
  /** Every message, before it is passed on. */
  observe(direction: TraceDirection, message: JSONRPCMessage): void;
  /** A message could not be passed on (the far side is gone); the reason, for stderr. */
  onFailure?(direction: TraceDirection, error: unknown): void;
}

/** A running pair: `closed` resolves with the side that ended first; `close` ends both. */
export interface ForwardedPair {
  closed: Promise<'client' | 'server'>;
  close(): Promise<void>;
}

/**
 * Connects `client` (the transport the MCP client talks to, a server transport) with `server` (a client
 * transport to the real server) and starts both. When one side closes, the other is closed too.
 */
export async function forwardMessages(client: Transport, server: Transport, hooks: ForwardHooks): Promise<ForwardedPair> {
  const inFlight = new InFlightRequests();
  let resolveClosed: (side: 'client' | 'server') => void = () => undefined;
  const closed = new Promise<'client' | 'server'>((resolve) => (resolveClosed = resolve));
  let ending = false;
  const end = async (side: 'client' | 'server'): Promise<void> => {
    if (ending) return;
    ending = true;
    resolveClosed(side);
    await Promise.all([client.close().catch(() => undefined), server.close().catch(() => undefined)]);
  };
  client.onmessage = (message) => {
    hooks.observe('client-to-server', message);
    inFlight.sent(message);
    server.send(message).catch((error: unknown) => {
      hooks.onFailure?.('client-to-server', error);
      const id = requestIdOf(message);
      // A client waiting on a request the server never got would wait forever: it is told why.
      if (id !== undefined) void client.send({ jsonrpc: '2.0', id, error: { code: -32603, message: `proxy: the server could not be reached: ${messageOf(error)}` } }).catch(() => undefined);
    });
  };
  server.onmessage = (message) => {
    hooks.observe('server-to-client', message);
    const version = negotiatedVersion(message, inFlight);
    if (version) server.setProtocolVersion?.(version);
    const options = inFlight.routeOf(message);
    inFlight.answered(message);
    client.send(message, options).catch((error: unknown) => hooks.onFailure?.('server-to-client', error));
  };
  client.onclose = () => void end('client');
  server.onclose = () => void end('server');
  await server.start();
  await client.start();
  return { closed, close: () => end('client') };
}

/**
 * The client's requests still waiting for an answer. A Streamable HTTP server transport sends a message on the
 * stream of the request it belongs to; over the wire the relation is gone, so it is found again here: a response by
 * its id, progress by its token, anything else the server sends during a request on that request's stream.
 */
class InFlightRequests {
  private readonly requests = new Map<RequestId, { method: string; progressToken?: unknown }>();

  sent(message: JSONRPCMessage): void {
    const m = message as { id?: RequestId; method?: string; params?: { _meta?: { progressToken?: unknown }; requestId?: RequestId } };
    // A cancelled request gets no answer: its stream is not one to send on any more.
    if (m.method === 'notifications/cancelled' && m.params?.requestId !== undefined) this.requests.delete(m.params.requestId);
    if (m.id === undefined || m.method === undefined) return;
    const token = m.params?._meta?.progressToken;
    this.requests.set(m.id, { method: m.method, ...(token !== undefined ? { progressToken: token } : {}) });
  }

  answered(message: JSONRPCMessage): void {
    const m = message as { id?: RequestId; method?: string };
    if (m.method === undefined && m.id !== undefined) this.requests.delete(m.id);
  }

  methodOf(id: RequestId): string | undefined {
    return this.requests.get(id)?.method;
  }

  routeOf(message: JSONRPCMessage): TransportSendOptions | undefined {
    const m = message as { id?: RequestId; method?: string; params?: { progressToken?: unknown } };
    if (m.method === undefined) return undefined;
    if (m.method === 'notifications/progress') {
      for (const [id, request] of this.requests) if (request.progressToken === m.params?.progressToken) return { relatedRequestId: id };
    }
    // The latest request still open: the one whose handler most likely sent this (a single client's usual case).
    const last = [...this.requests.keys()].pop();
    return last !== undefined ? { relatedRequestId: last } : undefined;
  }
}

/** The protocol version an initialize response settles, which a Streamable HTTP client transport must send on. */
function negotiatedVersion(message: JSONRPCMessage, inFlight: InFlightRequests): string | undefined {
  const m = message as { id?: RequestId; result?: { protocolVersion?: unknown } };
  if (m.id === undefined || inFlight.methodOf(m.id) !== 'initialize') return undefined;
  return typeof m.result?.protocolVersion === 'string' ? m.result.protocolVersion : undefined;
}

function requestIdOf(message: JSONRPCMessage): RequestId | undefined {
  const m = message as { id?: RequestId; method?: string };
  return m.method !== undefined ? m.id : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
