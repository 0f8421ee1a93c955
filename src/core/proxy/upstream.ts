// The proxy's side towards the real server: a plain SDK client transport (stdio or Streamable HTTP) with no
// Client on top, since messages are passed through rather than made. Closing it stops what a stdio server started.
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { DEFAULT_MAX_MESSAGE_BYTES, type ServerLaunch } from '../mcp/client';
import { descendantsOf, stopProcesses } from '../mcp/process-tree';

/** Options of the upstream transport. */
export interface UpstreamOptions {
  /** Each chunk a stdio server writes to stderr. */
  onStderr?: (text: string) => void;
  maxMessageBytes?: number;
}

/** A transport to the server `launch` describes; not started (forwardMessages starts it). */
export function openUpstream(launch: ServerLaunch, options: UpstreamOptions = {}): Transport {
  if (launch.type !== 'stdio') {
    const url = new URL(launch.url);
    const requestInit = launch.headers ? { headers: launch.headers } : undefined;
    const http = launch.type === 'sse' ? new SSEClientTransport(url, { requestInit }) : new StreamableHTTPClientTransport(url, { requestInit });
    return withPoliteClose(http);
  }
  const stdio = new StdioClientTransport({
    command: launch.command,
    args: launch.args ?? [],
    ...(launch.env ? { env: launch.env } : {}),
    ...(launch.cwd ? { cwd: launch.cwd } : {}),
    stderr: 'pipe',
    maxBufferSize: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
  });
  stdio.stderr?.on('data', (chunk: Buffer) => options.onStderr?.(chunk.toString('utf8')));
  const close = stdio.close.bind(stdio);
  stdio.close = async () => {
    // Found before the server exits, while what it started are still its children.
    const pid = stdio.pid;
    const family = pid !== null ? descendantsOf(pid) : [];
    await close();
    if (family.length > 0) await stopProcesses(family);
  };
  return stdio;
}

/** Ends a Streamable HTTP session with DELETE before closing, as connectServer does. */
function withPoliteClose(transport: SSEClientTransport | StreamableHTTPClientTransport): Transport {
  if (!(transport instanceof StreamableHTTPClientTransport)) return transport;
  const close = transport.close.bind(transport);
  transport.close = async () => {
    if (transport.sessionId) await transport.terminateSession().catch(() => undefined);
    await close();
  };
  return transport;
}
