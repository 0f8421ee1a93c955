// The static checks of workflow files (src/core/workflow/check.ts), one by one, each with the exact range
// an editor would underline: found by searching the workflow's own text, so a shifted range fails.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic, Range } from '../../src/core/diagnostic';
import { checkWorkflowAgainstTools, checkWorkflowReferences, type ToolInfo } from '../../src/core/workflow/check';
import { loadWorkflowText } from '../../src/core/workflow/loader';

const tools: ToolInfo[] = [
  {
    name: 'sales_top_customers',
    inputSchema: { type: 'object', properties: { limit: { type: 'integer', minimum: 1 } }, additionalProperties: false },
    outputSchema: { type: 'object', properties: { customers: { type: 'array', items: { type: 'object', properties: { customer_id: { type: 'string' }, revenue: { type: 'number' } } } } } },
  },
  {
    name: 'order_history',
    inputSchema: { type: 'object', properties: { customer_id: { type: 'string' } }, required: ['customer_id'] },
    outputSchema: { type: 'object', properties: { customer_id: { type: 'string' }, orders: { type: 'array' } } },
  },
  { name: 'support_tickets', inputSchema: { type: 'object', properties: { customer_id: { type: 'string' } }, required: ['customer_id'] } },
  { name: 'transform_records', outputSchema: { type: 'object', properties: { transformed: { type: 'integer' } } } },
];

/** A workflow file as an author would write it (two-space JSON), loaded through the real loader. */
function load(value: object): { text: string; diagnostics: (against?: ToolInfo[]) => Diagnostic[] } {
  const text = JSON.stringify(value, null, 2);
  const loaded = loadWorkflowText('w.workflow.json', text);
  assert.deepEqual(loaded.diagnostics, [], 'the test workflow itself must load');
  const workflow = loaded.workflow!;
  return {
    text,
    diagnostics: (against) => (against ? checkWorkflowAgainstTools(workflow, loaded.document, against) : checkWorkflowReferences(workflow, loaded.document)),
  };
}

/** The range of the `nth` occurrence of `needle` in `text`. */
function rangeOf(text: string, needle: string, nth = 0): Range {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `"${needle}" is not in the text`);
  const position = (at: number) => {
    const before = text.slice(0, at).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}

function only(diagnostics: Diagnostic[], ruleId: string): Diagnostic {
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
  assert.equal(diagnostics[0]!.ruleId, ruleId);
  assert.equal(diagnostics[0]!.severity, 'error');
  return diagnostics[0]!;
}

describe('workflow static checks', () => {
  test('a missing tool is flagged at its name, with a did-you-mean for a near miss', () => {
    const w = load({ id: 'w', server: 's', steps: [{ id: 'top', tool: 'sales_top_customer', arguments: { limit: 1 } }, { id: 'x', tool: 'launch_rockets' }] });
    const found = w.diagnostics(tools);
    assert.equal(found.length, 2);
    assert.deepEqual(found.map((d) => d.ruleId), ['workflow-missing-tool', 'workflow-missing-tool']);
    assert.equal(found[0]!.message, 'the server has no tool "sales_top_customer"; did you mean "sales_top_customers"?');
    assert.deepEqual(found[0]!.range, rangeOf(w.text, '"sales_top_customer"'));
    assert.equal(found[1]!.message, 'the server has no tool "launch_rockets"', 'no suggestion when nothing is close');
    assert.deepEqual(found[1]!.range, rangeOf(w.text, '"launch_rockets"'));
  });

  test('a checkpoint tool and a state-machine tool are checked too', () => {
    const w = load({ id: 'w', server: 's', steps: [{ id: 'save', checkpoint: { name: 'c', tool: 'workflow_checkpoin' } }, { id: 'm', stateMachine: { tool: 'workflow_execute' } }] });
    const found = w.diagnostics(tools);
    assert.deepEqual(found.map((d) => [d.message, d.range]), [
      ['the server has no tool "workflow_checkpoin"', rangeOf(w.text, '"workflow_checkpoin"')],
      ['the server has no tool "workflow_execute"', rangeOf(w.text, '"workflow_execute"')],
    ]);
  });

  test('arguments that fail the input schema are flagged at the argument; references are left to run time', () => {
    const w = load({
      id: 'w',
      server: 's',
      inputs: { n: { type: 'integer' } },
      steps: [
        { id: 'a', tool: 'sales_top_customers', arguments: { limit: 'ten' } },
        { id: 'b', tool: 'sales_top_customers', arguments: { limit: 2, region: 'EU' } },
        { id: 'c', tool: 'order_history', arguments: {} },
        { id: 'd', tool: 'sales_top_customers', arguments: { limit: '${inputs.n}' } },
      ],
    });
    const found = w.diagnostics(tools);
    assert.deepEqual(found.map((d) => [d.ruleId, d.message, d.range]), [
      ['workflow-arguments', 'argument "limit" of sales_top_customers must be integer', rangeOf(w.text, '"ten"')],
      ['workflow-arguments', 'sales_top_customers takes no argument "region"', rangeOf(w.text, '"EU"')],
      ['workflow-arguments', "the arguments of order_history must have required property 'customer_id'", rangeOf(w.text, '{}')],
    ]);
  });

  test('a reference to an undeclared input is flagged at the reference inside the string', () => {
    const w = load({ id: 'w', server: 's', inputs: { limit: { type: 'integer' } }, steps: [{ id: 'a', tool: 'sales_top_customers', arguments: { limit: 'top ${inputs.limt} customers' } }] });
    // The typo also leaves "limit" unused, which is a warning of its own (issue 13 case 17).
    const [unused, ...rest] = w.diagnostics().filter((x) => x.ruleId === 'workflow-unused-input');
    assert.equal(rest.length, 0);
    assert.equal(unused?.severity, 'warning');
    assert.match(unused?.message ?? '', /input "limit" is declared but no step uses/);
    const d = only(w.diagnostics().filter((x) => x.ruleId !== 'workflow-unused-input'), 'workflow-reference');
    assert.equal(d.message, '${inputs.limt}: the workflow declares no input "limt"; add it under "inputs"');
    assert.deepEqual(d.range, rangeOf(w.text, '${inputs.limt}'));
  });

  test('a reference to a step that does not exist names the steps there are', () => {
    const w = load({ id: 'w', server: 's', steps: [{ id: 'top', tool: 'sales_top_customers' }, { id: 'o', tool: 'order_history', arguments: { customer_id: '${steps.tpo.result.customers[0].customer_id}' } }] });
    const d = only(w.diagnostics(), 'workflow-reference');
    assert.equal(d.message, '${steps.tpo.result.customers[0].customer_id}: there is no step "tpo"; steps: top, o');
    assert.deepEqual(d.range, rangeOf(w.text, '${steps.tpo.result.customers[0].customer_id}'));
  });

  test('a reference to a later step, or to the step itself, is flagged', () => {
    const w = load({
      id: 'w',
      server: 's',
      steps: [
        { id: 'o', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].customer_id}' } },
        { id: 'top', tool: 'sales_top_customers', arguments: { limit: '${steps.top.result.customers.length}' } },
      ],
    });
    const found = w.diagnostics();
    assert.deepEqual(found.map((d) => [d.message, d.range]), [
      ['${steps.top.result.customers[0].customer_id}: step "top" runs later; a step can only use results of steps before it', rangeOf(w.text, '${steps.top.result.customers[0].customer_id}')],
      ['${steps.top.result.customers.length}: step "top" runs in this very step; a step can only use results of steps before it', rangeOf(w.text, '${steps.top.result.customers.length}')],
    ]);
  });

  test('a reference to a step of the same parallel group is flagged; one to an earlier step is not', () => {
    const w = load({
      id: 'w',
      server: 's',
      steps: [
        { id: 'top', tool: 'sales_top_customers' },
        {
          id: 'gather',
          parallel: [
            { id: 'orders', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].customer_id}' } },
            { id: 'tickets', tool: 'support_tickets', arguments: { customer_id: '${steps.orders.result.customer_id}' } },
          ],
        },
      ],
    });
    const d = only(w.diagnostics(), 'workflow-reference');
    assert.equal(d.message, '${steps.orders.result.customer_id}: "orders" runs in the same parallel group as "tickets", so its result is not there yet; move one of them out of the group');
    assert.deepEqual(d.range, rangeOf(w.text, '${steps.orders.result.customer_id}'));
  });

  test('an unknown root, and item outside forEach, are flagged', () => {
    const w = load({ id: 'w', server: 's', steps: [{ id: 'a', tool: 'order_history', arguments: { customer_id: '${item}' } }] });
    const d = only(w.diagnostics(), 'workflow-reference');
    assert.match(d.message, /^\$\{item\}: unknown root "item"; use inputs, steps, run, checkpoint \(item and batch only inside forEach\)$/);
    assert.deepEqual(d.range, rangeOf(w.text, '${item}'));
  });

  test("a result path the producing tool's outputSchema lacks is flagged, naming the fields it has", () => {
    const w = load({
      id: 'w',
      server: 's',
      steps: [
        { id: 'top', tool: 'sales_top_customers' },
        { id: 'o', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].id}' } },
        { id: 'p', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customer[0].customer_id}' } },
        { id: 'q', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].customer_id}' } },
      ],
    });
    const found = w.diagnostics(tools);
    assert.deepEqual(found.map((d) => [d.ruleId, d.message, d.range]), [
      ['workflow-result-path', '${steps.top.result.customers[0].id}: sales_top_customers\'s outputSchema has no "id" at result.customers[0]; it has customer_id, revenue', rangeOf(w.text, '${steps.top.result.customers[0].id}')],
      ['workflow-result-path', '${steps.top.result.customer[0].customer_id}: sales_top_customers\'s outputSchema has no "customer" at result; it has customers', rangeOf(w.text, '${steps.top.result.customer[0].customer_id}')],
    ]);
  });

  test('a forEach step is read as {results: [...]}', () => {
    const w = load({
      id: 'w',
      server: 's',
      steps: [
        { id: 'batches', tool: 'transform_records', forEach: { items: 3 } },
        { id: 'a', tool: 'order_history', arguments: { customer_id: '${steps.batches.result.results[0].transformed}' } },
        { id: 'b', tool: 'order_history', arguments: { customer_id: '${steps.batches.result.transformed}' } },
        { id: 'c', tool: 'order_history', arguments: { customer_id: '${steps.batches.result.results[0].skipped}' } },
      ],
    });
    const found = w.diagnostics(tools);
    assert.deepEqual(found.map((d) => [d.message, d.range]), [
      ['${steps.batches.result.transformed}: "batches" runs forEach, so its result is {results: [...]}', rangeOf(w.text, '${steps.batches.result.transformed}')],
      ['${steps.batches.result.results[0].skipped}: transform_records\'s outputSchema has no "skipped" at result; it has transformed', rangeOf(w.text, '${steps.batches.result.results[0].skipped}')],
    ]);
  });

  test('a well-formed workflow passes every check', () => {
    const w = load({
      id: 'w',
      server: 's',
      inputs: { limit: { type: 'integer', default: 1 } },
      steps: [
        { id: 'top', tool: 'sales_top_customers', arguments: { limit: '${inputs.limit}' } },
        { id: 'g', parallel: [{ id: 'orders', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].customer_id}' } }] },
        { id: 'after', tool: 'support_tickets', arguments: { customer_id: '${steps.orders.result.customer_id}' } },
      ],
    });
    assert.deepEqual([...w.diagnostics(), ...w.diagnostics(tools)], []);
  });
});

describe('workflow checks of what a step does to the server (from its tool\'s annotations)', () => {
  const push = { name: 'crm_push', inputSchema: { type: 'object' } };
  const step = { id: 'push', tool: 'crm_push', arguments: {} };
  const kinds = (d: Diagnostic[]) => d.map((x) => `${x.ruleId} ${x.severity}`);

  test('a destructive tool with no approval step before it is a hint at its tool; an approval before, or "confirm": false, silences it', () => {
    const bare = load({ id: 'w', server: 's', steps: [step] });
    const found = bare.diagnostics([{ ...push, annotations: {} }]);
    assert.deepEqual(kinds(found), ['workflow-destructive-without-approval hint']);
    assert.deepEqual(found[0]!.range, rangeOf(bare.text, '"crm_push"'));
    assert.match(found[0]!.message, /no approval step or checkpoint comes before "push".*--yes/);
    const gated = load({ id: 'w', server: 's', steps: [{ id: 'ok', approval: { summary: 'go', reversible: false } }, step] });
    assert.deepEqual(gated.diagnostics([{ ...push, annotations: {} }]), []);
    assert.deepEqual(load({ id: 'w', server: 's', steps: [{ ...step, confirm: false }] }).diagnostics([{ ...push, annotations: {} }]), []);
    const saved = load({ id: 'w', server: 's', steps: [{ id: 'cp', checkpoint: { name: 'before' } }, step] });
    assert.deepEqual(saved.diagnostics([{ ...push, annotations: {} }]), [], 'a checkpoint before it: a failure can roll back');
    assert.deepEqual(bare.diagnostics([{ ...push, annotations: { readOnlyHint: true } }]), [], 'read-only');
    assert.deepEqual(bare.diagnostics([{ ...push, annotations: { readOnlyHint: false, destructiveHint: false } }]), [], 'not destructive');
    assert.deepEqual(bare.diagnostics([push]), [], 'annotations not known: not judged');
  });

  test('retrying a tool that does not say idempotentHint: true is a warning at the retry rules (its own, or the defaults)', () => {
    const own = load({ id: 'w', server: 's', steps: [{ ...step, confirm: false, retry: { RATE_LIMITED: { strategy: 'retry_after' } } }] });
    const found = own.diagnostics([{ ...push, annotations: { destructiveHint: false } }]);
    assert.deepEqual(kinds(found), ['workflow-retry-not-idempotent warning']);
    assert.match(found[0]!.message, /"push" retries crm_push on RATE_LIMITED.*idempotentHint: true/);
    const defaults = load({ id: 'w', server: 's', defaults: { retry: { TIMEOUT: { strategy: 'exponential' } } }, steps: [{ ...step, confirm: false }] });
    assert.deepEqual(defaults.diagnostics([{ ...push, annotations: {} }]).map((d) => [d.ruleId, d.range]), [['workflow-retry-not-idempotent', rangeOf(defaults.text, '"retry"')]]);
    assert.deepEqual(own.diagnostics([{ ...push, annotations: { idempotentHint: true } }]), [], 'idempotent');
    assert.deepEqual(own.diagnostics([{ ...push, annotations: { readOnlyHint: true } }]), [], 'read-only');
    const never = load({ id: 'w', server: 's', steps: [{ ...step, confirm: false, retry: { PERMISSION_DENIED: { strategy: 'never' } } }] });
    assert.deepEqual(never.diagnostics([{ ...push, annotations: {} }]), [], '"never" retries nothing');
  });
});
