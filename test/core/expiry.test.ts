// The expired-ID check on hand-written traces: the expiry fields it reads beside an identifier (relative ttl, Unix
// time), an answer saying "expired" in a success, an echoed value that is not a mint, and a refresh keeping the ID.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyTraceText } from '../../src/core/proxy/conformance';

const start = Date.UTC(2026, 0, 1);

/** A trace of calls, each answered 5 ms after it started; `at` is milliseconds after the start. */
function trace(calls: { tool: string; args: Record<string, unknown>; at: number; value: Record<string, unknown>; isError?: boolean; errorCode?: string; ids?: [string, string][] }[]): string {
  const lines = [{ time: new Date(start).toISOString(), kind: 'session', server: 's' }];
  calls.forEach((c, i) => {
    lines.push({ time: new Date(start + c.at).toISOString(), kind: 'request', direction: 'client-to-server', id: i, method: 'tools/call', tool: c.tool, arguments: c.args } as never);
    const identifiers = (c.ids ?? []).map(([pointer, value]) => ({ pointer, value }));
    const result = { isError: c.isError === true, value: c.value, ...(c.errorCode ? { errorCode: c.errorCode } : {}) };
    lines.push({ time: new Date(start + c.at + 5).toISOString(), kind: 'response', direction: 'server-to-client', id: i, method: 'tools/call', tool: c.tool, result, identifiers } as never);
  });
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

const expired = (text: string) => verifyTraceText(text).filter((f) => f.ruleId === 'trace-expired-id').map((f) => ({ line: f.line, value: f.value, renewWith: f.renewWith }));

describe('trace-expired-id on hand-written traces', () => {
  it('reads a nested ttl_seconds relative to the answer: a use before it is fine, one after is reported', () => {
    const mint = { tool: 'open_session', args: {}, at: 0, value: { session: { session_token: 'tok-1', ttl_seconds: 2 } }, ids: [['/session/session_token', 'tok-1']] as [string, string][] };
    const use = (at: number) => ({ tool: 'query', args: { token: 'tok-1' }, at, value: {} });
    assert.deepEqual(expired(trace([mint, use(1000), use(3000)])), [{ line: 6, value: 'tok-1', renewWith: 'open_session' }]);
  });

  it('reads a Unix time in seconds', () => {
    const exp = Math.floor((start + 60_000) / 1000);
    const mint = { tool: 'mint', args: {}, at: 0, value: { handle: 'h-9', expires: exp }, ids: [['/handle', 'h-9']] as [string, string][] };
    assert.deepEqual(expired(trace([mint, { tool: 'use', args: { handle: 'h-9' }, at: 59_000, value: {} }, { tool: 'use', args: { handle: 'h-9' }, at: 61_000, value: {} }])), [{ line: 6, value: 'h-9', renewWith: 'mint' }]);
  });

  it('a success answering status "expired" counts as saying so, and the renewing tool is the one its text names (a tool the trace knows)', () => {
    const mint = { tool: 'create_upload', args: {}, at: 0, value: { upload_id: 'up-1' }, ids: [['/upload_id', 'up-1']] as [string, string][] };
    const said = { tool: 'upload_part', args: { upload_id: 'up-1' }, at: 10, value: { status: 'expired', hint: 'start again with resume_upload' } };
    const again = { tool: 'upload_part', args: { upload_id: 'up-1' }, at: 20, value: {} };
    const resume = { tool: 'resume_upload', args: {}, at: 30, value: {} };
    assert.deepEqual(expired(trace([mint, said, again, resume])), [{ line: 6, value: 'up-1', renewWith: 'resume_upload' }]);
  });

  it('a value the minting call was given is an echo, not a mint: its expiry does not apply to it', () => {
    const mint = { tool: 'export', args: { customer_id: 'C-1' }, at: 0, value: { export_id: 'e-1', customer_id: 'C-1', ttl_seconds: 0 }, ids: [['/export_id', 'e-1'], ['/customer_id', 'C-1']] as [string, string][] };
    assert.deepEqual(expired(trace([mint, { tool: 'orders', args: { customer_id: 'C-1' }, at: 100, value: {} }])), []);
  });

  it('an ID minted again after the answer that said it expired (a refresh keeping it) is good again', () => {
    const mint = (at: number) => ({ tool: 'lease', args: {}, at, value: { lease_id: 'L-1' }, ids: [['/lease_id', 'L-1']] as [string, string][] });
    const err = { tool: 'work', args: { lease_id: 'L-1' }, at: 10, value: { text: 'NOT_FOUND: lease L-1 expired' }, isError: true, errorCode: 'NOT_FOUND' };
    const use = { tool: 'work', args: { lease_id: 'L-1' }, at: 30, value: {} };
    assert.deepEqual(expired(trace([mint(0), err, use])), [{ line: 6, value: 'L-1', renewWith: 'lease' }]);
    assert.deepEqual(expired(trace([mint(0), err, mint(20), use])), []);
  });
});
