// The runner against the real example server, over stdio and over Streamable HTTP: IDs carried between
// steps, the parallel group, approvals, retries by error code, progress, rollback to a checkpoint, expect.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadExample, ofType, record, serve, tempStore, transports, workflowOf, type Served } from './helpers';

for (const transport of transports) {
  describe(`runner over ${transport}`, () => {
    let served: Served;
    before(async () => {
      served = await serve(transport);
    });
    after(async () => {
      await served.stop();
    });

    test('carries the top customer id into the three parallel steps, then reports', async () => {
      const { summary, events } = await record({ workflow: loadExample('customer-analysis.workflow.json'), connection: served.connection, inputs: { limit: 1 } });
      assert.equal(summary.ok, true, summary.message);
      const top = (summary.steps['top']?.result as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
      assert.match(top, /^C-\d+$/);
      const started = ofType(events, 'step-started').filter((e) => e.parent === 'gather');
      assert.deepEqual(started.map((e) => e.stepId).sort(), ['engagement', 'orders', 'tickets']);
      for (const e of started) assert.deepEqual(e.arguments, { customer_id: top });
      // All three were sent before any of them finished: the group really ran concurrently.
      const firstDone = events.findIndex((e) => e.type === 'step-done' && e.parent === 'gather');
      const lastStart = Math.max(...started.map((e) => events.indexOf(e)));
      assert.ok(lastStart < firstDone, 'a parallel step finished before all three had started');
      for (const id of ['orders', 'tickets', 'engagement']) {
        assert.equal((summary.steps[id]?.result as { customer_id: string }).customer_id, top);
      }
      assert.equal((summary.steps['report']?.result as { customer: { customer_id: string } }).customer.customer_id, top);
    });

    test('an approved gate lets the run go on; a denied one stops it and nothing after it runs', async () => {
      const workflow = loadExample('approval.workflow.json');
      const yes = await record({ workflow, connection: served.connection, inputs: {}, approve: async () => ({ approved: true, actor: 'alice' }) });
      assert.equal(yes.summary.ok, true, yes.summary.message);
      const asked = ofType(yes.events, 'waiting-for-approval')[0]!;
      assert.equal(asked.reversible, false);
      assert.ok(Array.isArray(asked.affected) && asked.affected.length > 0, 'the affected entities are shown');
      assert.equal(ofType(yes.events, 'approved')[0]?.actor, 'alice');
      assert.ok(yes.summary.steps['process']?.ok);

      const no = await record({ workflow, connection: served.connection, inputs: {}, approve: async () => ({ approved: false, actor: 'bob', reason: 'not today' }) });
      assert.equal(no.summary.ok, false);
      assert.equal(no.summary.outcome, 'denied');
      assert.equal(ofType(no.events, 'denied')[0]?.actor, 'bob');
      const ran = ofType(no.events, 'step-started').map((e) => e.stepId);
      assert.deepEqual(ran, ['find', 'confirm']);
    });

    test('a reference that fails at run time in an approval summary fails that step with an event and a record', async () => {
      const workflow = workflowOf({
        id: 'bad-summary',
        server: 'example',
        steps: [
          { id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } },
          { id: 'confirm', approval: { summary: 'Contact ${steps.top.result.customers[3].customer_id}?', reversible: true } },
          { id: 'after', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].customer_id}' } },
        ],
      });
      const { summary, events } = await record({ workflow, connection: served.connection, inputs: {}, approve: async () => ({ approved: true, actor: 'alice' }) });
      assert.equal(summary.ok, false);
      const failed = ofType(events, 'step-failed').find((e) => e.stepId === 'confirm');
      assert.equal(failed?.code, 'BAD_REFERENCE', JSON.stringify(events.map((e) => e.type)));
      assert.equal(summary.steps['confirm']?.code, 'BAD_REFERENCE');
      assert.ok(!ofType(events, 'step-started').some((e) => e.stepId === 'after'), 'a step after the failed one ran');
    });

    test('RATE_LIMITED waits retry_after_seconds, TIMEOUT backs off, PERMISSION_DENIED is not retried', async () => {
      const key = `${transport}-${Date.now()}`;
      const call = (id: string, error: string, times: number) => ({
        id,
        tool: 'external_api_call',
        arguments: { endpoint: '/crm/accounts', request_key: `${key}-${id}`, simulate: { error, times, retry_after_seconds: 0.05 } },
        retry: {
          RATE_LIMITED: { strategy: 'retry_after', maxAttempts: 3 },
          TIMEOUT: { strategy: 'exponential', maxAttempts: 4, baseDelayMs: 10 },
          PERMISSION_DENIED: { strategy: 'never' },
        },
        onError: 'continue',
      });
      const workflow = workflowOf({ id: 'retries', server: 's', steps: [call('limited', 'RATE_LIMITED', 2), call('slow', 'TIMEOUT', 3), call('denied', 'PERMISSION_DENIED', 1)] });
      const { summary, events } = await record({ workflow, connection: served.connection, inputs: {} });
      const retries = (id: string) => ofType(events, 'retry-scheduled').filter((e) => e.stepId === id);
      assert.deepEqual(retries('limited').map((e) => [e.code, e.delayMs]), [['RATE_LIMITED', 50], ['RATE_LIMITED', 50]]);
      assert.equal((summary.steps['limited']?.result as { attempt: number }).attempt, 3);
      assert.deepEqual(retries('slow').map((e) => [e.code, e.delayMs]), [['TIMEOUT', 10], ['TIMEOUT', 20], ['TIMEOUT', 40]]);
      assert.equal((summary.steps['slow']?.result as { attempt: number }).attempt, 4);
      assert.deepEqual(retries('denied'), []);
      assert.equal(summary.steps['denied']?.code, 'PERMISSION_DENIED');
      assert.equal(ofType(events, 'step-started').filter((e) => e.stepId === 'denied').length, 1);
      assert.equal(summary.ok, false, 'a failed step fails the run even with onError: continue');
    });

    test('server progress notifications become progress events', async () => {
      const workflow = workflowOf({ id: 'progress', server: 's', steps: [{ id: 'work', tool: 'slow_task', arguments: { duration_ms: 150, steps: 5 } }] });
      const { summary, events } = await record({ workflow, connection: served.connection, inputs: {} });
      assert.equal(summary.ok, true, summary.message);
      const progress = ofType(events, 'progress').filter((e) => e.stepId === 'work');
      assert.ok(progress.length >= 3, `expected progress events, got ${progress.length}`);
      assert.equal(progress[0]?.total, 5);
      assert.ok(progress.every((p, i) => i === 0 || p.progress > progress[i - 1]!.progress), 'progress rises');
    });

    test('a failing batch rolls back to its checkpoint', async () => {
      const own = await serve(transport);
      try {
        const example = loadExample('safe-migration.workflow.json');
        const transform = example.steps.find((s) => s.id === 'transform') as { arguments: Record<string, unknown> };
        transform.arguments['fail_batch'] = 1;
        const store = tempStore();
        const { summary, events } = await record({ workflow: example, connection: own.connection, inputs: { batch_size: 100 }, checkpoints: store });
        assert.equal(summary.ok, false);
        assert.equal(summary.outcome, 'rolled-back');
        assert.equal(summary.steps['transform']?.code, 'BATCH_FAILED');
        assert.match(summary.steps['transform']?.message ?? '', /batch 2\/3 failed/);
        const rolled = ofType(events, 'rolled-back')[0]!;
        assert.equal(rolled.checkpoint, 'before-transform');
        assert.equal(rolled.ok, true, rolled.message);
        const restore = summary.steps['restore']?.result as { restored: boolean; migrated_count: number };
        assert.equal(restore.restored, true);
        assert.equal(restore.migrated_count, 0, 'the half-migrated store is back to the checkpoint');
        assert.equal(ofType(events, 'step-started').some((e) => e.stepId === 'verify'), false);
        assert.ok(ofType(events, 'progress').some((e) => e.stepId === 'transform'), 'batches report progress');
      } finally {
        await own.stop();
      }
    });

    test('a failed expect fails the run', async () => {
      const workflow = workflowOf({
        id: 'expect',
        server: 's',
        steps: [{ id: 'top', tool: 'sales_top_customers', arguments: { limit: 2 }, expect: [{ path: 'customers.length', equals: 3 }, { path: 'customers[0].revenue', greaterThan: 0 }] }],
      });
      const { summary, events } = await record({ workflow, connection: served.connection, inputs: {} });
      assert.equal(summary.ok, false);
      assert.equal(summary.steps['top']?.code, 'EXPECT_FAILED');
      assert.match(ofType(events, 'step-failed')[0]!.message, /expected customers\.length to equal 3, but it is 2/);
    });

    test('a state-machine tool is driven one state at a time through the caller', async () => {
      const workflow = workflowOf({
        id: 'onboarding',
        server: 's',
        steps: [{ id: 'onboard', stateMachine: { tool: 'workflow_execute', arguments: { workflow: 'customer_onboarding' }, inputs: { collect_details: { name: 'Ada', email: 'ada@example.com' }, provision_account: { plan: 'growth' } } } }],
      });
      const offered: string[] = [];
      const { summary } = await record({
        workflow,
        connection: served.connection,
        inputs: {},
        offerState: async (offer) => {
          offered.push(`${offer.state}:${offer.nextActions.length}`);
          return offer.suggestedInput ?? (offer.state === 'verify_email' ? { code: '123456' } : undefined);
        },
      });
      assert.equal(summary.ok, true, summary.message);
      assert.deepEqual(offered, ['collect_details:1', 'verify_email:1', 'provision_account:1']);
      assert.equal((summary.steps['onboard']?.result as { result: { plan: string } }).result.plan, 'growth');
    });
  });
}
