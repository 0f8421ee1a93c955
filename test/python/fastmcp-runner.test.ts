// The FastMCP customer-analysis fixture as a real stdio server: examples/customer-analysis.workflow.json runs green
// against it with the core runner and with the CLI, and what the static extractor reads from its source equals
// what FastMCP serves (names, descriptions, input and output schemas, prompt arguments).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { extractFile } from '../../src/core/extract';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { createRunner } from '../../src/core/workflow/runner';
import { fastMcpFixtureDir, fastMcpServerFile, venvPython } from './fastmcp-server';

const root = join(__dirname, '..', '..');
const workflowFile = join(root, 'examples', 'customer-analysis.workflow.json');
let connection: McpConnection;

before(async () => {
  connection = await connectServer('python-fastmcp', { type: 'stdio', command: venvPython(), args: [fastMcpServerFile], cwd: fastMcpFixtureDir });
});

after(async () => {
  await connection?.close();
});

describe('the FastMCP (Python) server', () => {
  test('customer-analysis.workflow.json runs end to end with the runner, carrying C-1001 into the parallel steps', async () => {
    const loaded = loadWorkflowText(workflowFile, readFileSync(workflowFile, 'utf8'));
    assert.ok(loaded.workflow, loaded.diagnostics.map((d) => d.message).join('; '));
    const runner = createRunner({ workflow: loaded.workflow, connection, inputs: { limit: 1 } });
    const started: { stepId: string; parent?: string; arguments?: unknown }[] = [];
    runner.on((e) => {
      if (e.type === 'step-started') started.push(e);
    });
    const summary = await runner.run();
    assert.equal(summary.ok, true, summary.message);
    const gather = started.filter((e) => e.parent === 'gather');
    assert.deepEqual(gather.map((e) => e.stepId).sort(), ['engagement', 'orders', 'tickets']);
    for (const e of gather) assert.deepEqual(e.arguments, { customer_id: 'C-1001' });
    assert.equal((summary.steps['orders']?.result as { order_count: number }).order_count, 5);
    const report = summary.steps['report']?.result as { customer: { name: string }; support: { health: string } };
    assert.equal(report.customer.name, 'Acme Corp');
    assert.equal(report.support.health, 'Poor');
  });

  test('an unknown customer_id is a tool error whose text starts with NOT_FOUND:', async () => {
    const result = await connection.callTool('order_history', { customer_id: 'C-0000' });
    assert.equal(result.isError, true);
    const text = (result.content as { type: string; text?: string }[]).find((c) => c.type === 'text')?.text ?? '';
    assert.match(text, /^NOT_FOUND:/);
  });

  test('the CLI runs the workflow against it from an mcp.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwk-python-'));
    const config = join(dir, 'mcp.json');
    writeFileSync(config, JSON.stringify({ servers: { 'python-fastmcp': { type: 'stdio', command: venvPython(), args: [fastMcpServerFile] } } }));
    const r = spawnSync(process.execPath, [join(root, 'bin', 'mcp-workflow.js'), 'run', workflowFile, '--server', 'python-fastmcp', '--config', config, '--yes', '--json', '--audit', join(dir, 'run.audit.jsonl')], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const summary = JSON.parse(r.stdout) as { ok: boolean; steps: Record<string, { result?: { customer?: { customer_id: string } } }> };
    assert.equal(summary.ok, true);
    assert.equal(summary.steps['report']?.result?.customer?.customer_id, 'C-1001');
  });

  test('what the extractor reads from the source is what FastMCP serves', async () => {
    const model = await extractFile(fastMcpServerFile, readFileSync(fastMcpServerFile, 'utf8'));
    const served = await connection.listTools();
    const read = model.tools.map((t) => ({ name: t.name, description: t.description?.value, inputSchema: t.inputSchema?.value, outputSchema: t.outputSchema?.value }));
    const live = served.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema }));
    assert.deepEqual(read, live);
    const prompts = await connection.listPrompts();
    assert.deepEqual(model.prompts.map((p) => ({ name: p.name, description: p.description?.value, arguments: p.arguments.map((a) => ({ name: a.name, required: a.required })) })),
      prompts.map((p) => ({ name: p.name, description: p.description, arguments: (p.arguments ?? []).map((a) => ({ name: a.name, required: a.required ?? false })) })));
  });
});
