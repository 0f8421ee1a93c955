// Streamable HTTP on 127.0.0.1 only, with stateful sessions (the kit's one MCP HTTP endpoint, shared with the proxy
// and replay): each session gets its own McpServer over the one ExampleState, and its calls are logged.
import { listenMcpHttp, type McpHttpEndpoint } from '../../src/core/mcp/http-endpoint';
import { recordCalls } from './call-log';
import { createExampleServer } from './server';
import type { ExampleState } from './state';

/** A running HTTP server: its MCP endpoint URL and how to stop it. */
export type HttpHandle = McpHttpEndpoint;

/** Listens on 127.0.0.1:port (0 picks a free port) and serves MCP at /mcp. */
export function listenHttp(state: ExampleState, port: number): Promise<HttpHandle> {
  const onError = (error: unknown): void => void process.stderr.write(`example-server: ${error instanceof Error ? error.message : String(error)}\n`);
  return listenMcpHttp({ port, label: 'example-server', onError }, async (transport) => {
    await createExampleServer(state).connect(transport);
    recordCalls(transport);
  });
}
