// record-to-workflow's rules on small traces: a retried failure left out, an echoed ID not taken as produced, a
// literal `${` escaped, a non-overlapping pair kept in sequence, and a trace naming no server asks for one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workflowFromTrace } from '../../src/core/proxy/record-workflow';
import { parseTrace, type TraceLine } from '../../src/core/proxy/trace';

/** Trace lines for calls given as [tool, arguments, result value, isError?], each answered before the next starts. */
function traceOf(calls: [string, Record<string, unknown>, unknown, boolean?][], server: string | null = 's'): ReturnType<typeof parseTrace>['lines'] {
  const lines: TraceLine[] = [{ time: '2026-01-01T00:00:00.000Z', kind: 'session', ...(server ? { server } : {}) }];
  calls.forEach(([tool, args, value, isError], i) => {
    const time = `2026-01-01T00:00:0${i}.000Z`;
    lines.push({ time, kind: 'request', direction: 'client-to-server', id: i, method: 'tools/call', tool, arguments: args });
    const identifiers = isError ? [] : Object.entries((value ?? {}) as Record<string, unknown>).filter(([k]) => k.endsWith('_id')).map(([k, v]) => ({ pointer: `/${k}`, value: v as string }));
    lines.push({ time, kind: 'response', direction: 'server-to-client', id: i, method: 'tools/call', tool, result: { isError: isError === true, ...(isError ? { errorCode: 'TIMEOUT' } : {}), value }, identifiers });
  });
  return parseTrace(lines.map((l) => JSON.stringify(l)).join('\n')).lines;
}

describe('workflowFromTrace', () => {
  it('leaves out a failed attempt that was retried, binds the ID to the call that minted it, not one that echoed it', () => {
    const { workflow, warnings } = workflowFromTrace(traceOf([
      ['create_order', { sku: 'A' }, undefined, true],
      ['create_order', { sku: 'A' }, { order_id: 'O-1' }],
      ['get_order', { order_id: 'O-1' }, { order_id: 'O-1', note: 'literal ${x}' }],
      ['ship', { order_id: 'O-1', note: 'literal ${x}' }, { shipment_id: 'S-1' }],
    ]));
    assert.deepEqual(warnings, []);
    assert.equal(workflow.server, 's');
    assert.deepEqual(workflow.steps.map((s) => ('tool' in s ? [s.id, s.arguments] : s.id)), [
      ['create_order', { sku: 'A' }],
      ['get_order', { order_id: '${steps.create_order.result.order_id}' }],
      ['ship', { order_id: '${steps.create_order.result.order_id}', note: 'literal $${x}' }],
    ]);
    assert.deepEqual('tool' in workflow.steps[0]! ? workflow.steps[0].expect : undefined, [{ path: 'order_id', exists: true }]);
  });

  it('a failure not retried is kept with a warning; a trace without a server says to pass one', () => {
    const { workflow, warnings } = workflowFromTrace(traceOf([['flaky', {}, undefined, true]], null));
    assert.equal(workflow.steps.length, 1);
    assert.match(warnings.join('\n'), /the call of flaky at line 2 failed \(TIMEOUT\): kept/);
    assert.match(warnings.join('\n'), /names no server: pass --server/);
    assert.match(workflow.server, /^TODO:/);
    assert.equal(workflowFromTrace(traceOf([['flaky', {}, undefined, true]], null), { server: 'x' }).workflow.server, 'x');
  });
});
