// The trace stores each answer once: a response line keeps the whole answer (`reply`) and its identifiers, and what
// the checker reads of it (a tool result's summary and value, the tools listed, a prompt's text) is derived again
// when the trace is read. Traces written before, with those fields beside the answer (or with no answer at all),
// read as they did.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { verifyTraceText } from '../../src/core/proxy/conformance';
import { recordedAnswers } from '../../src/core/proxy/replay';
import { parseTrace } from '../../src/core/proxy/trace';
import { traceFacts } from '../../src/core/proxy/trace-facts';
import { gather, guided, inventsId, traced } from './scripts';

/** The same trace as the writer before this change wrote it: each response line also holding what is read of its answer. */
function asOldFormat(text: string): string {
  const { lines } = parseTrace(text);
  return lines.map(({ line: _line, ...l }) => JSON.stringify(l)).join('\n') + '\n';
}

describe('trace format: each answer once', () => {
  it('a response line keeps the answer whole and nothing read from it beside it; reading derives the rest', async () => {
    const { trace } = await traced(guided(inventsId), false);
    const raw = readFileSync(trace, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l) as Record<string, unknown>);
    const answers = raw.filter((l) => l['kind'] === 'response' && 'reply' in l);
    assert.deepEqual([...new Set(answers.map((l) => l['method']))].sort(), ['initialize', 'prompts/get', 'tools/call', 'tools/list']);
    for (const l of answers) assert.deepEqual(['result', 'tools', 'prompt'].filter((k) => k in l), [], `line of ${String(l['method'])} holds its answer twice`);
    const { lines } = parseTrace(readFileSync(trace, 'utf8'));
    const calls = lines.filter((l) => l.kind === 'response' && l.method === 'tools/call');
    assert.equal(calls.length, 5);
    for (const l of calls) assert.deepEqual(l.result?.value, (l.reply as { structuredContent?: unknown }).structuredContent ?? l.result?.value);
    assert.ok(lines.find((l) => l.method === 'tools/list' && l.kind === 'response')?.tools?.some((t) => t.name === 'order_history' && t.annotations));
    assert.match(lines.find((l) => l.kind === 'response' && l.method === 'prompts/get')?.prompt?.text ?? '', /order_history/);
    assert.equal(lines.find((l) => l.kind === 'response' && l.method === 'prompts/get')?.prompt?.name, 'customer-analysis');
    // The error result of the invented ID is read as one, with its code.
    assert.ok(calls.some((l) => l.result?.isError === true && l.result.errorCode === 'NOT_FOUND'));
  });

  it('the old format (the read fields written beside the answer) reads to the same facts, answers and findings', async () => {
    const { trace } = await traced(guided(inventsId), false);
    const text = readFileSync(trace, 'utf8');
    const old = asOldFormat(text);
    assert.ok(old.length > text.length, 'the old format is the larger');
    const facts = (t: string) => traceFacts(parseTrace(t).lines);
    assert.deepEqual(facts(old), facts(text));
    assert.deepEqual(recordedAnswers(parseTrace(old).lines), recordedAnswers(parseTrace(text).lines));
    const findings = verifyTraceText(text);
    assert.ok(findings.some((f) => f.ruleId === 'trace-unproduced-id'));
    assert.deepEqual(verifyTraceText(old), findings);
  });

  it('an old-format line, and one from before answers were kept whole, are read as written', () => {
    const t = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    const text = [
      { time: t(0), kind: 'session', server: 'example-stdio' },
      { time: t(1), kind: 'request', direction: 'client-to-server', id: 1, method: 'tools/call', tool: 'sales_top_customers', arguments: { limit: 1 } },
      // Written before: result (with its value) and reply side by side.
      { time: t(2), kind: 'response', direction: 'server-to-client', id: 1, method: 'tools/call', tool: 'sales_top_customers', result: { isError: false, value: { customers: [{ customer_id: 'C-1001' }] } }, identifiers: [{ pointer: '/customers/0/customer_id', value: 'C-1001' }], reply: { content: [{ type: 'text', text: '{"customers":[{"customer_id":"C-1001"}]}' }], structuredContent: { customers: [{ customer_id: 'C-1001' }] } } },
      { time: t(3), kind: 'request', direction: 'client-to-server', id: 2, method: 'tools/call', tool: gather[0], arguments: { customer_id: 'C-1001' } },
      // Written before answers were kept: a summary only.
      { time: t(4), kind: 'response', direction: 'server-to-client', id: 2, method: 'tools/call', tool: gather[0], result: { isError: true, errorCode: 'RATE_LIMITED', retryAfterSeconds: 2, value: { text: 'RATE_LIMITED: slow down' } } },
    ].map((l) => JSON.stringify(l)).join('\n');
    const { lines, problems } = parseTrace(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(lines[2]?.result, { isError: false, value: { customers: [{ customer_id: 'C-1001' }] } });
    assert.deepEqual(lines[4]?.result, { isError: true, errorCode: 'RATE_LIMITED', retryAfterSeconds: 2, value: { text: 'RATE_LIMITED: slow down' } });
    const calls = traceFacts(lines).calls;
    assert.deepEqual(calls.map((c) => [c.tool, c.isError, c.errorCode, c.identifiers.length]), [['sales_top_customers', false, undefined, 1], [gather[0], true, 'RATE_LIMITED', 0]]);
  });
});
