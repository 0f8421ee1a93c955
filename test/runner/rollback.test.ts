// Issue 13, case 3: a rollback that fails is its own outcome ("rollback-failed", exit 3), never "rolled back";
// a rollback is not cut short by the Ctrl-C that stopped the run, and a second Ctrl-C stops it and says so.
// The real CLI against the real example server; signals are real signals sent to the CLI's process.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { AuditEntry } from '../../src/core/workflow/audit';
import { exampleConfig, runCli, tempDir } from './helpers';
import { spawnCliOnPty } from './pty';

const config = exampleConfig();

function workflowFile(dir: string, work: object, rollback: object): string {
  const file = join(dir, 'migrate.workflow.json');
  writeFileSync(file, JSON.stringify({
    id: 'migrate',
    server: 'example-stdio',
    steps: [
      { id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } },
      { id: 'saved', checkpoint: { name: 'before-work' } },
      { id: 'work', onError: 'rollback', ...work },
    ],
    rollback: [{ id: 'restore', ...rollback }],
  }, null, 2));
  return file;
}

const denied = { tool: 'external_api_call', arguments: { endpoint: '/x', simulate: { error: 'PERMISSION_DENIED' } } };
const slow = { tool: 'slow_task', arguments: { duration_ms: 60000, steps: 600 } };
const quick = { tool: 'order_history', arguments: { customer_id: 'C-1001' } };
const missing = { tool: 'order_history', arguments: { customer_id: 'C-9999' } };

function readAudit(file: string): AuditEntry[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as AuditEntry);
}

describe('rollback outcomes', () => {
  test('case 3: a rollback that fails is reported as such: outcome rollback-failed, exit 3', async () => {
    const dir = tempDir();
    const audit = join(dir, 'audit.jsonl');
    const file = workflowFile(dir, denied, missing);
    const r = await runCli(['run', file, '--config', config, '--audit', audit], dir);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /✗ migrate failed, and its rollback failed too/);
    assert.doesNotMatch(r.stdout, /was rolled back/);
    const done = readAudit(audit).at(-1)!;
    assert.equal(done.action, 'run-done');
    assert.equal(done.details['outcome'], 'rollback-failed');
    const json = await runCli(['run', file, '--config', config, '--json'], dir);
    assert.equal(json.code, 3);
    assert.equal((JSON.parse(json.stdout) as { outcome: string }).outcome, 'rollback-failed');
  });

  test('case 3: the Ctrl-C that stops a run does not stop its rollback', { timeout: 30_000 }, async (t) => {
    const dir = tempDir();
    const audit = join(dir, 'audit.jsonl');
    const cli = spawnCliOnPty(['run', workflowFile(dir, slow, quick), '--config', config, '--audit', audit], dir);
    t.after(() => cli.stop());
    const pid = await cli.pid();
    await cli.waitFor(/work slow_task/);
    process.kill(pid, 'SIGINT');
    assert.equal(await cli.exited, 130, cli.output());
    const lines = readAudit(audit);
    assert.equal(lines.find((l) => l.action === 'step-done' && l.step === 'restore')?.action, 'step-done', lines.map((l) => `${l.action} ${l.step}`).join('\n'));
    assert.equal(lines.find((l) => l.action === 'rolled-back')?.details['ok'], true);
    assert.equal(lines.at(-1)?.details['outcome'], 'interrupted');
  });

  test('case 3: a second Ctrl-C stops the rollback, and says so', { timeout: 30_000 }, async (t) => {
    const dir = tempDir();
    const audit = join(dir, 'audit.jsonl');
    const cli = spawnCliOnPty(['run', workflowFile(dir, slow, slow), '--config', config, '--audit', audit], dir);
    t.after(() => cli.stop());
    const pid = await cli.pid();
    await cli.waitFor(/work slow_task/);
    process.kill(pid, 'SIGINT');
    await cli.waitFor(/Ctrl-C again stops the rollback/);
    process.kill(pid, 'SIGINT');
    assert.equal(await cli.exited, 130, cli.output());
    assert.match(cli.output(), /stopping the rollback/);
    const lines = readAudit(audit);
    const rolled = lines.find((l) => l.action === 'rolled-back');
    assert.equal(rolled?.details['ok'], false);
    assert.match(String(rolled?.details['message']), /rollback stopped by a second Ctrl-C/);
    assert.equal(lines.at(-1)?.details['outcome'], 'rollback-failed');
  });
});
