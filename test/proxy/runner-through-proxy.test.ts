// The workflow runner is a real MCP client too: `mcp-workflow run` against a proxied entry of mcp.json runs the
// customer-analysis workflow green, and the trace the proxy wrote verifies clean against the same workflow file.
// And the trace never holds a password input of mcp.json, while the messages themselves pass unchanged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { serverBundle } from '../examples/start-server';
import { repoRoot, runCli } from '../cli/run-cli';
import { cliPath, exampleConfig, proxyOverStdio, readTrace, tempDir, writeConfig } from './helpers';

const workflow = join(repoRoot, 'examples', 'customer-analysis.workflow.json');

describe('the runner through the proxy', () => {
  it('runs the customer-analysis workflow green, and its trace verifies clean', () => {
    const trace = join(tempDir(), 'runner.trace.jsonl');
    const config = writeConfig({
      watched: { type: 'stdio', command: process.execPath, args: [cliPath, 'proxy', '--server', 'example-stdio', '--config', exampleConfig, '--trace', trace] },
    });
    const run = runCli(['run', workflow, '--server', 'watched', '--config', config, '--yes', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const calls = readTrace(trace).filter((l) => l.kind === 'request' && l.method === 'tools/call').map((l) => l.tool);
    assert.deepEqual(calls.slice(0, 1), ['sales_top_customers']);
    assert.deepEqual([...calls.slice(1, 4)].sort(), ['engagement_metrics', 'order_history', 'support_tickets']);
    assert.deepEqual(calls.slice(4), ['customer_analysis']);
    const verified = runCli(['verify', trace, '--workflow', workflow, '--format', 'json']);
    assert.equal(verified.status, 0);
    // Parallel calls are judged by the order they reach the proxy, and the example server can answer the runner's
    // first gathering call before its second arrives (two shared cores); so the one hint may appear, nothing else.
    const findings = JSON.parse(verified.stdout).findings as { ruleId: string }[];
    assert.deepEqual(findings.filter((f) => f.ruleId !== 'trace-sequential-parallel'), []);
  });
});

describe('secrets in the trace', () => {
  it('a password input of mcp.json is redacted in the trace, in arguments and results, and reaches the server as given', async () => {
    const secret = 'hunter2-very-secret';
    const config = writeConfig(
      { guarded: { type: 'stdio', command: process.execPath, args: [serverBundle, '--stdio'], env: { API_KEY: '${input:api-key}' } } },
      [{ type: 'promptString', id: 'api-key', password: true, description: 'API key' }],
    );
    const trace = join(tempDir(), 'secret.trace.jsonl');
    const proxied = await proxyOverStdio(['--server', 'guarded', '--config', config, '--trace', trace, '--input', `api-key=${secret}`]);
    const result = await proxied.client.callTool({ name: 'order_history', arguments: { customer_id: secret } });
    await proxied.close();
    // The client got the server's answer as it was, the secret in it (it sent it).
    assert.match(JSON.stringify(result.content), new RegExp(secret));
    const text = readFileSync(trace, 'utf8');
    assert.doesNotMatch(text, /hunter2/);
    const call = readTrace(trace).find((l) => l.kind === 'request' && l.tool === 'order_history');
    assert.deepEqual(call?.arguments, { customer_id: '[REDACTED]' });
    assert.doesNotMatch(proxied.stderr(), /hunter2/);
  });
});
