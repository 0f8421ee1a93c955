// The one-click confirmation before a destructive tool (issue 11): a tool whose annotations mark it destructive,
// or that has none, is confirmed before its first call when no approval step ran before it, unless the step says
// "confirm": false; a refusal ends the run as denied with nothing called. Real runs against the real example
// server, whose tools carry real annotations (external_api_call: readOnlyHint false, no destructiveHint).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ApprovalRequest } from '../../src/core/workflow/context';
import { destructiveReason } from '../../src/core/workflow/destructive';
import { loadExample, ofType, record, serve, workflowOf, type Served } from './helpers';

describe('confirmation of destructive tools', () => {
  let served: Served;
  let tools: Tool[];
  before(async () => {
    served = await serve('stdio');
    tools = await served.connection.listTools();
  });
  after(() => served.stop());

  const run = async (workflow: object, answer: boolean) => {
    const asked: ApprovalRequest[] = [];
    const recorded = await record({
      workflow: workflowOf(workflow),
      connection: served.connection,
      inputs: {},
      tools,
      approve: async () => ({ approved: true, actor: 'tester' }),
      confirmDestructive: async (request) => {
        asked.push(request);
        return { approved: answer, actor: 'tester' };
      },
    });
    return { ...recorded, asked };
  };
  const call = (id: string, confirm?: boolean) => ({ id, tool: 'external_api_call', arguments: { endpoint: `/crm/${id}`, request_key: `confirm-${id}-${Math.random()}` }, ...(confirm === undefined ? {} : { confirm }) });

  test('the spec reading of annotations: none, destructiveHint unset or true is destructive; read-only or destructiveHint false is not', () => {
    assert.match(destructiveReason({})!, /no annotations/);
    assert.match(destructiveReason({ annotations: { readOnlyHint: false } })!, /destructiveHint: false/);
    assert.match(destructiveReason({ annotations: { destructiveHint: true } })!, /mark it destructive/);
    assert.equal(destructiveReason({ annotations: { readOnlyHint: true, destructiveHint: true } }), undefined);
    assert.equal(destructiveReason({ annotations: { readOnlyHint: false, destructiveHint: false } }), undefined);
  });

  test('a destructive step with no approval before it is confirmed, with its arguments; confirmed, it runs', async () => {
    const r = await run({ id: 'w', server: 'example-stdio', steps: [{ id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } }, call('push')] }, true);
    assert.equal(r.summary.outcome, 'done');
    assert.deepEqual(r.asked.map((a) => [a.stepId, a.confirm?.tool]), [['push', 'external_api_call']]);
    assert.equal((r.asked[0]!.affected as { endpoint: string }).endpoint, '/crm/push');
    const waiting = ofType(r.events, 'waiting-for-approval');
    assert.equal(waiting.length, 1);
    assert.match(waiting[0]!.summary, /^Call external_api_call\? .*no approval step came before it/);
    assert.deepEqual(ofType(r.events, 'approved').map((e) => e.stepId), ['push']);
    assert.ok(ofType(r.events, 'step-done').some((e) => e.stepId === 'push' && e.outcome === 'done'));
  });

  test('refused, the run ends as denied and the tool is never called, nor anything after it', async () => {
    const r = await run({ id: 'w', server: 'example-stdio', steps: [call('push'), { id: 'after', tool: 'sales_top_customers', arguments: { limit: 1 } }] }, false);
    assert.equal(r.summary.outcome, 'denied');
    assert.deepEqual(ofType(r.events, 'denied').map((e) => e.stepId), ['push']);
    const calls = ofType(r.events, 'step-started').filter((e) => e.arguments !== undefined).map((e) => e.stepId);
    assert.deepEqual(calls, [], 'no tool call was made');
    assert.equal(ofType(r.events, 'step-failed')[0]?.code, 'DENIED');
  });

  test('"confirm": false, a read-only tool, or an approval step before it: nothing is asked', async () => {
    const r = await run({
      id: 'w',
      server: 'example-stdio',
      steps: [call('quiet', false), { id: 'read', tool: 'sales_top_customers', arguments: { limit: 1 } }, { id: 'gate', approval: { summary: 'go', reversible: true } }, call('covered')],
    }, false);
    assert.equal(r.summary.outcome, 'done', r.summary.message);
    assert.deepEqual(r.asked, []);
  });

  test('a destructive lane of a parallel group is confirmed too, and its refusal denies the run', async () => {
    const r = await run({ id: 'w', server: 'example-stdio', steps: [{ id: 'both', parallel: [{ id: 'read', tool: 'sales_top_customers', arguments: { limit: 1 } }, call('lane')] }] }, false);
    assert.deepEqual(r.asked.map((a) => a.stepId), ['lane']);
    assert.equal(r.summary.outcome, 'denied');
  });

  test('without confirmDestructive (the CLI) the same steps run unasked, as before', async () => {
    const r = await record({ workflow: workflowOf({ id: 'w', server: 'example-stdio', steps: [call('push')] }), connection: served.connection, inputs: {} });
    assert.equal(r.summary.outcome, 'done');
    assert.deepEqual(ofType(r.events, 'waiting-for-approval'), []);
  });

  test('safe-migration asks once, before transform_records (restore steps of a rollback are never held up)', async () => {
    const asked: string[] = [];
    const r = await record({
      workflow: loadExample('safe-migration.workflow.json'),
      connection: served.connection,
      inputs: { batch_size: 100 },
      tools,
      confirmDestructive: async (request) => {
        asked.push(request.stepId);
        return { approved: true, actor: 'tester' };
      },
    });
    assert.equal(r.summary.outcome, 'done', r.summary.message);
    assert.deepEqual(asked, ['transform']);
  });
});
