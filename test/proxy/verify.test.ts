// Scripted clients, each behaving like an AI client following (or not) the customer-analysis workflow, talk to the
// real example server through the real proxy; `mcp-workflow verify` reads each trace and reports exactly the
// departures, each at the trace line of the call at fault, with the value an ID should have had.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ConformanceFinding } from '../../src/core/proxy/conformance';
import { runCli, repoRoot } from '../cli/run-cli';
import { exampleConfig, proxyOverStdio, readTrace, tempDir } from './helpers';

const workflow = join(repoRoot, 'examples', 'customer-analysis.workflow.json');
const gather = ['order_history', 'support_tickets', 'engagement_metrics'] as const;

type Script = (client: Client) => Promise<void>;

/** Runs `script` through the proxy and returns the trace file and what the proxy printed on stderr. */
async function traced(script: Script, withWorkflow = true): Promise<{ trace: string; stderr: string }> {
  const trace = join(tempDir(), 'run.trace.jsonl');
  const proxied = await proxyOverStdio(['--server', 'example-stdio', '--config', exampleConfig, '--trace', trace, ...(withWorkflow ? ['--workflow', workflow] : [])]);
  await proxied.client.listTools();
  await script(proxied.client);
  await proxied.close();
  return { trace, stderr: proxied.stderr() };
}

function call(client: Client, name: string, args: Record<string, unknown>): Promise<unknown> {
  return client.callTool({ name, arguments: args });
}

async function topCustomer(client: Client): Promise<string> {
  const result = await client.callTool({ name: 'sales_top_customers', arguments: { limit: 1 } });
  return (result.structuredContent as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
}

/** verify --format json on a trace: its exit code and findings. */
function verify(trace: string, args: string[] = ['--workflow', workflow]): { status: number | null; findings: ConformanceFinding[] } {
  const r = runCli(['verify', trace, ...args, '--format', 'json']);
  assert.equal(r.stderr, '');
  return { status: r.status, findings: (JSON.parse(r.stdout) as { findings: ConformanceFinding[] }).findings };
}

/** The trace line of the n-th (0-based) request that called `tool`. */
function requestLine(trace: string, tool: string, n = 0): number {
  const line = readTrace(trace).filter((l) => l.kind === 'request' && l.tool === tool)[n]?.line;
  assert.ok(line, `no call ${n} of ${tool} in the trace`);
  return line;
}

function brief(findings: ConformanceFinding[]): { ruleId: string; line: number; expected?: unknown }[] {
  return findings.map((f) => ({ ruleId: f.ruleId, line: f.line, ...(f.expected !== undefined ? { expected: f.expected } : {}) }));
}

const conforming: Script = async (client) => {
  const id = await topCustomer(client);
  await Promise.all(gather.map((tool) => call(client, tool, { customer_id: id })));
  await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
};

describe('verify: a trace against the customer-analysis workflow', () => {
  it('a client that follows the workflow verifies clean (exit 0, no findings)', async () => {
    const { trace, stderr } = await traced(conforming);
    assert.deepEqual(verify(trace), { status: 0, findings: [] });
    assert.match(stderr, /0 problems \(0 errors, 0 warnings, 0 hints\)/);
  });

  it('a gathering call before the top customer is known: trace-order at that call', async () => {
    const { trace, stderr } = await traced(async (client) => {
      await call(client, 'order_history', { customer_id: 'C-1001' });
      const id = await topCustomer(client);
      await Promise.all([call(client, 'support_tickets', { customer_id: id }), call(client, 'engagement_metrics', { customer_id: id })]);
      await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
    });
    const { status, findings } = verify(trace);
    assert.equal(status, 1);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-order', line: requestLine(trace, 'order_history') }]);
    assert.match(findings[0]!.message, /step "orders" \(order_history\) started at line \d+ before step "top" \(sales_top_customers\), whose result its arguments take, had finished/);
    // The proxy given --workflow says the same on stderr when the session ends.
    assert.match(stderr, /1 problems \(1 errors, 0 warnings, 0 hints\)/);
    assert.match(stderr, /trace-order/);
  });

  it('the support-ticket step skipped: trace-missing-step where the run went on without it', async () => {
    const { trace } = await traced(async (client) => {
      const id = await topCustomer(client);
      await Promise.all([call(client, 'order_history', { customer_id: id }), call(client, 'engagement_metrics', { customer_id: id })]);
      await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
    });
    const { status, findings } = verify(trace);
    assert.equal(status, 1);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-missing-step', line: requestLine(trace, 'engagement_metrics') }]);
    assert.match(findings[0]!.message, /step "tickets" \(support_tickets\) was never run/);
  });

  it('an invented customer_id: trace-unproduced-id with the value it should have been', async () => {
    const { trace } = await traced(async (client) => {
      const id = await topCustomer(client);
      await Promise.all([call(client, 'order_history', { customer_id: 'C-9999' }), call(client, 'support_tickets', { customer_id: id }), call(client, 'engagement_metrics', { customer_id: id })]);
      await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
    });
    const { status, findings } = verify(trace);
    assert.equal(status, 1);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-unproduced-id', line: requestLine(trace, 'order_history'), expected: 'C-1001' }]);
    assert.match(findings[0]!.message, /argument "customer_id" of step "orders" \(order_history\) at line \d+ is "C-9999", which no earlier result produced.*it should be "C-1001" from \$\{steps\.top\.result\.customers\[0\]\.customer_id\}/);
  });

  it('the three gathering calls one after another: a hint only (exit 0)', async () => {
    const { trace } = await traced(async (client) => {
      const id = await topCustomer(client);
      for (const tool of gather) await call(client, tool, { customer_id: id });
      await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
    });
    const { status, findings } = verify(trace);
    assert.equal(status, 0);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-sequential-parallel', line: requestLine(trace, 'support_tickets') }]);
    assert.equal(findings[0]!.severity, 'hint');
  });
});

describe("verify: the tools' own guidance, with no workflow file", () => {
  it('PERMISSION_DENIED retried: an error at the retry (external_api_call, unannotated as destructive, is flagged too)', async () => {
    const args = { endpoint: '/crm/accounts', simulate: { error: 'PERMISSION_DENIED', times: 2 } };
    const { trace } = await traced(async (client) => {
      await call(client, 'external_api_call', args);
      await call(client, 'external_api_call', args);
    }, false);
    const { status, findings } = verify(trace, []);
    assert.equal(status, 1);
    const first = requestLine(trace, 'external_api_call', 0);
    const second = requestLine(trace, 'external_api_call', 1);
    assert.deepEqual(brief(findings), [
      { ruleId: 'trace-unconfirmed-destructive', line: first },
      { ruleId: 'trace-retry-permission-denied', line: second },
      { ruleId: 'trace-unconfirmed-destructive', line: second },
    ]);
    assert.match(findings[0]!.message, /^external_api_call does not say destructiveHint: false \(nor readOnlyHint: true\), so it counts as destructive and was called at line \d+ with no confirmation before it/);
  });

  it('RATE_LIMITED retried at once although it said to wait 30 s: trace-retry-too-soon', async () => {
    const args = { endpoint: '/crm/accounts', request_key: 'rl', simulate: { error: 'RATE_LIMITED', retry_after_seconds: 30 } };
    const { trace } = await traced(async (client) => {
      await call(client, 'external_api_call', args);
      await call(client, 'external_api_call', args);
    }, false);
    const { findings } = verify(trace, []);
    const retry = findings.filter((f) => f.ruleId.startsWith('trace-retry'));
    assert.deepEqual(brief(retry), [{ ruleId: 'trace-retry-too-soon', line: requestLine(trace, 'external_api_call', 1) }]);
    assert.match(retry[0]!.message, /which said to wait 30 s/);
  });

  it('customer_delete with no confirmation step before it: trace-unconfirmed-destructive', async () => {
    const { trace } = await traced(async (client) => {
      await call(client, 'customer_delete', { customer_id: 'C-1003', confirm: true });
    }, false);
    const { status, findings } = verify(trace, []);
    assert.equal(status, 0, 'a warning alone does not fail verify (as check: --max-warnings 0 makes it)');
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-unconfirmed-destructive', line: requestLine(trace, 'customer_delete') }]);
    assert.match(findings[0]!.message, /customer_delete is marked destructive/);
    assert.equal(runCli(['verify', trace, '--max-warnings', '0']).status, 1);
  });
});
