// Fault tests against the real example server: killed mid-step, a tool that never answers, a server
// that exits at start. Each ends with a clear error and a complete audit log; after a checkpoint, the
// run resumes from it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { connectServer, McpConnectionError } from '../../src/core/mcp/client';
import { openAuditLog, type AuditEntry } from '../../src/core/workflow/audit';
import { createRunner } from '../../src/core/workflow/runner';
import { loadSaved, ofType, record, serve, tempDir, tempStore, transports, workflowOf } from './helpers';

const interrupted = workflowOf({
  id: 'interrupted',
  server: 's',
  steps: [
    { id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } },
    { id: 'saved', checkpoint: { name: 'after-top' } },
    { id: 'work', tool: 'slow_task', arguments: { duration_ms: 400, steps: 4 } },
    { id: 'orders', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].customer_id}' } },
  ],
});

function readAudit(file: string): AuditEntry[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as AuditEntry);
}

describe('faults', () => {
  test('the stdio server killed mid-step: a clear error, a complete audit log, then --resume from the checkpoint', async () => {
    const first = await serve('stdio');
    const store = tempStore();
    const auditFile = join(tempDir(), 'audit.jsonl');
    const audit = openAuditLog(auditFile, { actor: 'ci', secrets: () => [] });
    const pid = first.connection.pid!;
    const runner = createRunner({ workflow: interrupted, connection: first.connection, inputs: {}, checkpoints: store });
    runner.on(audit.listener);
    runner.on((event) => {
      if (event.type === 'step-started' && event.stepId === 'work') process.kill(pid, 'SIGKILL');
    });
    const summary = await runner.run();
    audit.close();
    await first.stop();
    assert.equal(summary.ok, false);
    assert.equal(summary.steps['work']?.code, 'SERVER_EXITED');
    assert.match(summary.message ?? '', /^work: slow_task failed: the server "example-stdio" closed the connection/);
    const lines = readAudit(auditFile);
    assert.deepEqual(lines.map((l) => l.action), ['run-started', 'step-started', 'step-done', 'step-started', 'checkpoint-saved', 'step-done', 'step-started', 'step-failed', 'run-done']);
    assert.ok(lines.every((l) => l.run_id === runner.runId && l.workflow_id === 'interrupted' && l.actor === 'ci'));

    const saved = loadSaved(store, runner.runId);
    assert.equal(saved.checkpoint, 'after-top');
    assert.equal(saved.status, 'failed');
    const second = await serve('stdio');
    try {
      const resumed = await record({ workflow: interrupted, connection: second.connection, inputs: saved.inputs, checkpoints: store, resume: saved });
      assert.equal(resumed.summary.ok, true, resumed.summary.message);
      assert.equal(resumed.summary.runId, runner.runId, 'a resumed run keeps its id');
      assert.deepEqual(ofType(resumed.events, 'step-started').map((e) => e.stepId), ['work', 'orders'], 'only the steps after the checkpoint run again');
      assert.equal(ofType(resumed.events, 'run-started')[0]?.resumedFrom, 'after-top');
      assert.match((resumed.summary.steps['orders']?.result as { customer_id: string }).customer_id, /^C-/);
      assert.equal('error' in store.load(runner.runId), true, 'a finished run cannot be resumed twice');
    } finally {
      await second.stop();
    }
  });

  for (const transport of transports) {
    test(`a tool that never answers times out and the server sees the cancellation (${transport})`, async () => {
      const served = await serve(transport);
      try {
        const taskId = `never-${transport}-${Date.now()}`;
        const workflow = workflowOf({ id: 'never', server: 's', steps: [{ id: 'hang', tool: 'slow_task', timeoutMs: 200, arguments: { duration_ms: 60000, steps: 600, task_id: taskId } }] });
        const { summary } = await record({ workflow, connection: served.connection, inputs: {} });
        assert.equal(summary.ok, false);
        assert.equal(summary.steps['hang']?.code, 'TIMEOUT');
        assert.match(summary.steps['hang']?.message ?? '', /did not answer within 200 ms; the call was cancelled/);
        // task_status answers as soon as the task stops running: it stops only if notifications/cancelled arrived.
        const status = await served.connection.callTool('task_status', { task_id: taskId, wait_ms: 5000 });
        assert.equal((status.structuredContent as { status: string }).status, 'cancelled');
      } finally {
        await served.stop();
      }
    });
  }

  test('a server that exits at start is a clear error naming its last words', async () => {
    const script = "process.stderr.write('config error: DATABASE_URL is not set\\n'); process.exit(3)";
    await assert.rejects(connectServer('broken', { type: 'stdio', command: process.execPath, args: ['-e', script] }), (error: unknown) => {
      assert.ok(error instanceof McpConnectionError);
      assert.equal(error.code, 'SERVER_EXITED');
      assert.match(error.message, /cannot start server "broken": the server exited before it finished the MCP handshake \(its last words: "config error: DATABASE_URL is not set"\)/);
      return true;
    });
  });

  test('a command that does not exist is a clear error', async () => {
    await assert.rejects(connectServer('missing', { type: 'stdio', command: 'no-such-mcp-server-binary' }), /command "no-such-mcp-server-binary" was not found/);
  });

  test('an HTTP server that is not there is a clear error', async () => {
    await assert.rejects(connectServer('gone', { type: 'http', url: 'http://127.0.0.1:9/mcp' }), /cannot reach server "gone" at http:\/\/127\.0\.0\.1:9\/mcp/);
  });
});
