// The run history's record of a past run, read from the audit log a real run wrote: its workflow, start,
// outcome and duration; a run continued in the same log (resumed, or rolled back from the run view) is one run
// with its last outcome and the parts' summed duration; a log cut short (its process killed) has no outcome.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openAuditLog } from '../../src/core/workflow/audit';
import { runRecordOf } from '../../src/core/workflow/run-history';
import { createRollbackRunner, createRunner, type RunnerOptions } from '../../src/core/workflow/runner';
import { loadExample, loadSaved, serve, tempDir, tempStore, type Served } from './helpers';

describe('run history records', () => {
  let served: Served;
  before(async () => {
    served = await serve('stdio');
  });
  after(() => served.stop());

  const logged = async (file: string, make: () => ReturnType<typeof createRunner>, exclusive = true) => {
    const audit = openAuditLog(file, { actor: 'tester', secrets: () => [], exclusive });
    const runner = make();
    runner.on(audit.listener);
    const summary = await runner.run();
    audit.close();
    return summary;
  };

  test('a finished run, and the same run rolled back afterwards in its own log', async () => {
    const workflow = loadExample('safe-migration.workflow.json');
    const store = tempStore();
    const file = join(tempDir(), 'run.audit.jsonl');
    const options: RunnerOptions = { workflow, connection: served.connection, inputs: { batch_size: 100 }, checkpoints: store };
    const first = await logged(file, () => createRunner(options));
    const once = runRecordOf(readFileSync(file, 'utf8'))!;
    assert.deepEqual({ ...once, startedAt: undefined, durationMs: undefined }, { runId: first.runId, workflowId: 'safe-migration', server: 'example-stdio', startedAt: undefined, outcome: 'done', durationMs: undefined, continued: 0 });
    assert.equal(once.durationMs, first.durationMs);
    assert.match(once.startedAt, /^\d{4}-\d\d-\d\dT/);

    const saved = loadSaved({ ...store, load: (id) => store.load(id, { finished: true }) }, first.runId);
    const back = await logged(file, () => createRollbackRunner({ workflow, connection: served.connection, inputs: {}, saved, actor: 'tester' }), false);
    const twice = runRecordOf(readFileSync(file, 'utf8'))!;
    assert.equal(twice.outcome, 'rolled-back');
    assert.equal(twice.continued, 1);
    assert.equal(twice.durationMs, first.durationMs + back.durationMs);
    assert.equal(twice.startedAt, once.startedAt, 'the run started when its first part did');
  });

  test('a log cut short has no outcome; text that is no audit log is no run', () => {
    const lines = [
      JSON.stringify({ timestamp: '2026-12-02T01:00:00.000Z', workflow_id: 'w', run_id: 'r1', step: null, actor: 'a', action: 'run-started', details: { server: 's', inputs: {}, stepIds: ['a'] } }),
      JSON.stringify({ timestamp: '2026-12-02T01:00:00.010Z', workflow_id: 'w', run_id: 'r1', step: 'a', actor: 'a', action: 'step-started', details: { kind: 'tool' } }),
      '{"timestamp": "2026-12-02T01:00:00.0',
    ];
    const record = runRecordOf(lines.join('\n'));
    assert.equal(record?.runId, 'r1');
    assert.equal(record?.outcome, undefined);
    assert.equal(record?.durationMs, undefined);
    assert.equal(runRecordOf('{"not": "a log"}\n'), undefined);
    assert.equal(runRecordOf(''), undefined);
  });
});
