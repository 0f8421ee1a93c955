// Streamable HTTP on 127.0.0.1 only, with stateful sessions: an initialize request without a session id
// opens a session (its own McpServer and transport); later requests carry the Mcp-Session-Id header.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { recordCalls } from './call-log';
import { createExampleServer } from './server';
import type { ExampleState } from './state';

/** A running HTTP server: its MCP endpoint URL and how to stop it. */
export interface HttpHandle {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:port (0 picks a free port) and serves MCP at /mcp. */
export async function listenHttp(state: ExampleState, port: number): Promise<HttpHandle> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`example-server: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) sendError(res, 500, -32603, 'internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/mcp') {
      sendError(res, 404, -32000, 'not found: the MCP endpoint is /mcp');
      return;
    }
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing) {
      await existing.handleRequest(req, res);
      return;
    }
    if (req.method !== 'POST' || sessionId !== undefined) {
      sendError(res, sessionId === undefined ? 400 : 404, -32000, 'no such session: send initialize first');
      return;
    }
    const body = await readJson(req);
    if (!isInitializeRequest(body)) {
      sendError(res, 400, -32000, 'no session: the first request must be initialize');
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await createExampleServer(state).connect(transport);
    recordCalls(transport);
    await transport.handleRequest(req, res, body);
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });
  const address = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/mcp`,
    close: () => closeAll(http, sessions),
  };
}

async function closeAll(http: Server, sessions: Map<string, StreamableHTTPServerTransport>): Promise<void> {
  await Promise.all([...sessions.values()].map((t) => t.close().catch(() => undefined)));
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
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
