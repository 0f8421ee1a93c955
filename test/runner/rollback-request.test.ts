// A rollback asked for after a run ended (the run view's "Roll back to it" on a checkpoint): the workflow's
// rollback steps run with the saved run's results and `${checkpoint.name}` set to the chosen checkpoint, under
// the same run id, and the run ends rolled-back (or rollback-failed). Real runs of safe-migration against the
// real example server: the migration is undone on the server (its records are back to the checkpoint).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRollbackRunner } from '../../src/core/workflow/runner';
import { applyRunEvent, initialRunView, reduceRunEvents } from '../../src/core/workflow/run-view-model';
import { outlineOf } from '../../src/core/workflow/outline';
import { loadExample, loadSaved, ofType, record, serve, tempStore, type Served } from './helpers';
import type { RunEvent } from '../../src/core/workflow/events';

describe('rollback asked for after the run ended', () => {
  let served: Served;
  before(async () => {
    served = await serve('stdio');
  });
  after(() => served.stop());

  test('a finished safe-migration rolled back to before-transform: restore runs with the run id, records are back, outcome rolled-back', async () => {
    const workflow = loadExample('safe-migration.workflow.json');
    const store = tempStore();
    const first = await record({ workflow, connection: served.connection, inputs: { batch_size: 100 }, checkpoints: store });
    assert.equal(first.summary.outcome, 'done', first.summary.message);
    const migrated = (first.summary.steps['verify']!.result as { migrated_count: number }).migrated_count;
    assert.ok(migrated > 0);
    assert.ok('error' in store.load(first.summary.runId), 'a finished run is not resumable');
    const saved = loadSaved({ ...store, load: (id) => store.load(id, { finished: true }) }, first.summary.runId);

    const runner = createRollbackRunner({ workflow, connection: served.connection, inputs: {}, saved, checkpoint: 'before-transform', actor: 'ana (VS Code)', checkpoints: store });
    const events: RunEvent[] = [];
    runner.on((e) => events.push(e));
    const summary = await runner.run();
    assert.equal(runner.runId, first.summary.runId, 'the same run goes on');
    assert.equal(summary.outcome, 'rolled-back', summary.message);
    assert.equal(summary.message, 'rolled back to checkpoint "before-transform" as ana (VS Code) asked');
    const restore = summary.steps['restore']!.result as { restored: boolean; migrated_count: number; workflow_id: string };
    assert.equal(restore.restored, true);
    assert.equal(restore.workflow_id, first.summary.runId, '${run.id} is the original run');
    assert.ok(restore.migrated_count < migrated, `records are back to the checkpoint (${restore.migrated_count} migrated, was ${migrated})`);
    assert.deepEqual(ofType(events, 'rollback-started').map((e) => [e.checkpoint, e.requestedBy]), [['before-transform', 'ana (VS Code)']]);
    assert.deepEqual(events.map((e) => e.type).at(-1), 'run-done');
    assert.equal('error' in store.load(first.summary.runId), false, 'rolled back, the run can be resumed from its checkpoint to do the work again');

    // The timeline of the whole run (the run, then the rollback) shows both: every step done, then the rollback with its step.
    const view = reduceRunEvents(initialRunView(outlineOf(workflow)), [...first.events, ...events]);
    assert.equal(view.status, 'rolled-back');
    assert.equal(view.durationMs, first.summary.durationMs + summary.durationMs, 'the run took both parts\' time');
    assert.equal(view.steps['verify']!.status, 'done');
    assert.deepEqual(view.rollback && { ...view.rollback }, { failedStep: 'saved', checkpoint: 'before-transform', requestedBy: 'ana (VS Code)', ok: true, message: summary.message, steps: ['restore'] });
  });

  test('the view of a resumed run: its second run-started clears the first part\'s outcome; a second rollback lists its steps again', () => {
    const workflow = loadExample('safe-migration.workflow.json');
    const at = (type: string, extra: object): RunEvent => ({ type, runId: 'r1', workflowId: 'safe-migration', time: '2026-12-02T00:00:00.000Z', ...extra }) as RunEvent;
    let view = initialRunView(outlineOf(workflow));
    view = reduceRunEvents(view, [
      at('run-started', { server: 's', inputs: {}, stepIds: [] }),
      at('rollback-started', { stepId: 'transform', checkpoint: 'before-transform' }),
      at('step-started', { stepId: 'restore', kind: 'tool', tool: 'workflow_rollback' }),
      at('step-done', { stepId: 'restore', outcome: 'done', durationMs: 3 }),
      at('rolled-back', { stepId: 'transform', checkpoint: 'before-transform', ok: true, message: 'rolled back' }),
      at('run-done', { ok: false, outcome: 'rolled-back', durationMs: 10, message: 'transform: failed' }),
    ]);
    assert.deepEqual(view.rollback?.steps, ['restore']);
    const resumed = applyRunEvent(view, at('run-started', { server: 's', inputs: {}, stepIds: [], resumedFrom: 'before-transform' }));
    assert.equal(resumed.status, 'running');
    assert.equal(resumed.message, undefined);
    assert.equal(resumed.durationMs, undefined);
    assert.equal(resumed.rollback, undefined, 'the earlier rollback is not this part\'s');
    assert.equal(resumed.resumedFrom, 'before-transform');
    const again = reduceRunEvents(resumed, [
      at('rollback-started', { stepId: 'saved', checkpoint: 'before-transform', requestedBy: 'ana' }),
      at('step-started', { stepId: 'restore', kind: 'tool', tool: 'workflow_rollback' }),
    ]);
    assert.deepEqual(again.rollback?.steps, ['restore'], 'the rollback step already known from the first rollback belongs to this one');
  });
});
