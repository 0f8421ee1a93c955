// Reading a state-machine tool's answers (machine-shape.ts) and writing a driven session as a workflow file
// (workflow-from-session.ts): the keys every next_actions text of the example server names, and workflows the
// loader accepts as they would a hand-written one.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { machines } from '../../examples/server/tools/machines';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { hasMachineOutput, inputHints, readMachineAnswer } from '../../src/core/workflow/machine-shape';
import { resolveTemplate } from '../../src/core/workflow/references';
import { formatWorkflowFile, machineWorkflowId, withWorkflowSuffix, workflowFromMachineSession, type MachineSession } from '../../src/core/workflow/workflow-from-session';
import type { StateMachineStep } from '../../src/core/workflow/types';

describe('reading a state machine', () => {
  test('an answer needs a string state, a boolean completed and a next_actions list', () => {
    assert.deepEqual(readMachineAnswer({ state: 'a', completed: false, next_actions: ['go', 3], result: { x: 1 } }), { state: 'a', completed: false, nextActions: ['go', '3'], result: { x: 1 } });
    assert.equal(readMachineAnswer({ state: 'a', completed: 'no', next_actions: [] }), undefined);
    assert.equal(readMachineAnswer({ state: 1, completed: false, next_actions: [] }), undefined);
    assert.equal(readMachineAnswer({ state: 'a', completed: false }), undefined);
    assert.equal(readMachineAnswer([]), undefined);
    assert.deepEqual(readMachineAnswer({ state: 'a', completed: false, next_actions: [], input_schema: { type: 'object' } })?.inputSchema, { type: 'object' });
  });

  test('an outputSchema with state, completed and next_actions is a state machine\'s', () => {
    assert.equal(hasMachineOutput({ type: 'object', properties: { state: {}, completed: {}, next_actions: {}, result: {} } }), true);
    assert.equal(hasMachineOutput({ type: 'object', properties: { state: {}, completed: {} } }), false);
    assert.equal(hasMachineOutput(undefined), false);
  });

  test('the keys (and choices) every next_actions text of the example server names', () => {
    const found: Record<string, string[]> = {};
    for (const [name, machine] of Object.entries(machines)) {
      for (const [state, spec] of Object.entries(machine.states)) {
        found[`${name}/${state}`] = spec.next_actions.flatMap(inputHints).map((h) => (h.options ? `${h.key}=${h.options.join('|')}` : h.key));
      }
    }
    assert.deepEqual(found, {
      'customer_onboarding/collect_details': ['name', 'email', 'segment'],
      'customer_onboarding/verify_email': ['code'],
      'customer_onboarding/provision_account': ['plan=starter|growth|enterprise'],
      'order_fulfillment/validate_order': ['order_id'],
      'order_fulfillment/reserve_inventory': ['warehouse=east|west'],
      'order_fulfillment/ship': ['carrier'],
      'issue_escalation/triage': ['ticket_id', 'severity=low|medium|high'],
      'issue_escalation/escalate_to_engineering': ['team', 'resolution'],
      'issue_escalation/resolve_at_support': ['resolution'],
    });
  });

  test('text without braces names no keys; braces that hold no key names are ignored', () => {
    assert.deepEqual(inputHints("Call workflow_execute with workflow 'x', state 'y' and its input"), []);
    assert.deepEqual(inputHints('Send {} or {1 + 2} or {"a, b"}'), []);
    assert.deepEqual(inputHints('{note: "a, b" | "c"}'), [{ key: 'note', options: ['a, b', 'c'] }]);
  });
});

const onboarding: MachineSession = {
  server: 'example-stdio',
  tool: 'workflow_execute',
  baseArgs: { workflow: 'customer_onboarding' },
  visits: [
    { state: 'collect_details', input: { name: 'Ada', email: 'ada@example.com' } },
    { state: 'verify_email', input: { code: '123456' } },
    { state: 'provision_account', input: { plan: 'growth' } },
    { state: 'completed' },
  ],
  completed: true,
};

describe('a driven session as a workflow file', () => {
  test('one stateMachine step: the base arguments, and each state\'s input by name', () => {
    const { workflow, warnings } = workflowFromMachineSession(onboarding);
    assert.deepEqual(warnings, []);
    assert.equal(workflow.id, 'workflow_execute-customer_onboarding');
    assert.equal(workflow.server, 'example-stdio');
    assert.deepEqual(workflow.steps, [{
      id: 'drive',
      title: 'Drive workflow_execute',
      stateMachine: {
        tool: 'workflow_execute',
        arguments: { workflow: 'customer_onboarding' },
        inputs: { collect_details: { name: 'Ada', email: 'ada@example.com' }, verify_email: { code: '123456' }, provision_account: { plan: 'growth' } },
      },
    }]);
    const loaded = loadWorkflowText('w.workflow.json', formatWorkflowFile(workflow));
    assert.deepEqual(loaded.diagnostics, []);
    assert.deepEqual(loaded.workflow?.steps, workflow.steps);
  });

  test('state and input in the base arguments are dropped: the step sends its own', () => {
    const { workflow } = workflowFromMachineSession({ ...onboarding, baseArgs: { workflow: 'customer_onboarding', state: 'x', input: {} } });
    assert.deepEqual((workflow.steps[0] as StateMachineStep).stateMachine.arguments, { workflow: 'customer_onboarding' });
  });

  test('a literal ${ typed into an input stays literal when the runner resolves the step', () => {
    const { workflow } = workflowFromMachineSession({ ...onboarding, visits: [{ state: 'collect_details', input: { name: '${inputs.secret}' } }, { state: 'completed' }] });
    const inputs = (workflow.steps[0] as StateMachineStep).stateMachine.inputs!;
    assert.deepEqual(resolveTemplate(inputs['collect_details'], { inputs: { secret: 'leaked' }, steps: {}, run: { id: 'r' } }), { name: '${inputs.secret}' });
  });

  test('an unfinished session, and a state given two different inputs, are said', () => {
    const { workflow, warnings } = workflowFromMachineSession({
      ...onboarding,
      visits: [{ state: 'loop', input: { n: 1 } }, { state: 'loop', input: { n: 2 } }, { state: 'verify_email' }],
      completed: false,
    });
    assert.deepEqual((workflow.steps[0] as StateMachineStep).stateMachine.inputs, { loop: { n: 2 } });
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /"loop" was given different inputs; the file keeps the last/);
    assert.match(warnings[1]!, /stopped in state "verify_email" before completed/);
  });

  test('a state named __proto__ is a key of inputs, not its prototype; a long session raises maxTransitions', () => {
    const visits = [{ state: '__proto__', input: { a: 1 } }, ...Array.from({ length: 60 }, (_, i) => ({ state: `s${i}`, input: {} })), { state: 'done' }];
    const { workflow } = workflowFromMachineSession({ ...onboarding, visits });
    const spec = (workflow.steps[0] as StateMachineStep).stateMachine;
    assert.deepEqual(Object.getOwnPropertyDescriptor(spec.inputs, '__proto__')?.value, { a: 1 });
    assert.equal(Object.getPrototypeOf(spec.inputs), Object.prototype);
    assert.equal(spec.maxTransitions, 72);
    assert.match(formatWorkflowFile(workflow), /"__proto__": \{\n\s+"a": 1/);
  });

  test('a chosen file name becomes a *.workflow.json one', () => {
    assert.equal(withWorkflowSuffix('/w/onboarding.workflow.json'), '/w/onboarding.workflow.json');
    assert.equal(withWorkflowSuffix('/w/onboarding.json'), '/w/onboarding.workflow.json');
    assert.equal(withWorkflowSuffix('/w/onboarding'), '/w/onboarding.workflow.json');
  });

  test('ids are made of the tool and its string arguments, in the characters a workflow id allows', () => {
    assert.equal(machineWorkflowId('workflow_execute', { workflow: 'order fulfillment/v2', limit: 3 }), 'workflow_execute-order_fulfillment_v2');
    assert.equal(machineWorkflowId('', {}), 'state-machine');
  });
});
