// "Draft workflow file": every guided prompt of the example server and of the seed's Rust fixture drafted
// against the example server's tools (the seed fixture declares only a few of the tools its prompts name; the
// example server implements every one), then put through the loader and the static checks as a file would be.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { extractFile } from '../../src/core/extract';
import type { PromptDef, ToolDef } from '../../src/core/model';
import { nodeHost } from '../../src/core/node-host';
import { checkWorkflowText } from '../../src/core/workflow/check';
import { draftWorkflow, isGuidedPrompt, type DraftedWorkflow } from '../../src/core/workflow/draft';
import { toToolInfos } from '../../src/core/workflow/source-tools';
import { isParallelStep, isToolStep, type Step, type ToolStep } from '../../src/core/workflow/types';
import { WorkspaceIndex } from '../../src/core/workspace';
import { root } from './helpers';

const TOP = '${steps.sales_top_customers.result.customers[0].customer_id}';

async function read(folder: string): Promise<{ prompts: PromptDef[]; tools: ToolDef[] }> {
  const index = new WorkspaceIndex();
  await index.addPaths(nodeHost, [join(root, folder)]);
  return { prompts: index.models().flatMap((m) => m.prompts), tools: index.models().flatMap((m) => m.tools) };
}

/** The run order as tool names, a parallel group as a nested list, a gate as `approve`, a checkpoint as `checkpoint`. */
function shape(steps: readonly Step[]): unknown[] {
  return steps.map((s) => (isParallelStep(s) ? s.parallel.map((c) => c.tool) : isToolStep(s) ? s.tool : 'approval' in s ? 'approve' : 'checkpoint' in s ? 'checkpoint' : '?'));
}

/**
 * The static checks' problems against the example server's tools, as `severity ruleId: message`. Hints are advice,
 * not problems (a destructive step with no gate before it is one: the run view confirms it), so they are left out.
 */
function check(draft: DraftedWorkflow, tools: ToolDef[]): string[] {
  return checkWorkflowText('draft.workflow.json', draft.text, toToolInfos(tools), 'the workspace')
    .filter((d) => d.severity !== 'hint')
    .map((d) => `${d.severity} ${d.ruleId}: ${d.message}`);
}

function argumentsOf(draft: DraftedWorkflow, id: string): Record<string, unknown> | undefined {
  const all = draft.workflow.steps.flatMap((s) => (isParallelStep(s) ? s.parallel : [s]));
  const step = all.find((s) => s.id === id);
  return step && isToolStep(step) ? (step.arguments as Record<string, unknown>) : undefined;
}

let example: Awaited<ReturnType<typeof read>>;
let seed: Awaited<ReturnType<typeof read>>;
before(async () => {
  example = await read('examples/server');
  seed = await read('test/fixtures/rust/seed');
});

const draftOf = (from: () => Awaited<ReturnType<typeof read>>, name: string) => {
  const prompt = from().prompts.find((p) => p.name === name);
  assert.ok(prompt, `prompt ${name}`);
  return draftWorkflow(prompt, example.tools, { server: 'example-stdio', schema: '../schemas/workflow.schema.json' });
};

describe('draftWorkflow', () => {
  test('the guided prompts (two tools named or more) are the five of the example server and four of the seed', () => {
    assert.deepEqual(example.prompts.filter((p) => isGuidedPrompt(p, example.tools)).map((p) => p.name), ['customer-analysis', 'data-gathering', 'safe-data-migration', 'entity-management', 'top-customer-brief']);
    assert.deepEqual(seed.prompts.filter((p) => isGuidedPrompt(p, example.tools)).map((p) => p.name), ['customer-analysis', 'data-gathering', 'safe-data-migration', 'entity-management']);
    // The seed's own tools are the example server's too, by name.
    const names = new Set(example.tools.map((t) => t.name));
    assert.deepEqual(seed.tools.map((t) => t.name).filter((n) => !names.has(n)), []);
  });

  for (const [label, from] of [['example server (TypeScript)', () => example], ['seed (Rust)', () => seed]] as const) {
    describe(label, () => {
      test('customer-analysis: the top customer, then its customer_id into the three tools of the parallel section; no todo', () => {
        const draft = draftOf(from, 'customer-analysis');
        assert.deepEqual(shape(draft.workflow.steps), ['sales_top_customers', ['order_history', 'support_tickets', 'engagement_metrics']]);
        assert.deepEqual(argumentsOf(draft, 'sales_top_customers'), { limit: 1 });
        for (const id of ['order_history', 'support_tickets', 'engagement_metrics']) assert.deepEqual(argumentsOf(draft, id), { customer_id: TOP });
        assert.equal(draft.workflow.steps[1]?.title, 'Gather Data');
        assert.deepEqual(draft.todos, []);
        assert.deepEqual(check(draft, example.tools), []);
        // The customer_id argument is not used (the draft takes the "top" branch), so it is not declared.
        assert.equal(draft.workflow.inputs, undefined);
      });

      test('safe-data-migration: validate, back up, checkpoint, transform and verify rolling back, restore_backup with the backup_id', () => {
        const draft = draftOf(from, 'safe-data-migration');
        assert.deepEqual(shape(draft.workflow.steps), ['validate_source', 'create_backup', 'checkpoint', 'transform_records', 'validate_target']);
        assert.deepEqual(argumentsOf(draft, 'transform_records'), { backup_id: '${steps.create_backup.result.backup_id}', offset: '${batch[0]}', size: '${batch.length}' });
        // "in batches of 100" (the seed) or "of {{batch_size}}" (TypeScript, an argument "(default 100)").
        const transform = draft.workflow.steps[3] as ToolStep;
        const rust = from() === seed;
        assert.deepEqual(transform.forEach, { items: '${steps.validate_source.result.record_count}', batchSize: rust ? 100 : '${inputs.batch_size}' });
        assert.deepEqual(draft.workflow.inputs, rust ? undefined : { batch_size: { type: 'integer', description: 'Records per transform_records batch (default 100)', default: 100 } });
        assert.deepEqual(draft.workflow.steps.map((s) => (isToolStep(s) ? (s.onError ?? 'fail') : '-')), ['fail', 'fail', '-', 'rollback', 'rollback']);
        assert.deepEqual(draft.workflow.rollback, [{ id: 'rollback_restore_backup', title: 'Roll back', tool: 'restore_backup', arguments: { backup_id: '${steps.create_backup.result.backup_id}' } }]);
        assert.deepEqual(draft.todos, []);
        assert.deepEqual(check(draft, example.tools), []);
      });

      test('entity-management: the family names become the customer_* tools, a gate before update and delete, todos for the new customer', () => {
        const draft = draftOf(from, 'entity-management');
        assert.deepEqual(shape(draft.workflow.steps), ['customer_list', 'customer_get', 'customer_create', 'approve', 'customer_update', 'approve', 'customer_delete']);
        const fromList = '${steps.customer_list.result.customers[0].customer_id}';
        assert.deepEqual(argumentsOf(draft, 'customer_delete'), { customer_id: fromList, confirm: true });
        assert.deepEqual(draft.workflow.steps[5], { id: 'approve_customer_delete', title: 'Approve customer_delete', approval: { summary: 'Run customer_delete: For delete: confirm explicitly, then use customer_delete', affected: fromList, reversible: false } });
        assert.deepEqual(draft.todos.map((t) => t.pointer), ['/steps/2/arguments/name', '/steps/2/arguments/segment']);
        assert.deepEqual(check(draft, example.tools), [
          'error workflow-todo: left to decide: name (string): Company name, unique; replace the "TODO: …" value',
          'error workflow-todo: left to decide: segment (one of "enterprise", "mid-market", "smb"): Market segment; replace the "TODO: …" value',
        ]);
      });
    });
  }

  test('data-gathering: the TypeScript prompt\'s customer_id argument becomes an input; the seed\'s, which declares none, leaves todos', () => {
    const ts = draftOf(() => example, 'data-gathering');
    assert.deepEqual(shape(ts.workflow.steps), [['order_history', 'support_tickets', 'engagement_metrics']]);
    assert.deepEqual(ts.workflow.inputs, { customer_id: { type: 'string', description: 'Customer ID, e.g. C-1001 (from sales_top_customers output)' } });
    assert.deepEqual(argumentsOf(ts, 'order_history'), { customer_id: '${inputs.customer_id}' });
    assert.deepEqual(check(ts, example.tools), []);
    const rust = draftOf(() => seed, 'data-gathering');
    assert.deepEqual(rust.todos.map((t) => t.pointer), [0, 1, 2].map((i) => `/steps/0/parallel/${i}/arguments/customer_id`));
    assert.deepEqual(check(rust, example.tools), rust.todos.map((t) => `error workflow-todo: left to decide: ${t.why}; replace the "TODO: …" value`));
  });

  test('top-customer-brief: limit is an integer input with the default its description gives, order_history takes the first customer_id', () => {
    const draft = draftOf(() => example, 'top-customer-brief');
    assert.deepEqual(shape(draft.workflow.steps), ['sales_top_customers', 'order_history']);
    assert.deepEqual(draft.workflow.inputs, { limit: { type: 'integer', description: 'How many top customers to brief on (default 3)', default: 3 } });
    assert.deepEqual(argumentsOf(draft, 'sales_top_customers'), { limit: '${inputs.limit}' });
    assert.deepEqual(argumentsOf(draft, 'order_history'), { customer_id: TOP });
    assert.deepEqual(check(draft, example.tools), []);
  });

  test('the text is stable: "$schema" first, keys in the documented order, and the same for the same prompt', () => {
    const a = draftOf(() => example, 'customer-analysis');
    const b = draftOf(() => example, 'customer-analysis');
    assert.equal(a.text, b.text);
    assert.deepEqual(Object.keys(JSON.parse(a.text)), ['$schema', 'id', 'title', 'description', 'server', 'steps']);
    assert.match(a.text, /^\{\n {2}"\$schema": "\.\.\/schemas\/workflow\.schema\.json",\n {2}"id": "customer-analysis",/);
    assert.ok(a.text.endsWith('}\n'));
  });

  test('without a server name the draft says what to fill in, and the check reports it', () => {
    const prompt = example.prompts.find((p) => p.name === 'customer-analysis')!;
    const draft = draftWorkflow(prompt, example.tools);
    assert.deepEqual(draft.todos, [{ pointer: '/server', why: 'the key of "servers" in .vscode/mcp.json to run against' }]);
    assert.deepEqual(check(draft, example.tools), ['error workflow-todo: left to decide: the key of "servers" in .vscode/mcp.json to run against; replace the "TODO: …" value']);
  });

  test('retry guidance of a named tool becomes defaults.retry; a tool the workspace lacks leaves a todo', async () => {
    const source = `server.registerPrompt('sync', { description: 'Sync accounts' }, () => ({ messages: [{ role: 'user', content: { type: 'text', text: 'First call \`external_api_call\` with endpoint="/crm/accounts", then use \`crm_push\` to store them.' } }] }));`;
    const prompt = (await extractFile('/ws/sync.ts', source)).prompts[0]!;
    const draft = draftWorkflow(prompt, example.tools, { server: 'example-stdio' });
    assert.deepEqual(draft.workflow.defaults, {
      retry: { RATE_LIMITED: { strategy: 'retry_after', maxAttempts: 3 }, TIMEOUT: { strategy: 'exponential', maxAttempts: 4 }, PERMISSION_DENIED: { strategy: 'never' } },
    });
    assert.deepEqual(argumentsOf(draft, 'external_api_call'), { endpoint: '/crm/accounts' });
    assert.deepEqual(draft.todos, [{ pointer: '/steps/1/arguments/TODO', why: 'no tool "crm_push" is declared in the workspace; check its name and write its arguments' }]);
    assert.deepEqual(check(draft, example.tools), [
      'error workflow-todo: left to decide: no tool "crm_push" is declared in the workspace; check its name and write its arguments; replace the "TODO: …" value',
      'error workflow-missing-tool: the workspace has no tool "crm_push"',
    ]);
  });
});

test('"in batches of" a size no argument gives, with nothing counted before: the forEach is left to decide, and only the todos are reported', async () => {
  const source = `server.registerPrompt('batch', { description: 'Batches' }, () => ({ messages: [{ role: 'user', content: { type: 'text', text: '1. Use \`transform_records\` in batches of {{size}}\\n2. Use \`validate_target\`' } }] }));`;
  const prompt = (await extractFile('/ws/batch.ts', source)).prompts[0]!;
  const draft = draftWorkflow(prompt, example.tools, { server: 'example-stdio' });
  const transform = draft.workflow.steps[0] as ToolStep;
  assert.deepEqual(transform.forEach, { items: 'TODO: the list (or count) transform_records goes through in batches', batchSize: 'TODO: how many items a batch holds ("size")' });
  assert.deepEqual(draft.todos.map((t) => t.pointer), ['/steps/0/forEach/items', '/steps/0/forEach/batchSize', '/steps/0/arguments/backup_id']);
  assert.deepEqual(check(draft, example.tools).map((d) => d.split(':')[0]), ['error workflow-todo', 'error workflow-todo', 'error workflow-todo']);
});

test('"ID from find_candidates output" on candidate_id finds candidates[0].id', async () => {
  const source = `server.registerPrompt('review', { description: 'Review' }, () => ({ messages: [{ role: 'user', content: { type: 'text', text: 'Call \`find_candidates\` with criterion=high_value, then use \`process_candidate\` on the first one.' } }] }));`;
  const draft = draftWorkflow((await extractFile('/ws/review.ts', source)).prompts[0]!, example.tools, { server: 'example-stdio' });
  assert.deepEqual(argumentsOf(draft, 'find_candidates'), { criterion: 'high_value' });
  assert.deepEqual(argumentsOf(draft, 'process_candidate'), { candidate_id: '${steps.find_candidates.result.candidates[0].id}' });
  assert.deepEqual(check(draft, example.tools), []);
});
