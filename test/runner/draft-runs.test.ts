// Drafted workflows run green: "Draft workflow file" on guided prompts of the example server and of the seed's
// Rust fixture, loaded as a file would be, then run by the real runner against the real example server (stdio).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PromptDef, ToolDef } from '../../src/core/model';
import { nodeHost } from '../../src/core/node-host';
import { checkWorkflowText } from '../../src/core/workflow/check';
import { draftWorkflow } from '../../src/core/workflow/draft';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { toToolInfos } from '../../src/core/workflow/source-tools';
import { WorkspaceIndex } from '../../src/core/workspace';
import { ofType, record, root, serve, tempStore, type Served } from './helpers';

async function promptsAndTools(folder: string): Promise<{ prompts: PromptDef[]; tools: ToolDef[] }> {
  const index = new WorkspaceIndex();
  await index.addPaths(nodeHost, [join(root, folder)]);
  return { prompts: index.models().flatMap((m) => m.prompts), tools: index.models().flatMap((m) => m.tools) };
}

describe('drafted workflows against the example server (stdio)', () => {
  let served: Served;
  let example: Awaited<ReturnType<typeof promptsAndTools>>;
  let seed: Awaited<ReturnType<typeof promptsAndTools>>;
  before(async () => {
    [served, example, seed] = await Promise.all([serve('stdio'), promptsAndTools('examples/server'), promptsAndTools('test/fixtures/rust/seed')]);
  });
  after(async () => {
    await served.stop();
  });

  /** Drafts, checks against the sources' tools and against the live server's tools/list, loads and runs. */
  async function draftAndRun(from: () => { prompts: PromptDef[] }, name: string, inputs: Record<string, unknown> = {}) {
    const prompt = from().prompts.find((p) => p.name === name)!;
    const draft = draftWorkflow(prompt, example.tools, { server: 'example-stdio' });
    assert.deepEqual(draft.todos, []);
    assert.deepEqual(checkWorkflowText(`${name}.workflow.json`, draft.text, toToolInfos(example.tools), 'the workspace'), []);
    const live = await served.connection.listTools();
    assert.deepEqual(checkWorkflowText(`${name}.workflow.json`, draft.text, live), []);
    const loaded = loadWorkflowText(`${name}.workflow.json`, draft.text);
    assert.ok(loaded.workflow, loaded.diagnostics.map((d) => d.message).join('; '));
    return record({ workflow: loaded.workflow, connection: served.connection, inputs, checkpoints: tempStore() });
  }

  for (const [label, from] of [['TypeScript (examples/server/prompts.ts)', () => example], ['Rust seed (test/fixtures/rust/seed/)', () => seed]] as const) {
    test(`customer-analysis of the ${label}: done, the top customer's id carried into the parallel group`, async () => {
      const { summary, events } = await draftAndRun(from, 'customer-analysis');
      assert.equal(summary.outcome, 'done', summary.message);
      const top = (summary.steps['sales_top_customers']?.result as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
      assert.equal(top, 'C-1001');
      const started = ofType(events, 'step-started').filter((e) => e.parent === 'parallel');
      assert.deepEqual(started.map((e) => e.stepId).sort(), ['engagement_metrics', 'order_history', 'support_tickets']);
      for (const e of started) assert.deepEqual(e.arguments, { customer_id: top });
    });

    test(`safe-data-migration of the ${label}: done, the 250 records transformed in batches of 100 with the backup_id`, async () => {
      const { summary, events } = await draftAndRun(from, 'safe-data-migration', from() === example ? { batch_size: 100 } : {});
      assert.equal(summary.outcome, 'done', summary.message);
      const backup = (summary.steps['create_backup']?.result as { backup_id: string }).backup_id;
      const batches = ofType(events, 'step-started').filter((e) => e.stepId === 'transform_records').map((e) => e.arguments);
      assert.deepEqual(batches, [0, 100, 200].map((offset) => ({ backup_id: backup, offset, size: offset === 200 ? 50 : 100 })));
      assert.equal((summary.steps['validate_target']?.result as { pending_count: number }).pending_count, 0);
    });
  }

  test('data-gathering (TypeScript): done with the customer_id input in all three parallel calls', async () => {
    const { summary, events } = await draftAndRun(() => example, 'data-gathering', { customer_id: 'C-1002' });
    assert.equal(summary.outcome, 'done', summary.message);
    for (const e of ofType(events, 'step-started').filter((x) => x.parent === 'parallel')) assert.deepEqual(e.arguments, { customer_id: 'C-1002' });
  });

  test('entity-management (TypeScript), its two todos filled in: the gates ask before update and delete, then it is done', async () => {
    const prompt = example.prompts.find((p) => p.name === 'entity-management')!;
    const draft = draftWorkflow(prompt, example.tools, { server: 'example-stdio' });
    assert.deepEqual(draft.todos.map((t) => t.pointer), ['/steps/2/arguments/name', '/steps/2/arguments/segment']);
    // What a person decides, written where the draft left its two TODO values.
    const filled = JSON.parse(draft.text);
    filled.steps[2].arguments = { name: 'Drafted Ltd', segment: 'smb' };
    const text = JSON.stringify(filled, null, 2);
    const loaded = loadWorkflowText('entity-management.workflow.json', text);
    assert.deepEqual(checkWorkflowText('entity-management.workflow.json', text, toToolInfos(example.tools), 'the workspace'), []);
    // Its own server: the run deletes a customer.
    const own = await serve('stdio');
    try {
      const asked: string[] = [];
      const { summary, events } = await record({ workflow: loaded.workflow!, connection: own.connection, inputs: {}, approve: async (r) => (asked.push(r.stepId), { approved: true, actor: 'test' }) });
      assert.equal(summary.outcome, 'done', summary.message);
      assert.deepEqual(asked, ['approve_customer_update', 'approve_customer_delete']);
      const order = ofType(events, 'step-started').map((e) => e.stepId);
      assert.deepEqual(order, ['customer_list', 'customer_get', 'customer_create', 'approve_customer_update', 'customer_update', 'approve_customer_delete', 'customer_delete']);
      assert.deepEqual(summary.steps['customer_delete']?.result, { customer_id: 'C-1001', deleted: true });
    } finally {
      await own.stop();
    }
  });

  test('top-customer-brief (TypeScript): done with limit 3, order_history of the first customer', async () => {
    const { summary } = await draftAndRun(() => example, 'top-customer-brief', { limit: 3 });
    assert.equal(summary.outcome, 'done', summary.message);
    assert.equal((summary.steps['sales_top_customers']?.result as { customers: unknown[] }).customers.length, 3);
    assert.equal((summary.steps['order_history']?.result as { customer_id: string }).customer_id, 'C-1001');
  });
});
