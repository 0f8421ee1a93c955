// The contract every customer-analysis server of the fixtures keeps (examples/data/CONTRACT.md), as the runner and
// the CLI meet it: examples/customer-analysis.workflow.json runs green, carrying C-1001 into the three parallel
// gathering steps, and an unknown customer is a NOT_FOUND: tool error. Shared by the Go, Python and Rust suites.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpConnection } from '../../src/core/mcp/client';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { createRunner, type RunSummary } from '../../src/core/workflow/runner';

const root = join(__dirname, '..', '..');
export const customerAnalysisWorkflow = join(root, 'examples', 'customer-analysis.workflow.json');

/** A run's summary and the gathering steps it started, as the contract expects them. */
export function assertCustomerAnalysisRun(summary: RunSummary, gathering: readonly { stepId: string; arguments?: unknown }[]): void {
  assert.equal(summary.ok, true, summary.message);
  assert.deepEqual(gathering.map((e) => e.stepId).sort(), ['engagement', 'orders', 'tickets']);
  for (const e of gathering) assert.deepEqual(e.arguments, { customer_id: 'C-1001' });
  assert.equal((summary.steps['orders']?.result as { order_count: number }).order_count, 5);
  const report = summary.steps['report']?.result as { customer: { name: string }; support: { health: string } };
  assert.equal(report.customer.name, 'Acme Corp');
  assert.equal(report.support.health, 'Poor');
}

/** Runs the workflow with the core runner over `connection` and checks it keeps the contract; returns the summary. */
export async function runCustomerAnalysis(connection: McpConnection): Promise<RunSummary> {
  const loaded = loadWorkflowText(customerAnalysisWorkflow, readFileSync(customerAnalysisWorkflow, 'utf8'));
  assert.ok(loaded.workflow, loaded.diagnostics.map((d) => d.message).join('; '));
  const runner = createRunner({ workflow: loaded.workflow, connection, inputs: { limit: 1 } });
  const gathering: { stepId: string; arguments?: unknown }[] = [];
  runner.on((e) => {
    if (e.type === 'step-started' && e.parent === 'gather') gathering.push(e);
  });
  const summary = await runner.run();
  assertCustomerAnalysisRun(summary, gathering);
  return summary;
}

/** An unknown customer_id is a tool error whose text starts with NOT_FOUND:. */
export async function assertNotFound(connection: McpConnection): Promise<void> {
  const result = await connection.callTool('order_history', { customer_id: 'C-0000' });
  assert.equal(result.isError, true);
  const text = (result.content as { type: string; text?: string }[]).find((c) => c.type === 'text')?.text ?? '';
  assert.match(text, /^NOT_FOUND:/);
}

/** `mcp-workflow run` of the workflow against the server an mcp.json names `name`, green, its report on C-1001. */
export function assertCliRun(name: string, entry: Record<string, unknown>): void {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwk-contract-'));
  const config = join(dir, 'mcp.json');
  writeFileSync(config, JSON.stringify({ servers: { [name]: entry } }));
  const r = spawnSync(process.execPath, [join(root, 'bin', 'mcp-workflow.js'), 'run', customerAnalysisWorkflow, '--server', name, '--config', config, '--yes', '--json', '--audit', join(dir, 'run.audit.jsonl')], { encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const summary = JSON.parse(r.stdout) as { ok: boolean; steps: Record<string, { result?: { customer?: { customer_id: string } } }> };
  assert.equal(summary.ok, true);
  assert.equal(summary.steps['report']?.result?.customer?.customer_id, 'C-1001');
}

