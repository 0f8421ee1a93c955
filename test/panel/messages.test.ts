// The panel drops what the host should never send: every message goes through parseMessage(HostMessage) in
// `receive`, and an invalid one leaves the state exactly as it was (with the reason, which the app logs).
// Valid messages about another request (an old validation, someone else's call) change nothing either.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { initialState, receive, reduce, type State } from '../../src/panel/call/state';
import { find, initState, renderState, textOf } from './helpers';

const item = { kind: 'tool' as const, name: 'sales_top_customers', inputSchema: { type: 'object', properties: { limit: { type: 'integer', default: 10 } } } };

function hostile(): unknown[] {
  const deep: Record<string, unknown> = {};
  let at = deep;
  for (let i = 0; i < 40; i++) at = (at.x = {}) as Record<string, unknown>;
  const cyclic: Record<string, unknown> = { type: 'serverState' };
  cyclic.self = cyclic;
  return [
    undefined, null, 42, 'init', [], {}, { type: 'nope' }, { type: 'init' },
    { type: 'init', server: 'x', serverState: { state: 'running' } },
    { type: 'init', server: 'x', serverState: { state: 'exploded' }, item },
    { type: 'init', server: 1, serverState: { state: 'running' }, item },
    { type: 'init', server: 'x', serverState: { state: 'running' }, item: { ...item, kind: 'script' } },
    { type: 'init', server: 'x', serverState: { state: 'running' }, item: { ...item, inputSchema: deep } },
    { type: 'init', server: 'x', serverState: { state: 'running' }, item, initialArgs: JSON.parse('{"__proto__": {"polluted": true}}') },
    { type: 'init', server: 'x', serverState: { state: 'running' }, item, initialArgs: [1, 2] },
    { type: 'init', server: 'x'.repeat(300), serverState: { state: 'running' }, item },
    { type: 'serverState' }, cyclic,
    { type: 'validation', requestId: 'v1', problems: 'none' },
    { type: 'validation', requestId: '<script>', problems: [] },
    { type: 'progress', callId: 'c1', progress: '50%' },
    { type: 'callDone', callId: 'c1', durationMs: 1, outcome: { kind: 'tool', content: 'x' } },
    { type: 'callDone', callId: 'c1', durationMs: 1, outcome: { kind: 'failure', message: 'x'.repeat(2_000_000), code: 'BIG' } },
    { type: 'callStarted', callId: '' },
    { type: 'callStarted', callId: 'a'.repeat(65) },
    { type: 'machineSaved' },
    { type: 'machineSaved', requestId: 's1', outcome: 'overwritten' },
    { type: 'machineSaved', requestId: 's1', outcome: 'saved', file: 42 },
    { type: 'machineSaved', requestId: '<script>', outcome: 'saved' },
    { type: 'machineSaved', requestId: 's1', outcome: 'failed', message: 'x'.repeat(5000) },
    { type: 'machineSaved', requestId: 's1', outcome: 'saved', file: 'x'.repeat(5000) },
  ];
}

function label(raw: unknown): string {
  try {
    return String(JSON.stringify(raw) ?? raw).slice(0, 80);
  } catch {
    return 'a cyclic object';
  }
}

describe('the panel drops invalid host messages', () => {
  test('before init: nothing is acted on, every one is reported', () => {
    for (const raw of hostile()) {
      const r = receive(initialState, raw);
      assert.equal(r.state, initialState, `acted on ${label(raw)}`);
      assert.equal(typeof r.dropped, 'string');
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
  });

  test('after init and mid-call: the state stays as it was and the panel keeps working', () => {
    let state: State = reduce(initState(item), { type: 'callSent', callId: 'c1' });
    for (const raw of hostile()) {
      const r = receive(state, raw);
      assert.equal(r.state, state);
      assert.ok(r.dropped);
    }
    state = receive(state, { type: 'progress', callId: 'c1', progress: 1, total: 2 }).state;
    assert.deepEqual(state.call?.progress, { progress: 1, total: 2 });
    state = receive(state, { type: 'callDone', callId: 'c1', durationMs: 3, outcome: { kind: 'failure', message: 'gone', code: 'SERVER_EXITED' } }).state;
    assert.equal(state.call, undefined);
    assert.equal(textOf(find(renderState(state), 'data-testid', 'error-code') ?? ''), 'SERVER_EXITED');
  });

  test('a state-machine session survives every hostile message mid-Next, then takes its answer', () => {
    const machineItem = { kind: 'tool' as const, name: 'workflow_execute', inputSchema: { type: 'object', properties: { state: { type: 'string' }, input: { type: 'object' } } }, outputSchema: { type: 'object', properties: { state: {}, completed: {}, next_actions: {} } } };
    let state: State = reduce(initState(machineItem), { type: 'machineSent', pending: { callId: 'c1', baseArgs: {} } });
    for (const raw of hostile()) {
      const r = receive(state, raw);
      assert.equal(r.state, state, `acted on ${label(raw)}`);
      assert.ok(r.dropped);
    }
    const structuredContent = { state: 'collect_details', completed: false, next_actions: ['Provide input {name}'], result: {} };
    state = receive(state, { type: 'callDone', callId: 'c1', durationMs: 1, outcome: { kind: 'tool', content: [], structuredContent, isError: false, outputCheck: { status: 'pass', problems: [] } } }).state;
    assert.equal(state.machine?.visits[0]?.state, 'collect_details');
    assert.equal(textOf(find(renderState(state), 'data-testid', 'machine-state') ?? ''), 'collect_details');
  });

  test('valid messages about other requests change nothing: another call, an unknown validation', () => {
    const state = reduce(initState(item), { type: 'callSent', callId: 'mine' });
    for (const m of [
      { type: 'callStarted', callId: 'theirs' },
      { type: 'progress', callId: 'theirs', progress: 1 },
      { type: 'callDone', callId: 'theirs', durationMs: 1, outcome: { kind: 'failure', message: 'x', code: 'X' } },
      { type: 'validation', requestId: 'unknown', problems: [{ pointer: '/limit', message: 'must be integer' }] },
    ]) {
      const r = receive(state, m);
      assert.equal(r.dropped, undefined);
      assert.equal(r.state, state, JSON.stringify(m));
    }
  });

  test('a call the host started (a history re-run) is shown while the panel is idle', () => {
    let state = initState(item);
    state = receive(state, { type: 'callStarted', callId: 'rerun-1' }).state;
    assert.equal(state.call?.callId, 'rerun-1');
    state = receive(state, { type: 'progress', callId: 'rerun-1', progress: 1, total: 4 }).state;
    assert.deepEqual(state.call?.progress, { progress: 1, total: 4 });
    state = receive(state, { type: 'callDone', callId: 'rerun-1', durationMs: 2, outcome: { kind: 'failure', message: 'x', code: 'CANCELLED' } }).state;
    assert.equal(state.call, undefined);
    assert.equal(textOf(find(renderState(state), 'data-testid', 'error-code') ?? ''), 'CANCELLED');
  });

  test('text from the server is rendered as text, never as markup', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    let state = receive(initialState, { type: 'init', server: evil, serverState: { state: 'failed', reason: evil }, item: { ...item, description: evil, title: evil } }).state;
    state = reduce(state, { type: 'callSent', callId: 'c1' });
    state = receive(state, { type: 'callDone', callId: 'c1', durationMs: 1, outcome: { kind: 'tool', isError: false, content: [{ type: 'text', text: evil }], structuredContent: { [evil]: evil }, outputCheck: { status: 'none', problems: [] } } }).state;
    const html = renderState(state);
    assert.doesNotMatch(html, /<script|<img src=x/);
    assert.ok(textOf(html).includes(evil));
  });

  test('a hidden and restored panel gets its form back from the saved state, for the same item only', () => {
    const init = { type: 'init', server: 'example', serverState: { state: 'running' }, item } as const;
    const saved = { itemKey: 'tool:sales_top_customers:', values: { limit: '42' }, raw: { on: false, text: '{}' } };
    assert.deepEqual(receive(initialState, init, saved).state.values, { limit: '42' });
    assert.deepEqual(receive(initialState, init, { ...saved, itemKey: 'tool:other:' }).state.values, { limit: '10' });
  });
});
