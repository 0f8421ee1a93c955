// The example server's own record of what it received (EXAMPLE_SERVER_CALL_LOG): every tools/call and every
// notifications/cancelled, as the editor tests use it to prove what a run sent. A real server process over stdio.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectServer } from '../../src/core/mcp/client';
import { serverBundle, tempDir } from '../runner/helpers';

test('with EXAMPLE_SERVER_CALL_LOG the server records each tools/call and the cancellation of one', async () => {
  const file = join(tempDir(), 'calls.jsonl');
  const connection = await connectServer('example', { type: 'stdio', command: process.execPath, args: [serverBundle, '--stdio'], env: { EXAMPLE_SERVER_CALL_LOG: file } });
  try {
    await connection.listTools();
    await connection.callTool('sales_top_customers', { limit: 1 });
    const abort = new AbortController();
    const slow = connection.callTool('slow_task', { duration_ms: 20_000, steps: 200 }, { signal: abort.signal, onProgress: () => abort.abort(new Error('enough')) });
    await assert.rejects(slow);
    // The cancellation is a notification: give the server a moment to receive it.
    for (let i = 0; i < 50 && !readFileSync(file, 'utf8').includes('notifications/cancelled'); i++) await new Promise((r) => setTimeout(r, 20));
  } finally {
    await connection.close();
  }
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; tool?: string; id?: unknown; requestId?: unknown });
  assert.deepEqual(lines.map((l) => [l.method, l.tool]), [['tools/call', 'sales_top_customers'], ['tools/call', 'slow_task'], ['notifications/cancelled', undefined]]);
  assert.equal(lines[2]!.requestId, lines[1]!.id, 'the cancellation names the slow_task call');
});
