// `mcp-workflow run|tools|call` as a user runs them: the built CLI (bin/mcp-workflow.js) in its own
// process against the real example server, over stdio and Streamable HTTP, with its exit codes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import type { AuditEntry } from '../../src/core/workflow/audit';
import { exampleConfig, root, runCli, startHttpServer, tempDir } from './helpers';

const config = exampleConfig();
const customerAnalysis = join(root, 'examples', 'customer-analysis.workflow.json');


describe('mcp-workflow CLI', () => {
  test('run: the customer analysis over stdio shows the steps, the IDs carried, the parallel group and the report', async () => {
    const r = await runCli(['run', customerAnalysis, '--config', config, '--yes'], tempDir());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /┌ gather — running in parallel/);
    assert.match(r.stdout, /│ ✓ orders order_history\(customer_id="C-1001"\)/);
    assert.match(r.stdout, /steps\.top\.result\.customers\[0\]\.customer_id = "C-1001" → orders, tickets, engagement, report/);
    assert.match(r.stdout, /Result of report \(customer_analysis\)/);
    assert.match(r.stdout, /✓ customer-analysis passed/);
  });

  test('run: the same workflow over Streamable HTTP', async () => {
    const http = await startHttpServer();
    try {
      const port = new URL(http.url).port;
      const r = await runCli(['run', customerAnalysis, '--config', config, '--server', 'example-http', '--input', `example-port=${port}`, '--json'], tempDir());
      assert.equal(r.code, 0, r.stderr);
      const summary = JSON.parse(r.stdout) as { ok: boolean; steps: Record<string, { ok: boolean }> };
      assert.equal(summary.ok, true);
      assert.deepEqual(['top', 'orders', 'tickets', 'engagement', 'report'].map((id) => summary.steps[id]?.ok), [true, true, true, true, true]);
    } finally {
      await http.stop();
    }
  });

  test('run: a failure after a checkpoint is resumed with --resume, and the audit log covers both', async () => {
    const dir = tempDir();
    const file = join(dir, 'resumable.workflow.json');
    writeFileSync(file, JSON.stringify({
      id: 'resumable',
      server: 'example-stdio',
      inputs: { fail: { type: 'boolean', default: false } },
      steps: [
        { id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } },
        { id: 'saved', checkpoint: { name: 'after-top' } },
        { id: 'denied', when: '${inputs.fail}', tool: 'external_api_call', arguments: { endpoint: '/x', simulate: { error: 'PERMISSION_DENIED' } } },
        { id: 'orders', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].customer_id}' } },
      ],
    }));
    const first = await runCli(['run', file, '--config', config, '--input', 'fail=true'], dir);
    assert.equal(first.code, 1);
    assert.match(first.stdout, /✗ denied PERMISSION_DENIED: PERMISSION_DENIED: not allowed to call \/x/);
    const runId = /--resume (\S+)/.exec(first.stdout)?.[1];
    assert.ok(runId, first.stdout);
    const second = await runCli(['run', file, '--config', config, '--resume', runId, '--input', 'fail=false'], dir);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /↻ resumed from checkpoint "after-top"/);
    assert.doesNotMatch(second.stdout, /✓ top /, 'steps before the checkpoint are not run again');
    const audit = readFileSync(join(dirname(dirname(config)), '.mcp-workflow', 'runs', `${runId}.audit.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    assert.deepEqual(audit.filter((a) => a.action === 'run-done').map((a) => a.details['ok']), [false, true]);
    const third = await runCli(['run', file, '--config', config, '--resume', runId], dir);
    assert.equal(third.code, 2);
    assert.match(third.stderr, /already finished successfully/);
  });

  test('run: a malformed mcp.json is one clear line with its position, exit 2', async () => {
    const dir = tempDir();
    const bad = join(dir, 'mcp.json');
    writeFileSync(bad, '{\n  "servers": {\n    "example-stdio": { "type": "stdio" "command": "node" }\n  }\n}\n');
    const r = await runCli(['run', customerAnalysis, '--config', bad], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^mcp-workflow run: .*mcp\.json:3:\d+: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  test('run: a server that exits at start is one clear line, exit 2', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'mcp.json');
    writeFileSync(cfg, JSON.stringify({ servers: { 'example-stdio': { type: 'stdio', command: process.execPath, args: ['-e', "console.error('boom: no database'); process.exit(1)"] } } }));
    const r = await runCli(['run', customerAnalysis, '--config', cfg], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^mcp-workflow run: cannot start server "example-stdio": the server exited before it finished the MCP handshake \(its last words: "boom: no database"\)\n$/);
  });

  test('run: a workflow naming a tool the server lacks fails before anything runs', async () => {
    const dir = tempDir();
    const file = join(dir, 'typo.workflow.json');
    writeFileSync(file, JSON.stringify({ id: 'typo', server: 'example-stdio', steps: [{ id: 'top', tool: 'sales_top_customer' }] }, null, 2));
    const r = await runCli(['run', file, '--config', config], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /typo\.workflow\.json:7:\d+: the server has no tool "sales_top_customer"; did you mean "sales_top_customers"\?/);
  });

  test('tools and call: one-off use', async () => {
    const dir = tempDir();
    const tools = await runCli(['tools', '--server', 'example-stdio', '--config', config], dir);
    assert.equal(tools.code, 0, tools.stderr);
    assert.match(tools.stdout, /^sales_top_customers\(limit\?\) → \{customers\}$/m);
    const call = await runCli(['call', 'order_history', '--server', 'example-stdio', '--config', config, '--arg', 'customer_id=C-1002'], dir);
    assert.equal(call.code, 0, call.stderr);
    assert.equal((JSON.parse(call.stdout) as { customer_id: string }).customer_id, 'C-1002');
    const missing = await runCli(['call', 'order_history', '--server', 'example-stdio', '--config', config, '--arg', 'customer_id=C-9999'], dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /^NOT_FOUND:/);
  });
});
