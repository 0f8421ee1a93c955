// The workflow runner against the rmcp server: the same examples/customer-analysis.workflow.json that runs against
// the TypeScript example server and the pmcp fixture runs, unchanged, against a server built with the official SDK.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { createRunner } from '../../src/core/workflow/runner';
import { rmcpFixtureDir, rmcpServerBinary } from './rmcp-server';

let connection: McpConnection;

before(async () => {
  connection = await connectServer('rmcp-fixture', { type: 'stdio', command: rmcpServerBinary(), cwd: rmcpFixtureDir });
  await connection.listTools();
});

after(async () => {
  await connection?.close();
});

describe('runner against the rmcp (Rust) server', () => {
  test('customer-analysis.workflow.json runs green, carrying C-1001 into the parallel steps', async () => {
    const file = join(__dirname, '..', '..', 'examples', 'customer-analysis.workflow.json');
    const loaded = loadWorkflowText(file, readFileSync(file, 'utf8'));
    assert.ok(loaded.workflow, loaded.diagnostics.map((d) => d.message).join('; '));
    const runner = createRunner({ workflow: loaded.workflow, connection, inputs: { limit: 1 } });
    const started: { stepId: string; arguments: unknown }[] = [];
    runner.on((e) => {
      if (e.type === 'step-started' && e.parent === 'gather') started.push({ stepId: e.stepId, arguments: e.arguments });
    });
    const summary = await runner.run();
    assert.equal(summary.ok, true, summary.message);
    assert.deepEqual(started.map((s) => s.stepId).sort(), ['engagement', 'orders', 'tickets']);
    for (const s of started) assert.deepEqual(s.arguments, { customer_id: 'C-1001' });
    assert.equal((summary.steps['orders']?.result as { order_count: number }).order_count, 5);
    const report = summary.steps['report']?.result as { customer: { name: string }; support: { health: string }; recommendations: string[] };
    assert.equal(report.customer.name, 'Acme Corp');
    assert.equal(report.support.health, 'Poor');
    assert.ok(report.recommendations.length > 0);
  });
});
