// Scripted clients, each behaving like an AI client following (or not) the customer-analysis workflow, talk to the
// real example server through the real proxy; `mcp-workflow verify` reads each trace and reports exactly the
// departures, each at the trace line of the call at fault, with the value an ID should have had.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConformanceFinding } from '../../src/core/proxy/conformance';
import { runCli } from '../cli/run-cli';
import { readTrace } from './helpers';
import { call, conforming, gather, guided, inventsId, oneByOne, outOfOrder, skipsTickets, traced, workflow } from './scripts';

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

describe('verify: a trace against the customer-analysis workflow', () => {
  it('a client that follows the workflow verifies clean (exit 0, no findings)', async () => {
    const { trace, stderr } = await traced(conforming);
    assert.deepEqual(verify(trace), { status: 0, findings: [] });
    // The three gathering requests reached the proxy before any of their answers: the calls overlapped.
    const lines = readTrace(trace).filter((l) => gather.includes(l.tool as (typeof gather)[number]));
    assert.deepEqual(lines.map((l) => l.kind), ['request', 'request', 'request', 'response', 'response', 'response']);
    assert.match(stderr, /0 problems \(0 errors, 0 warnings, 0 hints\)/);
  });

  it('a gathering call before the top customer is known: trace-order at that call', async () => {
    const { trace, stderr } = await traced(outOfOrder);
    const { status, findings } = verify(trace);
    assert.equal(status, 1);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-order', line: requestLine(trace, 'order_history') }]);
    assert.match(findings[0]!.message, /step "orders" \(order_history\) started at line \d+ before step "top" \(sales_top_customers\), whose result its arguments take, had finished/);
    // The proxy given --workflow says the same on stderr when the session ends.
    assert.match(stderr, /1 problems \(1 errors, 0 warnings, 0 hints\)/);
    assert.match(stderr, /trace-order/);
  });

  it('the support-ticket step skipped: trace-missing-step where the run went on without it', async () => {
    const { trace } = await traced(skipsTickets);
    const { status, findings } = verify(trace);
    assert.equal(status, 1);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-missing-step', line: requestLine(trace, 'engagement_metrics') }]);
    assert.match(findings[0]!.message, /step "tickets" \(support_tickets\) was never run/);
  });

  it('an invented customer_id: trace-unproduced-id with the value it should have been', async () => {
    const { trace } = await traced(inventsId);
    const { status, findings } = verify(trace);
    assert.equal(status, 1);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-unproduced-id', line: requestLine(trace, 'order_history'), expected: 'C-1001' }]);
    assert.match(findings[0]!.message, /argument "customer_id" of step "orders" \(order_history\) at line \d+ is "C-9999", which no earlier result produced.*it should be "C-1001" from \$\{steps\.top\.result\.customers\[0\]\.customer_id\}/);
  });

  it('the three gathering calls one after another: a hint only (exit 0)', async () => {
    const { trace } = await traced(oneByOne);
    const { status, findings } = verify(trace);
    assert.equal(status, 0);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-sequential-parallel', line: requestLine(trace, 'support_tickets') }]);
    assert.equal(findings[0]!.severity, 'hint');
  });
});

describe('verify with no workflow file: the steps the customer-analysis prompt names', () => {
  const noWorkflow: string[] = [];

  it('a client that follows the prompt verifies clean', async () => {
    const { trace } = await traced(guided(conforming), false);
    assert.deepEqual(verify(trace, noWorkflow), { status: 0, findings: [] });
  });

  it('out of order, a skipped step, an invented ID, one by one: the same findings at the same calls', async () => {
    const order = (await traced(guided(outOfOrder), false)).trace;
    const found = verify(order, noWorkflow);
    assert.deepEqual(brief(found.findings), [{ ruleId: 'trace-order', line: requestLine(order, 'order_history') }]);
    assert.match(found.findings[0]!.message, /step "order_history" \(order_history\) started at line \d+ before step "sales_top_customers" \(sales_top_customers\), whose result its arguments take, had finished/);
    const skipped = (await traced(guided(skipsTickets), false)).trace;
    const missing = verify(skipped, noWorkflow);
    assert.deepEqual(brief(missing.findings), [{ ruleId: 'trace-missing-step', line: requestLine(skipped, 'engagement_metrics') }]);
    assert.match(missing.findings[0]!.message, /step "support_tickets" \(support_tickets\) was never run.*the prompt "customer-analysis" requires it/);
    const invented = (await traced(guided(inventsId), false)).trace;
    const wrong = verify(invented, noWorkflow);
    assert.deepEqual(brief(wrong.findings), [{ ruleId: 'trace-unproduced-id', line: requestLine(invented, 'order_history'), expected: 'C-1001' }]);
    assert.match(wrong.findings[0]!.message, /is "C-9999", which no earlier result produced \(an invented or mistyped ID\), and its description says it comes from sales_top_customers's output; it should be "C-1001" from sales_top_customers's result \(line \d+, \/customers\/0\/customer_id\)/);
    const serial = (await traced(guided(oneByOne), false)).trace;
    assert.deepEqual(brief(verify(serial, noWorkflow).findings), [{ ruleId: 'trace-sequential-parallel', line: requestLine(serial, 'support_tickets') }]);
  });

  it('without the prompt, the "ID from X output" descriptions still catch a gathering call made before its ID existed', async () => {
    const { trace } = await traced(outOfOrder, false);
    const { findings } = verify(trace, noWorkflow);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-order', line: requestLine(trace, 'order_history') }]);
    assert.match(findings[0]!.message, /its description says it comes from sales_top_customers's output, but sales_top_customers ran only later/);
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
      // The ID comes from customer_list's output, as customer_delete's description asks.
      const list = await client.callTool({ name: 'customer_list', arguments: {} });
      const id = (list.structuredContent as { customers: { customer_id: string }[] }).customers.at(-1)!.customer_id;
      await call(client, 'customer_delete', { customer_id: id, confirm: true });
    }, false);
    const { status, findings } = verify(trace, []);
    assert.equal(status, 0, 'a warning alone does not fail verify (as check: --max-warnings 0 makes it)');
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-unconfirmed-destructive', line: requestLine(trace, 'customer_delete') }]);
    assert.match(findings[0]!.message, /customer_delete is marked destructive/);
    assert.equal(runCli(['verify', trace, '--max-warnings', '0']).status, 1);
  });
});
