// The proxy served over Streamable HTTP on 127.0.0.1 only. Each session (an initialize request without a
// session id) gets its own server transport, and `openSession` pairs it with its own connection to the real server.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

/** A listening proxy endpoint. */
export interface ProxyListener {
  url: string;
  close(): Promise<void>;
}

/** Largest request body read (the SDK's stdio limit, for the same reason). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Listens on 127.0.0.1:port (0 picks a free one) and serves MCP at /mcp. `openSession` receives each new session's
 * transport (not started) and its id, and wires it before the initialize request is handled.
 */
export async function listenProxyHttp(port: number, openSession: (transport: StreamableHTTPServerTransport, session: string) => Promise<void>): Promise<ProxyListener> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/mcp') return sendError(res, 404, 'not found: the MCP endpoint is /mcp');
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing) return existing.handleRequest(req, res);
    if (req.method !== 'POST' || sessionId !== undefined) return sendError(res, sessionId === undefined ? 400 : 404, 'no such session: send initialize first');
    const body = await readJson(req);
    if (!isInitializeRequest(body)) return sendError(res, 400, 'no session: the first request must be initialize');
    const id = randomUUID();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => id, onsessioninitialized: (sid) => void sessions.set(sid, transport) });
    await openSession(transport, id);
    // Chained after the forwarder's own onclose, so the pair still closes together.
    const onclose = transport.onclose;
    transport.onclose = () => {
      sessions.delete(id);
      onclose?.();
    };
    await transport.handleRequest(req, res, body);
  };
  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `proxy: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });
  const address = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/mcp`,
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

function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}
