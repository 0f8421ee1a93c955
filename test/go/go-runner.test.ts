// The Go fixtures as real stdio servers: examples/customer-analysis.workflow.json runs green against the go-sdk
// customer-analysis server with the core runner and with the CLI, and what the static extractor reads from each
// server's source equals what the server sends (names, descriptions, input and output schemas, annotations,
// prompt arguments), for the go-sdk server and the mcp-go one.
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
import { goFixtureDir, goSdkServer, mcpGoServer } from './go-server';

const root = join(__dirname, '..', '..');
const workflowFile = join(root, 'examples', 'customer-analysis.workflow.json');
let sdk: McpConnection;
let mcpgo: McpConnection;

before(async () => {
  sdk = await connectServer('go-sdk', { type: 'stdio', command: goSdkServer(), args: [], cwd: root });
  mcpgo = await connectServer('mcp-go', { type: 'stdio', command: mcpGoServer(), args: [], cwd: root });
});

after(async () => {
  await sdk?.close();
  await mcpgo?.close();
});

/** What a server sends for its tools and prompts, and what the extractor reads from its source, side by side. */
async function servedAndRead(connection: McpConnection, source: string) {
  const model = await extractFile(source, readFileSync(source, 'utf8'));
  const read = model.tools.map((t) => ({ name: t.name, description: t.description?.value, inputSchema: t.inputSchema?.value, outputSchema: t.outputSchema?.value, annotations: t.annotations?.value }));
  const live = (await connection.listTools()).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema, annotations: t.annotations }));
  const readPrompts = model.prompts.map((p) => ({ name: p.name, description: p.description?.value, arguments: p.arguments.map((a) => ({ name: a.name, description: a.description?.value, required: a.required })) }));
  const livePrompts = (await connection.listPrompts()).map((p) => ({ name: p.name, description: p.description, arguments: (p.arguments ?? []).map((a) => ({ name: a.name, description: a.description, required: a.required ?? false })) }));
  // mcp-go lists by name; the go-sdk as registered: both are compared by name.
  const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
  return { read: byName(read), live: byName(live), readPrompts: byName(readPrompts), livePrompts: byName(livePrompts) };
}

describe('the go-sdk (Go) customer-analysis server', () => {
  test('customer-analysis.workflow.json runs end to end with the runner, carrying C-1001 into the parallel steps', async () => {
    const loaded = loadWorkflowText(workflowFile, readFileSync(workflowFile, 'utf8'));
    assert.ok(loaded.workflow, loaded.diagnostics.map((d) => d.message).join('; '));
    const runner = createRunner({ workflow: loaded.workflow, connection: sdk, inputs: { limit: 1 } });
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
    const result = await sdk.callTool('order_history', { customer_id: 'C-0000' });
    assert.equal(result.isError, true);
    const text = (result.content as { type: string; text?: string }[]).find((c) => c.type === 'text')?.text ?? '';
    assert.match(text, /^NOT_FOUND:/);
  });

  test('the CLI runs the workflow against it from an mcp.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwk-go-'));
    const config = join(dir, 'mcp.json');
    writeFileSync(config, JSON.stringify({ servers: { 'go-sdk': { type: 'stdio', command: goSdkServer(), args: [], env: { MCPWK_DATASET: join(root, 'examples', 'data', 'dataset.json') } } } }));
    const r = spawnSync(process.execPath, [join(root, 'bin', 'mcp-workflow.js'), 'run', workflowFile, '--server', 'go-sdk', '--config', config, '--yes', '--json', '--audit', join(dir, 'run.audit.jsonl')], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const summary = JSON.parse(r.stdout) as { ok: boolean; steps: Record<string, { result?: { customer?: { customer_id: string } } }> };
    assert.equal(summary.ok, true);
    assert.equal(summary.steps['report']?.result?.customer?.customer_id, 'C-1001');
  });

  test('what the extractor reads from the source is what the go-sdk sends', async () => {
    const { read, live, readPrompts, livePrompts } = await servedAndRead(sdk, join(goFixtureDir, 'gosdk', 'main.go'));
    assert.deepEqual(read, live);
    assert.deepEqual(readPrompts, livePrompts);
  });
});

describe('the mcp-go (Go) notes server', () => {
  test('what the extractor reads from the source is what mcp-go sends', async () => {
    const { read, live, readPrompts, livePrompts } = await servedAndRead(mcpgo, join(goFixtureDir, 'mcpgo', 'main.go'));
    assert.deepEqual(read, live);
    assert.deepEqual(readPrompts, livePrompts);
  });

  test('the review prompt reads its arguments into the text the server sends', async () => {
    const result = await mcpgo.getPrompt('review-notes', { topic: 'budget', days: '7' });
    const first = result.messages[0]?.content as { type: string; text: string };
    assert.match(first.text, /query "budget" for the last 7 days/);
  });
});
