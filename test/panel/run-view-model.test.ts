// The run view's model from real runs: the example workflows run by the real runner against the real example
// server, their events folded by applyRunEvent, and the same runs' audit logs (written by the real
// openAuditLog listener) read back with eventsFromAuditLog and folded to the same model.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openAuditLog } from '../../src/core/workflow/audit';
import type { RunEvent } from '../../src/core/workflow/events';
import { outlineOf } from '../../src/core/workflow/outline';
import { applyRunEvent, eventsFromAuditLog, initialRunView, reduceRunEvents, referencesOf, type RunView } from '../../src/core/workflow/run-view-model';
import type { RunnerOptions, RunSummary } from '../../src/core/workflow/runner';
import type { Workflow } from '../../src/core/workflow/types';
import { loadExample, record, serve, tempDir, tempStore, type Served } from '../runner/helpers';

/** A real run, its live model, and the model of its audit log. */
async function run(workflow: Workflow, options: Omit<RunnerOptions, 'workflow' | 'connection'>, served: Served): Promise<{ summary: RunSummary; events: RunEvent[]; live: RunView; replayed: RunView; logText: string }> {
  const file = join(tempDir(), 'audit.jsonl');
  const audit = openAuditLog(file, { actor: 'test', secrets: () => [] });
  let live = initialRunView(outlineOf(workflow));
  const { summary, events } = await record({ workflow, connection: served.connection, ...options }, (event) => {
    audit.listener(event);
    live = applyRunEvent(live, event);
  });
  audit.close();
  const logText = readFileSync(file, 'utf8');
  const replayed = reduceRunEvents(initialRunView(outlineOf(workflow)), eventsFromAuditLog(logText));
  return { summary, events, live, replayed, logText };
}

describe('run view model over real runs of the example workflows', () => {
  let served: Served;
  before(async () => {
    served = await serve('stdio');
  });
  after(async () => {
    await served?.stop();
  });

  test('customer-analysis: a live run and its audit log reduce to deep-equal models', async () => {
    const { summary, events, live, replayed, logText } = await run(loadExample('customer-analysis.workflow.json'), { inputs: { limit: 1 } }, served);
    assert.equal(summary.ok, true, summary.message);
    assert.equal(logText.trim().split('\n').length, events.length, 'one audit line per event');
    assert.deepEqual(eventsFromAuditLog(logText).map((e) => e.type), events.map((e) => e.type));
    assert.deepEqual(replayed, live);
    assert.equal(live.status, 'done');
    assert.equal(live.runId, summary.runId);
  });

  test('customer-analysis: the parallel group has three lanes, wall time and the sum of its lanes; chips name top', async () => {
    const { summary, live } = await run(loadExample('customer-analysis.workflow.json'), { inputs: { limit: 1 } }, served);
    assert.equal(summary.ok, true, summary.message);
    assert.deepEqual(live.order, ['top', 'gather', 'report']);
    const gather = live.steps['gather']!;
    assert.deepEqual(gather.lanes, ['orders', 'tickets', 'engagement']);
    assert.equal(gather.status, 'done');
    assert.equal(typeof gather.durationMs, 'number');
    const lanes = gather.lanes!.map((id) => live.steps[id]!);
    assert.ok(lanes.every((l) => l.status === 'done' && l.parent === 'gather' && typeof l.durationMs === 'number'));
    assert.equal(gather.sumMs, lanes.reduce((a, l) => a + l.durationMs!, 0));
    const topId = (live.steps['top']!.result as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
    for (const id of ['orders', 'tickets', 'engagement', 'report']) {
      const step = live.steps[id]!;
      assert.deepEqual(step.references.filter((r) => r.kind === 'step'), [{ kind: 'step', argument: 'customer_id', stepId: 'top', field: 'customers[0].customer_id', expression: 'steps.top.result.customers[0].customer_id' }], id);
      assert.equal((step.arguments as { customer_id: string }).customer_id, topId, `${id} got the resolved id`);
      assert.equal(step.attempts, 1);
    }
    assert.deepEqual(live.steps['top']!.references, [{ kind: 'input', argument: 'limit', input: 'limit', expression: 'inputs.limit' }]);
    assert.deepEqual(live.steps['top']!.arguments, { limit: 1 });
  });

  test('safe-migration with a failing batch: the transform fails at batch 2/3, the rollback to the checkpoint is shown, nothing after it ran', async () => {
    const workflow = loadExample('safe-migration.workflow.json');
    const transform = workflow.steps.find((s) => s.id === 'transform') as { arguments: Record<string, unknown> };
    transform.arguments['fail_batch'] = 1;
    const { summary, live, replayed } = await run(workflow, { inputs: { batch_size: 100 }, checkpoints: tempStore() }, served);
    assert.equal(summary.outcome, 'rolled-back');
    assert.deepEqual(replayed, live, 'the replayed log shows the same rollback');
    assert.equal(live.status, 'rolled-back');
    const t = live.steps['transform']!;
    assert.equal(t.status, 'failed');
    assert.equal(t.error?.code, 'BATCH_FAILED');
    assert.deepEqual(t.batch, { index: 1, count: 3 });
    assert.deepEqual(t.progress, { progress: 50, total: 100, message: 'batch 1: 50/100 records' }, "the failing call's own progress, not batch 1's");
    assert.deepEqual(live.checkpoints.map((c) => [c.stepId, c.name]), [['saved', 'before-transform']]);
    assert.equal(live.steps['saved']!.checkpoint?.name, 'before-transform');
    assert.deepEqual(live.steps['saved']!.calls, ['saved#save'], "the checkpoint's server-side save is shown inside it");
    assert.equal(live.steps['saved#save']!.status, 'done');
    assert.deepEqual({ ...live.rollback, message: undefined }, { failedStep: 'transform', checkpoint: 'before-transform', ok: true, steps: ['restore'], message: undefined });
    assert.match(live.rollback!.message!, /rolled back to checkpoint "before-transform"/);
    assert.equal(live.steps['restore']!.extra, true);
    assert.equal(live.steps['restore']!.status, 'done');
    assert.equal(live.steps['verify']!.status, 'pending', 'verify never ran');
    assert.deepEqual(live.order, ['validate', 'backup', 'saved', 'transform', 'verify', 'restore']);
    assert.deepEqual(live.steps['transform']!.references.map((r) => (r.kind === 'step' ? `${r.argument}<-${r.stepId}.${r.field}` : `${r.argument}<-inputs.${r.input}`)), ['backup_id<-backup.backup_id']);
  });

  test('approval denied: the gate card holds summary, affected and the decision; nothing after the gate', async () => {
    const { summary, live, replayed } = await run(loadExample('approval.workflow.json'), { inputs: {}, approve: async () => ({ approved: false, actor: 'bob', reason: 'not today' }) }, served);
    assert.equal(summary.outcome, 'denied');
    assert.deepEqual(replayed, live);
    assert.equal(live.status, 'denied');
    const gate = live.steps['confirm']!;
    assert.equal(gate.status, 'failed');
    assert.equal(gate.error?.code, 'DENIED');
    assert.match(gate.approval!.summary, /^Escalate \d+ at-risk customer\(s\)/);
    assert.ok(Array.isArray(gate.approval!.affected) && gate.approval!.affected.length > 0);
    assert.equal(gate.approval!.reversible, false);
    assert.deepEqual(gate.approval!.decision, { approved: false, actor: 'bob', reason: 'not today' });
    assert.equal(live.steps['log']!.status, 'pending');
    assert.equal(live.steps['process']!.status, 'pending');
    assert.equal(live.steps['log']!.references.find((r) => r.kind === 'step' && r.stepId === 'confirm')?.argument, 'actor');
  });

  test('approval approved: the decision, then every forEach batch', async () => {
    const { summary, live } = await run(loadExample('approval.workflow.json'), { inputs: {}, approve: async () => ({ approved: true, actor: 'alice' }) }, served);
    assert.equal(summary.ok, true, summary.message);
    assert.deepEqual(live.steps['confirm']!.approval!.decision, { approved: true, actor: 'alice' });
    const p = live.steps['process']!;
    assert.equal(p.status, 'done');
    assert.equal(p.batch!.index, p.batch!.count - 1);
    assert.deepEqual(p.progress, { progress: p.batch!.count, total: p.batch!.count, message: `batch ${p.batch!.count}/${p.batch!.count} done` });
  });
});

describe('run view model, by hand', () => {
  const ev = (e: Record<string, unknown>): RunEvent => ({ runId: 'r1', workflowId: 'w', time: '2026-12-01T00:00:00.000Z', ...e }) as RunEvent;

  test('a retry: retrying with code, attempt/max, delay and the event time; the next attempt runs again', () => {
    let v = initialRunView([{ id: 'a', kind: 'tool', tool: 't' }]);
    v = applyRunEvent(v, ev({ type: 'step-started', stepId: 'a', kind: 'tool', tool: 't', arguments: {}, attempt: 1 }));
    v = applyRunEvent(v, ev({ type: 'retry-scheduled', stepId: 'a', code: 'RATE_LIMITED', attempt: 1, maxAttempts: 3, delayMs: 2000, message: 'slow down', time: '2026-12-01T00:00:01.000Z' }));
    assert.equal(v.steps['a']!.status, 'retrying');
    assert.deepEqual(v.steps['a']!.retry, { code: 'RATE_LIMITED', attempt: 1, maxAttempts: 3, delayMs: 2000, at: '2026-12-01T00:00:01.000Z', message: 'slow down' });
    const before = v;
    v = applyRunEvent(v, ev({ type: 'step-started', stepId: 'a', kind: 'tool', tool: 't', arguments: {}, attempt: 2 }));
    assert.equal(v.steps['a']!.status, 'running');
    assert.equal(v.steps['a']!.attempts, 2);
    assert.equal(v.steps['a']!.retry, undefined);
    assert.equal(before.steps['a']!.status, 'retrying', 'the earlier view is not changed');
  });

  test('events of another run are ignored; a skipped step keeps its condition', () => {
    let v = initialRunView([{ id: 'a', kind: 'tool', tool: 't', when: '${inputs.go}' }]);
    v = applyRunEvent(v, ev({ type: 'run-started', server: 's', inputs: {}, stepIds: ['a'] }));
    v = applyRunEvent(v, ev({ type: 'step-done', stepId: 'a', outcome: 'skipped', durationMs: 0, runId: 'other' }));
    assert.equal(v.steps['a']!.status, 'pending');
    v = applyRunEvent(v, ev({ type: 'step-done', stepId: 'a', outcome: 'skipped', durationMs: 0 }));
    assert.equal(v.steps['a']!.status, 'skipped');
    assert.equal(v.steps['a']!.when, '${inputs.go}');
  });

  test('references in nested arguments, text splices and malformed ones', () => {
    assert.deepEqual(referencesOf({ state: { backup_id: '${steps.backup.result.backup_id}' }, list: ['x ${steps.a.result.n} of ${inputs.total}'], bad: '${steps.', esc: '$${steps.a.result}' }), [
      { kind: 'step', argument: 'state.backup_id', stepId: 'backup', field: 'backup_id', expression: 'steps.backup.result.backup_id' },
      { kind: 'step', argument: 'list[0]', stepId: 'a', field: 'n', expression: 'steps.a.result.n' },
      { kind: 'input', argument: 'list[0]', input: 'total', expression: 'inputs.total' },
    ]);
  });

  test('an audit log with a torn last line and a blank line still gives its complete entries', () => {
    const line = JSON.stringify({ timestamp: 't', workflow_id: 'w', run_id: 'r', step: null, actor: 'x', action: 'run-done', details: { ok: true, outcome: 'done', durationMs: 5 } });
    assert.deepEqual(eventsFromAuditLog(`${line}\n\n{"timestamp":`), [{ type: 'run-done', runId: 'r', workflowId: 'w', time: 't', ok: true, outcome: 'done', durationMs: 5 }]);
  });
});
