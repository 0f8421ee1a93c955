// "Copy as workflow step": a call made by hand becomes a step (and the inputs it refers to) that the
// workflow loader, the static checks and the reference resolver accept as they would a hand-written one.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateArguments } from '../../src/core/json/validate-arguments';
import { checkWorkflowText } from '../../src/core/workflow/check';
import { formatStepFromCall, stepFromCall } from '../../src/core/workflow/step-from-call';

const topCustomers = {
  name: 'sales_top_customers',
  inputSchema: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100 }, note: { type: 'string' } }, required: ['limit'] },
};

describe('stepFromCall', () => {
  test('a call becomes a tool step whose arguments are the call\'s', () => {
    const { step, inputs } = stepFromCall('sales_top_customers', { limit: 2 });
    assert.deepEqual(step, { id: 'sales_top_customers', tool: 'sales_top_customers', arguments: { limit: 2 } });
    assert.deepEqual(inputs, {});
  });

  test('arguments chosen as inputs become ${inputs.NAME} with the value used as the default', () => {
    const built = stepFromCall('sales_top_customers', { limit: 2, note: 'q3' }, ['limit']);
    assert.deepEqual(built.step.arguments, { limit: '${inputs.limit}', note: 'q3' });
    assert.deepEqual(built.inputs, { limit: { type: 'integer', default: 2 } });
    // The step and its inputs make a workflow the static checks accept against the tool's schema.
    const workflow = { id: 'copied', server: 'example-stdio', inputs: built.inputs, steps: [built.step] };
    assert.deepEqual(checkWorkflowText('copied.workflow.json', JSON.stringify(workflow), [topCustomers]).map((d) => d.message), []);
  });

  test('a literal ${ in a value is escaped, so the runner does not read it as a reference', () => {
    const { step } = stepFromCall('sales_top_customers', { limit: 1, note: 'cost ${x}' });
    assert.equal((step.arguments as Record<string, unknown>)['note'], 'cost $${x}');
    const workflow = { id: 'copied', server: 'example-stdio', steps: [step] };
    assert.deepEqual(checkWorkflowText('copied.workflow.json', JSON.stringify(workflow), [topCustomers]).map((d) => d.message), []);
  });

  test('the clipboard text names the inputs to add above the step', () => {
    const text = formatStepFromCall(stepFromCall('sales_top_customers', { limit: 2 }, ['limit']));
    assert.match(text, /^\/\/ Add to the workflow's "inputs":\n\/\/ {3}"limit": \{"type":"integer","default":2\}\n\{/);
    assert.deepEqual(JSON.parse(text.slice(text.indexOf('{\n'))), { id: 'sales_top_customers', tool: 'sales_top_customers', arguments: { limit: '${inputs.limit}' } });
  });
});

describe('validateArguments', () => {
  test('each problem names the JSON pointer of the value it is about', () => {
    assert.deepEqual(validateArguments(topCustomers.inputSchema, { limit: 0, extra: 1 }), [{ pointer: '/limit', message: 'must be >= 1' }]);
    assert.deepEqual(validateArguments(topCustomers.inputSchema, {}), [{ pointer: '/limit', message: 'is required' }]);
    assert.deepEqual(validateArguments({ type: 'object', properties: { kind: { enum: ['a', 'b'] } }, additionalProperties: false }, { kind: 'c', x: 1 }), [
      { pointer: '/x', message: 'is not a property the schema allows' },
      { pointer: '/kind', message: 'must be one of "a", "b"' },
    ]);
    assert.deepEqual(validateArguments(topCustomers.inputSchema, { limit: 5 }), []);
  });

  test('a schema ajv cannot compile is one problem, not an exception', () => {
    assert.deepEqual(validateArguments({ type: 'object', properties: { a: { type: 'no-such-type' } } }, {}), [{ pointer: '', message: 'the input schema cannot be compiled, so these arguments cannot be checked' }]);
  });
});
