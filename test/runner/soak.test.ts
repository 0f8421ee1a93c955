// Issue 13, "must show": 200 runs of the customer-analysis workflow, 20 at a time, against one HTTP example
// server and against stdio example servers: every run passes, 200 distinct run ids, 200 complete audit logs
// (run-started first, run-done last, every line of its own run), and no server process is left behind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { openAuditLog, type AuditEntry } from '../../src/core/workflow/audit';
import { createRunner } from '../../src/core/workflow/runner';
import { loadExample, processAlive, serverBundle, startHttpServer, tempDir } from './helpers';

const RUNS = 200;
const AT_A_TIME = 20;
const workflow = loadExample('customer-analysis.workflow.json');


/** Runs RUNS runs, AT_A_TIME workers each taking the next run; each worker has its own connection. */
async function soak(connect: () => Promise<McpConnection>, dir: string): Promise<{ ids: string[]; pids: number[] }> {
  const ids: string[] = [];
  const pids: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    const connection = await connect();
    if (connection.pid) pids.push(connection.pid);
    try {
      await connection.listTools();
      while (next < RUNS) {
        next += 1;
        const runner = createRunner({ workflow, connection, inputs: { limit: 1 } });
        const audit = openAuditLog(join(dir, `${runner.runId}.audit.jsonl`), { actor: 'soak', secrets: () => [], exclusive: true });
        runner.on(audit.listener);
        const summary = await runner.run().finally(() => audit.close());
        assert.equal(summary.ok, true, summary.message);
        ids.push(summary.runId);
      }
    } finally {
      await connection.close();
    }
  };
  await Promise.all(Array.from({ length: AT_A_TIME }, worker));
  return { ids, pids };
}

function assertCompleteLogs(dir: string, ids: string[]): void {
  assert.equal(new Set(ids).size, RUNS, 'every run has its own id');
  for (const id of ids) {
    const lines = readFileSync(join(dir, `${id}.audit.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    assert.equal(lines[0]?.action, 'run-started');
    assert.equal(lines.at(-1)?.action, 'run-done');
    assert.equal(lines.at(-1)?.details['ok'], true);
    assert.ok(lines.every((l) => l.run_id === id), `${id}'s log holds another run's line`);
    assert.equal(lines.filter((l) => l.action === 'step-done').length, 6, `${id}: top, orders, tickets, engagement, the group and report`);
  }
}

describe('soak', () => {
  test(`${RUNS} runs, ${AT_A_TIME} at a time, against one HTTP example server`, { timeout: 300_000 }, async () => {
    const http = await startHttpServer();
    const dir = tempDir();
    try {
      const { ids } = await soak(() => connectServer('example-http', { type: 'http', url: http.url }), dir);
      assertCompleteLogs(dir, ids);
    } finally {
      await http.stop();
    }
    assert.equal(processAlive(http.child.pid!), false, 'the HTTP server is gone');
  });

  test(`${RUNS} runs, ${AT_A_TIME} at a time, against stdio example servers (one per worker)`, { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const { ids, pids } = await soak(() => connectServer('example-stdio', { type: 'stdio', command: process.execPath, args: [serverBundle, '--stdio'] }), dir);
    assertCompleteLogs(dir, ids);
    assert.equal(pids.length, AT_A_TIME);
    assert.deepEqual(pids.filter(processAlive), [], 'no stdio server is left running');
  });
});
