// The server's own record of what it was asked, for tests that must prove what a client did (or did not) send:
// with EXAMPLE_SERVER_CALL_LOG=FILE in its environment, every tools/call request and every
// notifications/cancelled the server receives is appended to FILE as a JSON line
// ({time, method, id?, tool?, requestId?}). Without it the server records nothing.
import { appendFileSync } from 'node:fs';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

const LOGGED = new Set(['tools/call', 'notifications/cancelled']);

/** Records what `transport` delivers to the server; call after `server.connect(transport)`. */
export function recordCalls(transport: Transport, file = process.env['EXAMPLE_SERVER_CALL_LOG']): void {
  if (!file) return;
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const m = message as { method?: string; id?: unknown; params?: { name?: unknown; requestId?: unknown } };
    if (m.method && LOGGED.has(m.method)) {
      const line = { time: new Date().toISOString(), method: m.method, ...(m.id !== undefined ? { id: m.id } : {}), ...(typeof m.params?.name === 'string' ? { tool: m.params.name } : {}), ...(m.params?.requestId !== undefined ? { requestId: m.params.requestId } : {}) };
      try {
        appendFileSync(file, `${JSON.stringify(line)}\n`);
      } catch (error) {
        process.stderr.write(`example-server: cannot write ${file}: ${(error as Error).message}\n`);
      }
    }
    deliver?.(message, extra);
  };
}
