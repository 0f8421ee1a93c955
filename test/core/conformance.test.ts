// The conformance checker on hand-written traces: each finding at its exact line, the value an ID should have had,
// times read from the lines (a retry after retry_after_seconds is fine, one before it is not), unreadable lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { verifyTraceText, type ConformanceFinding } from '../../src/core/proxy/conformance';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import type { Workflow } from '../../src/core/workflow/types';

const file = join(__dirname, '..', '..', 'examples', 'customer-analysis.workflow.json');
const workflow = loadWorkflowText(file, readFileSync(file, 'utf8')).workflow as Workflow;

/** Builds a trace line by line; `at` is milliseconds after the start. */
class TraceText {
  private readonly lines: string[] = [JSON.stringify({ time: time(0), kind: 'session', server: 'example-stdio' })];
  private next = 1;

  tools(list: { name: string; annotations?: Record<string, unknown> }[]): this {
    return this.push({ kind: 'response', direction: 'server-to-client', id: 'list', method: 'tools/list', tools: list }, 0);
  }

  /** A call answered at once; returns the request's line number through `lines`. */
  call(tool: string, args: Record<string, unknown>, at: number, result: { value?: unknown; errorCode?: string; retryAfterSeconds?: number } = {}, took = 5): number {
    const id = this.next++;
    this.push({ kind: 'request', direction: 'client-to-server', id, method: 'tools/call', tool, arguments: args }, at);
    const line = this.lines.length;
    const isError = result.errorCode !== undefined;
    this.push({ kind: 'response', direction: 'server-to-client', id, method: 'tools/call', tool, result: { isError, ...result } }, at + took);
    return line;
  }

  /** Calls made together: every request, then every answer (as a trace of overlapping calls reads); their request lines. */
  together(calls: [string, Record<string, unknown>][], at: number, took = 10): number[] {
    const ids = calls.map(([tool, args]) => {
      const id = this.next++;
      this.push({ kind: 'request', direction: 'client-to-server', id, method: 'tools/call', tool, arguments: args }, at);
      return { id, tool, line: this.lines.length };
    });
    for (const { id, tool } of ids) this.push({ kind: 'response', direction: 'server-to-client', id, method: 'tools/call', tool, result: { isError: false } }, at + took);
    return ids.map((c) => c.line);
  }

  raw(text: string): number {
    this.lines.push(text);
    return this.lines.length;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }

  private push(line: Record<string, unknown>, at: number): this {
    this.lines.push(JSON.stringify({ time: time(at), ...line }));
    return this;
  }
}

function time(ms: number): string {
  return new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
}

function brief(findings: ConformanceFinding[]): unknown[] {
  return findings.map((f) => ({ ruleId: f.ruleId, line: f.line, ...(f.expected !== undefined ? { expected: f.expected } : {}) }));
}

/** The workflow's three gathering calls for one customer. */
function gather(id: string): [string, Record<string, unknown>][] {
  return ['order_history', 'support_tickets', 'engagement_metrics'].map((tool) => [tool, { customer_id: id }]);
}

const top = { customers: [{ customer_id: 'C-1', name: 'A' }, { customer_id: 'C-2', name: 'B' }] };

describe('conformance of a trace to a workflow', () => {
  it('an ID taken from the wrong row of an earlier result: trace-wrong-id, naming where it came from', () => {
    const t = new TraceText();
    t.call('sales_top_customers', { limit: 2 }, 0, { value: top });
    const [orders] = t.together([['order_history', { customer_id: 'C-2' }], ...gather('C-1').slice(1)], 10);
    t.call('customer_analysis', { customer_id: 'C-1', include_recommendations: true }, 30);
    const findings = verifyTraceText(t.text(), workflow);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-wrong-id', line: orders, expected: 'C-1' }]);
    assert.match(findings[0]!.message, /is "C-2", taken from sales_top_customers's result \(line 3\); it should be "C-1"/);
  });

  it('a trace that ends before the last step: trace-missing-step at the last line', () => {
    const t = new TraceText();
    t.call('sales_top_customers', { limit: 1 }, 0, { value: top });
    t.together(gather('C-1'), 10);
    const last = t.raw(JSON.stringify({ time: time(99), kind: 'notification', direction: 'client-to-server', method: 'notifications/cancelled', params: { requestId: 9 } }));
    assert.deepEqual(brief(verifyTraceText(t.text(), workflow)), [{ ruleId: 'trace-missing-step', line: last }]);
  });

  it('the report before one gathering step finished: trace-order (the file runs the group first)', () => {
    const t = new TraceText();
    t.call('sales_top_customers', { limit: 1 }, 0, { value: top });
    t.together(gather('C-1').slice(0, 2), 10);
    const report = t.call('customer_analysis', { customer_id: 'C-1', include_recommendations: true }, 30);
    t.call('engagement_metrics', { customer_id: 'C-1' }, 40);
    const findings = verifyTraceText(t.text(), workflow);
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-order', line: report }]);
    assert.match(findings[0]!.message, /which the workflow puts before it/);
  });

  it('a retried step (TIMEOUT, then success) is one step: its last attempt is the result later steps use', () => {
    const t = new TraceText();
    t.call('sales_top_customers', { limit: 1 }, 0, { errorCode: 'TIMEOUT' });
    t.call('sales_top_customers', { limit: 1 }, 600, { value: top });
    t.together(gather('C-1'), 700);
    t.call('customer_analysis', { customer_id: 'C-1', include_recommendations: true }, 800);
    assert.deepEqual(verifyTraceText(t.text(), workflow), []);
  });
});

describe("conformance to the tools' guidance", () => {
  it('RATE_LIMITED: a retry after retry_after_seconds is fine, one before it is not', () => {
    const t = new TraceText().tools([{ name: 'api', annotations: { readOnlyHint: true } }]);
    t.call('api', { q: 1 }, 0, { errorCode: 'RATE_LIMITED', retryAfterSeconds: 2 });
    t.call('api', { q: 1 }, 2005, { errorCode: 'RATE_LIMITED', retryAfterSeconds: 2 });
    const soon = t.call('api', { q: 1 }, 3000);
    const findings = verifyTraceText(t.text());
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-retry-too-soon', line: soon }]);
    assert.match(findings[0]!.message, /retried at line \d+ 990 ms after RATE_LIMITED \(line 6\), which said to wait 2 s/);
  });

  it('PERMISSION_DENIED retried with other arguments is a new call, not a retry', () => {
    const t = new TraceText().tools([{ name: 'api', annotations: { readOnlyHint: true } }]);
    t.call('api', { q: 1 }, 0, { errorCode: 'PERMISSION_DENIED' });
    t.call('api', { q: 2 }, 10);
    const again = t.call('api', { q: 1 }, 20);
    assert.deepEqual(brief(verifyTraceText(t.text())), [{ ruleId: 'trace-retry-permission-denied', line: again }]);
  });

  it('a tool listed without annotations counts as destructive; a confirm tool called before it is a confirmation', () => {
    const t = new TraceText().tools([{ name: 'wipe' }, { name: 'confirm_action', annotations: { readOnlyHint: true } }]);
    const first = t.call('wipe', {}, 0);
    t.call('confirm_action', {}, 10);
    t.call('wipe', {}, 20);
    const findings = verifyTraceText(t.text());
    assert.deepEqual(brief(findings), [{ ruleId: 'trace-unconfirmed-destructive', line: first }]);
    assert.match(findings[0]!.message, /wipe has no annotations, so it counts as destructive/);
  });

  it('an accepted elicitation confirms the destructive call it came with, not the next one', () => {
    const t = new TraceText().tools([{ name: 'customer_delete', annotations: { destructiveHint: true } }]);
    t.raw(JSON.stringify({ time: time(0), kind: 'request', direction: 'client-to-server', id: 1, method: 'tools/call', tool: 'customer_delete', arguments: { customer_id: 'C-1' } }));
    t.raw(JSON.stringify({ time: time(1), kind: 'request', direction: 'server-to-client', id: 0, method: 'elicitation/create', params: { message: 'Delete C-1?' } }));
    t.raw(JSON.stringify({ time: time(2), kind: 'response', direction: 'client-to-server', id: 0, method: 'elicitation/create', action: 'accept' }));
    t.raw(JSON.stringify({ time: time(3), kind: 'response', direction: 'server-to-client', id: 1, method: 'tools/call', tool: 'customer_delete', result: { isError: false } }));
    const second = t.call('customer_delete', { customer_id: 'C-2' }, 10);
    assert.deepEqual(brief(verifyTraceText(t.text())), [{ ruleId: 'trace-unconfirmed-destructive', line: second }]);
  });

  it('with no tools/list in the trace, annotations are unknown and nothing is called destructive', () => {
    const t = new TraceText();
    t.call('wipe', {}, 0);
    assert.deepEqual(verifyTraceText(t.text()), []);
  });

  it('a line that is not a trace line is a finding at its line, and the rest is still read', () => {
    const t = new TraceText().tools([{ name: 'api', annotations: { readOnlyHint: true } }]);
    const bad = t.raw('{ not json');
    const odd = t.raw('{"kind":"request"}');
    t.call('api', { q: 1 }, 0, { errorCode: 'PERMISSION_DENIED' });
    const again = t.call('api', { q: 1 }, 20);
    assert.deepEqual(brief(verifyTraceText(t.text())), [
      { ruleId: 'trace-syntax', line: bad },
      { ruleId: 'trace-syntax', line: odd },
      { ruleId: 'trace-retry-permission-denied', line: again },
    ]);
  });
});
