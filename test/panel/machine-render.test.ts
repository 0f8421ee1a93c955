// The state-machine section as it renders, state by state: every answer goes through the protocol parser as
// the page receives it. The schemas are workflow_execute's as the example server lists them (zod to JSON
// Schema); the answers are written out, including ones the example server never sends (several
// next_actions, a per-state input schema, markup in state names), since other servers may.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextMachine, saveMachine, startMachine } from '../../src/panel/call/machine';
import { receive, reduce, refusalId, type Action, type State } from '../../src/panel/call/state';
import type { CallOutcome, PanelItem, WebviewMessage } from '../../src/shared/panel-protocol';
import { all, find, initState, openTag, renderState, textOf, validated } from './helpers';

const inputSchema = {
  type: 'object',
  properties: {
    workflow: { type: 'string', enum: ['customer_onboarding', 'order_fulfillment', 'issue_escalation'] },
    state: { type: 'string', description: 'Current workflow state (omit to start)' },
    input: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: {}, description: 'Input for current state' },
  },
  required: ['workflow'],
};
const outputSchema = {
  type: 'object',
  properties: { state: { type: 'string' }, completed: { type: 'boolean' }, next_actions: { type: 'array', items: { type: 'string' } }, result: { type: 'object' } },
  required: ['state', 'completed', 'next_actions', 'result'],
};
const machineTool: PanelItem = { kind: 'tool', name: 'workflow_execute', inputSchema, outputSchema };

const answer = (structured: Record<string, unknown>): CallOutcome => ({
  kind: 'tool', content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured, isError: false, outputCheck: { status: 'pass', problems: [] },
});
const invalid = (message: string): CallOutcome => ({
  kind: 'tool', content: [{ type: 'text', text: `INVALID_INPUT: ${message}` }], isError: true, errorCode: 'INVALID_INPUT', outputCheck: { status: 'none', problems: [] },
});
const collect = answer({ state: 'collect_details', completed: false, next_actions: ['Provide input {name, email, segment} for the new customer'], result: {} });
const provision = answer({ state: 'provision_account', completed: false, next_actions: ['Confirm the plan with input {plan: "starter" | "growth" | "enterprise"}'], result: { email_verified: true } });
const done = answer({ state: 'completed', completed: true, next_actions: [], result: { account_id: 'ACC-GROWTH-001', plan: 'growth' } });

/** A page: its state, what it sent, and the host's answer to the last call (parsed as the page parses it). */
function page(item: PanelItem = machineTool) {
  const p = {
    state: validated(initState(item), []) as State,
    sent: [] as WebviewMessage[],
    dispatch: (a: Action) => {
      p.state = reduce(p.state, a);
    },
    send: (m: WebviewMessage) => void p.sent.push(m),
    answer(outcome: CallOutcome) {
      const call = p.sent.at(-1);
      assert.equal(call?.type, 'call');
      const r = receive(p.state, { type: 'callDone', callId: call?.type === 'call' ? call.callId : '', durationMs: 5, outcome });
      assert.equal(r.dropped, undefined, r.dropped);
      p.state = r.state;
    },
    html: () => renderState(p.state),
  };
  return p;
}

/** The input of the last call a page sent. */
function lastInput(sent: WebviewMessage[]): unknown {
  const call = sent.at(-1);
  assert.equal(call?.type, 'call');
  return call?.type === 'call' ? call.args['input'] : undefined;
}

const section = (html: string) => find(html, 'data-testid', 'machine') ?? '';

describe('the state-machine section', () => {
  test('before Start: Start instead of Call, the arguments form without state and input, idle', () => {
    const p = page();
    const html = p.html();
    assert.match(openTag(section(html)), /data-status="idle"/);
    assert.ok(find(html, 'data-testid', 'machine-start'));
    assert.equal(find(html, 'data-testid', 'call'), undefined);
    assert.ok(find(html, 'data-field', '/workflow'));
    assert.equal(find(html, 'data-field', '/state'), undefined);
    assert.equal(find(html, 'data-field', '/input'), undefined);
    assert.match(textOf(find(html, 'data-testid', 'form') ?? ''), /Arguments sent with every call/);
    assert.match(openTag(find(html, 'data-testid', 'machine-toggle') ?? ''), /aria-pressed="true"/);
    assert.equal(find(html, 'data-testid', 'machine-save'), undefined, 'nothing to save before Start');
  });

  test('Start sends the arguments without state or input; the answer shows the state, its next action and a field per key it names', () => {
    const p = page();
    p.dispatch({ type: 'edit', path: ['workflow'], value: '0' });
    p.dispatch({ type: 'edit', path: ['state'], value: 'typed before switching' });
    p.state = validated(p.state, []);
    startMachine(p.state, p.dispatch, p.send);
    assert.deepEqual(p.sent.at(-1), { type: 'call', callId: (p.sent.at(-1) as { callId: string }).callId, args: { workflow: 'customer_onboarding' } });
    assert.match(openTag(section(p.html())), /data-status="running"/);
    p.answer(collect);
    const html = p.html();
    assert.match(openTag(section(html)), /data-status="waiting" data-state="collect_details"/);
    assert.equal(textOf(find(html, 'data-testid', 'machine-state') ?? ''), 'collect_details');
    const actions = all(html, 'data-testid', 'machine-action');
    assert.equal(actions.length, 1);
    assert.match(textOf(actions[0]!), /Provide input \{name, email, segment\}/);
    for (const key of ['name', 'email', 'segment']) assert.match(openTag(find(html, 'data-field', `/input/${key}`) ?? ''), /data-kind="string"/, key);
    assert.doesNotMatch(openTag(find(html, 'data-testid', 'machine-next') ?? ''), /disabled/);
    assert.equal(all(html, 'data-testid', 'machine-visit').length, 1);
    assert.match(textOf(find(html, 'data-testid', 'machine-start') ?? ''), /Start over/);
  });

  test('Next sends {...base, state, input}; an INVALID_INPUT shows its code and keeps the state; the retry moves on', () => {
    const p = page();
    p.dispatch({ type: 'edit', path: ['workflow'], value: '0' });
    p.state = validated(p.state, []);
    startMachine(p.state, p.dispatch, p.send);
    p.answer(collect);
    p.dispatch({ type: 'machineEdit', path: ['name'], value: 'Ada' });
    nextMachine(p.state, p.dispatch, p.send);
    assert.deepEqual((p.sent.at(-1) as { args: unknown }).args, { workflow: 'customer_onboarding', state: 'collect_details', input: { name: 'Ada' } });
    p.answer(invalid('collect_details needs input.name and a valid input.email'));
    let html = p.html();
    assert.match(openTag(section(html)), /data-status="error" data-state="collect_details"/);
    assert.equal(textOf(find(html, 'data-testid', 'machine-error-code') ?? ''), 'INVALID_INPUT');
    assert.match(textOf(find(html, 'data-testid', 'machine-error') ?? ''), /^ INVALID_INPUT collect_details needs input\.name and a valid input\.email — still in collect_details/);
    assert.match(openTag(find(html, 'data-field', '/input/name')?.match(/<input[^>]*>/)?.[0] ?? ''), /value="Ada"/, 'the typed input is kept');
    p.dispatch({ type: 'machineEdit', path: ['email'], value: 'ada@example.com' });
    nextMachine(p.state, p.dispatch, p.send);
    p.answer(provision);
    html = p.html();
    assert.equal(find(html, 'data-testid', 'machine-error'), undefined);
    assert.deepEqual(all(html, 'data-testid', 'machine-visit').map((v) => /data-state="([^"]*)"/.exec(v)?.[1]), ['collect_details', 'provision_account']);
    assert.match(textOf(find(html, 'data-testid', 'machine-visit-input') ?? ''), /\{"name":"Ada","email":"ada@example\.com"\}/);
    assert.equal(textOf(find(html, 'data-testid', 'machine-last-result') ?? ''), 'result: {"email_verified":true}', 'what the transition produced');
    const plan = find(html, 'data-field', '/input/plan') ?? '';
    assert.match(openTag(plan), /data-kind="enum"/, 'choices in next_actions make a select');
    assert.deepEqual([...plan.matchAll(/<option value="\d+"[^>]*>([^<]*)</g)].map((m) => m[1]), ['starter', 'growth', 'enterprise']);
  });

  test('completed: shown with the final result, Next gone, Save offered; Save reports where it wrote', () => {
    const p = page();
    p.dispatch({ type: 'edit', path: ['workflow'], value: '0' });
    p.state = validated(p.state, []);
    startMachine(p.state, p.dispatch, p.send);
    p.answer(provision);
    p.dispatch({ type: 'machineEdit', path: ['plan'], value: '1' });
    nextMachine(p.state, p.dispatch, p.send);
    p.answer(done);
    let html = p.html();
    assert.match(openTag(section(html)), /data-status="completed" data-state="completed"/);
    assert.match(textOf(find(html, 'data-testid', 'machine-completed') ?? ''), /Completed in state completed after 1 transition/);
    assert.match(textOf(find(html, 'data-testid', 'machine-result') ?? ''), /ACC-GROWTH-001/);
    assert.equal(find(html, 'data-testid', 'machine-next'), undefined);
    saveMachine(p.state, p.dispatch, p.send);
    const save = p.sent.at(-1);
    assert.ok(save?.type === 'saveMachine');
    assert.deepEqual(save.visits, [{ state: 'provision_account', input: { plan: 'growth' } }, { state: 'completed' }]);
    assert.equal(save.completed, true);
    assert.match(textOf(find(p.html(), 'data-testid', 'machine-saved') ?? ''), /Saving/);
    p.state = receive(p.state, { type: 'machineSaved', requestId: 'someone-else', outcome: 'failed', message: 'x' }).state;
    assert.match(textOf(find(p.html(), 'data-testid', 'machine-saved') ?? ''), /Saving/, 'an answer to another request changes nothing');
    p.state = receive(p.state, { type: 'machineSaved', requestId: save.requestId, outcome: 'saved', file: 'workflow_execute-customer_onboarding.workflow.json' }).state;
    html = p.html();
    assert.match(openTag(find(html, 'data-testid', 'machine-saved') ?? ''), /data-outcome="saved"/);
    assert.match(textOf(find(html, 'data-testid', 'machine-saved') ?? ''), /Saved workflow_execute-customer_onboarding\.workflow\.json/);
  });

  test('a next_actions button chooses that action: its keys make the form, what was typed stays', () => {
    const p = page();
    startMachine(p.state, p.dispatch, p.send);
    p.answer(answer({ state: 'review', completed: false, next_actions: ['Approve with input {approver, note}', 'Reject with input {reason, note}'], result: {} }));
    assert.deepEqual(p.state.machine?.form.fields.map((f) => f.key), ['approver', 'note', 'reason'], 'no choice yet: every key named');
    p.dispatch({ type: 'machineEdit', path: ['note'], value: 'looks fine' });
    p.dispatch({ type: 'machineChoose', index: 1 });
    const html = p.html();
    assert.match(openTag(all(html, 'data-testid', 'machine-action')[1] ?? ''), /aria-pressed="true"/);
    assert.equal(find(html, 'data-field', '/input/approver'), undefined);
    assert.ok(find(html, 'data-field', '/input/reason'));
    assert.deepEqual(p.state.machine?.values, { reason: '', note: 'looks fine' });
  });

  test('an action that is one of a select\'s options picks it (the tool declares input.decision as an enum)', () => {
    const declared = { ...inputSchema, properties: { ...inputSchema.properties, input: { type: 'object', properties: { decision: { type: 'string', enum: ['approve', 'reject'] }, note: { type: 'string' } } } } };
    const p = page({ ...machineTool, inputSchema: declared });
    startMachine(p.state, p.dispatch, p.send);
    p.answer(answer({ state: 'review', completed: false, next_actions: ['approve', 'reject'], result: {} }));
    assert.deepEqual(p.state.machine?.form.fields.map((f) => f.key), ['decision', 'note'], 'the form is the tool\'s input property');
    p.dispatch({ type: 'machineChoose', index: 1 });
    nextMachine(p.state, p.dispatch, p.send);
    assert.deepEqual(lastInput(p.sent), { decision: 'reject' });
  });

  test('an input schema in the answer makes the form; without one and without keys, Next sends {} and Raw JSON is offered', () => {
    const p = page();
    startMachine(p.state, p.dispatch, p.send);
    p.answer(answer({ state: 'size', completed: false, next_actions: ['Give the size'], result: {}, input_schema: { type: 'object', properties: { count: { type: 'integer', minimum: 1 } }, required: ['count'] } }));
    assert.match(openTag(find(p.html(), 'data-field', '/input/count') ?? ''), /data-kind="integer"/);
    const q = page();
    startMachine(q.state, q.dispatch, q.send);
    q.answer(answer({ state: 'verify_identity', completed: false, next_actions: ["Call workflow_execute with workflow 'customer_onboarding', state 'verify_identity' and its input"], result: {} }));
    assert.match(textOf(find(q.html(), 'data-testid', 'machine-input') ?? ''), /No input keys are known/);
    nextMachine(q.state, q.dispatch, q.send);
    assert.deepEqual(lastInput(q.sent), {});
  });

  test('Raw JSON for the input: broken JSON blocks Next with the reason; an object is sent as typed', () => {
    const p = page();
    startMachine(p.state, p.dispatch, p.send);
    p.answer(collect);
    p.dispatch({ type: 'machineEdit', path: ['name'], value: 'Ada' });
    p.dispatch({ type: 'machineToggleRaw' });
    assert.deepEqual(JSON.parse(p.state.machine!.raw.text), { name: 'Ada' });
    p.dispatch({ type: 'machineRawText', text: '{"name": ' });
    const html = p.html();
    assert.match(openTag(find(html, 'data-testid', 'machine-next') ?? ''), /disabled/);
    assert.match(textOf(find(html, 'data-testid', 'machine-raw-problem') ?? ''), /JSON syntax error/);
    p.dispatch({ type: 'machineRawText', text: '{"name": "Ada", "email": "a@b.c", "extra": [1]}' });
    nextMachine(p.state, p.dispatch, p.send);
    assert.deepEqual(lastInput(p.sent), { name: 'Ada', email: 'a@b.c', extra: [1] });
  });

  test('Single call gives the whole form back (state and input too) and Call; toggling again drives', () => {
    const p = page();
    p.dispatch({ type: 'machineToggle' });
    let html = p.html();
    assert.equal(section(html), '');
    assert.ok(find(html, 'data-testid', 'call'));
    assert.ok(find(html, 'data-field', '/state') && find(html, 'data-field', '/input'));
    assert.match(textOf(find(html, 'data-testid', 'machine-toggle') ?? ''), /Drive as state machine/);
    p.dispatch({ type: 'machineToggle' });
    html = p.html();
    assert.ok(section(html));
    p.dispatch({ type: 'machineToggle' });
    p.state = receive(p.state, { type: 'drive' }).state;
    assert.ok(section(p.html()), 'Drive State Machine from the Servers view drives an open panel again');
  });

  test('a tool without the outputSchema: a result of that shape offers driving', () => {
    const p = page({ kind: 'tool', name: 'machine', inputSchema: { type: 'object', properties: { state: { type: 'string' } } } });
    assert.equal(find(p.html(), 'data-testid', 'machine-toggle'), undefined);
    p.dispatch({ type: 'callSent', callId: 'c1' });
    p.state = receive(p.state, { type: 'callDone', callId: 'c1', durationMs: 1, outcome: collect }).state;
    const html = p.html();
    assert.match(textOf(find(html, 'data-testid', 'machine-toggle') ?? ''), /Drive as state machine/);
    assert.equal(section(html), '', 'not driving until asked');
  });

  test('arguments the host refuses end the machine call with the problems, not a call stuck running', () => {
    const p = page();
    startMachine(p.state, p.dispatch, p.send);
    const callId = (p.sent.at(-1) as { callId: string }).callId;
    p.state = receive(p.state, { type: 'validation', requestId: refusalId(callId), problems: [{ pointer: '/workflow', message: 'must be equal to one of the allowed values' }] }).state;
    assert.equal(p.state.call, undefined);
    assert.equal(p.state.machine?.pending, undefined);
    assert.match(textOf(find(p.html(), 'data-testid', 'machine-error') ?? ''), /INVALID_ARGUMENTS \/workflow must be equal to one of the allowed values/);
  });

  test('a session the protocol cannot carry (a 300-character state name) is refused on the page, with the reason', () => {
    const p = page();
    startMachine(p.state, p.dispatch, p.send);
    p.answer(answer({ state: 's'.repeat(300), completed: false, next_actions: [], result: {} }));
    const before = p.sent.length;
    saveMachine(p.state, p.dispatch, p.send);
    assert.equal(p.sent.length, before, 'nothing is sent');
    const saved = find(p.html(), 'data-testid', 'machine-saved') ?? '';
    assert.match(openTag(saved), /data-outcome="failed"/);
    assert.match(textOf(saved), /cannot be saved: visits\.0\.state/);
  });

  test('state names and next_actions from the server are text, never markup', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    const p = page();
    startMachine(p.state, p.dispatch, p.send);
    p.answer(answer({ state: evil, completed: false, next_actions: [evil, `{${evil}}`], result: { [evil]: evil } }));
    const html = p.html();
    assert.doesNotMatch(html, /<script|<img src=x/);
    assert.ok(textOf(find(html, 'data-testid', 'machine-state') ?? '').includes(evil));
  });
});
