// An MCP endpoint over Streamable HTTP, on 127.0.0.1 only, with stateful sessions: an initialize request without a
// session id opens a session (its own server transport, handed to `openSession` to wire before initialize is
// handled); later requests carry the Mcp-Session-Id header. The proxy, replay and the example server all serve this way.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

/** A listening endpoint: its URL and how to stop it (every session closed first). */
export interface McpHttpEndpoint {
  url: string;
  close(): Promise<void>;
}

/** Where to listen and what to call the server in its error answers. */
export interface McpHttpOptions {
  /** 0 picks a free port. */
  port: number;
  /** Only 127.0.0.1 is accepted: any other is refused before anything listens. */
  host?: string;
  /** Names the server in an internal error's message ("proxy: …"). */
  label: string;
  /** Told of an error a request's handling threw (it is answered with a 500). */
  onError?: (error: unknown) => void;
}

/** The one host an endpoint binds. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Largest request body read (the SDK's stdio limit, for the same reason). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** An endpoint asked to listen off 127.0.0.1. */
export class NonLoopbackHostError extends Error {
  constructor(readonly host: string) {
    super(`refusing to listen on ${host}: MCP endpoints here bind ${LOOPBACK_HOST} only (anyone who can reach the port can use the server)`);
  }
}

/** Throws NonLoopbackHostError unless `host` is 127.0.0.1 (or not given). */
export function assertLoopbackHost(host: string | undefined): void {
  if (host !== undefined && host !== LOOPBACK_HOST) throw new NonLoopbackHostError(host);
}

/** Listens on 127.0.0.1:port and serves MCP at /mcp; `openSession` wires each new session's transport (not started). */
export async function listenMcpHttp(options: McpHttpOptions, openSession: (transport: StreamableHTTPServerTransport, session: string) => Promise<unknown>): Promise<McpHttpEndpoint> {
  assertLoopbackHost(options.host);
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (new URL(req.url ?? '/', `http://${LOOPBACK_HOST}`).pathname !== '/mcp') return sendError(res, 404, -32000, 'not found: the MCP endpoint is /mcp');
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing) return existing.handleRequest(req, res);
    if (req.method !== 'POST' || sessionId !== undefined) return sendError(res, sessionId === undefined ? 400 : 404, -32000, 'no such session: send initialize first');
    const body = await readJson(req);
    if (!isInitializeRequest(body)) return sendError(res, 400, -32000, 'no session: the first request must be initialize');
    const id = randomUUID();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => id, onsessioninitialized: (sid) => void sessions.set(sid, transport) });
    await openSession(transport, id);
    // Chained after whatever `openSession` set, so what it wired still hears the close.
    const onclose = transport.onclose;
    transport.onclose = () => {
      sessions.delete(id);
      onclose?.();
    };
    await transport.handleRequest(req, res, body);
  };
  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) sendError(res, 500, -32603, `${options.label}: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, LOOPBACK_HOST, () => resolve());
  });
  const address = http.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK_HOST}:${address.port}/mcp`,
    close: async () => {
      await Promise.all([...sessions.values()].map((t) => t.close().catch(() => undefined)));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(size <= MAX_BODY_BYTES ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}

function sendError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
