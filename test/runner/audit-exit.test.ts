// The audit log's entries still reach the file when the process exits with some not yet written (process.exit right
// after a step started), for every log open at once; and many logs open at once cost one 'exit' listener, not one each
// (20 concurrent runs passed Node's limit of 10 and printed a MaxListenersExceededWarning).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openAuditLog } from '../../src/core/workflow/audit';
import { root, tempDir } from './helpers';

describe('audit logs and the process exit', () => {
  test('25 logs open at once add one exit listener, and closing them removes it', () => {
    const dir = tempDir();
    const before = process.listenerCount('exit');
    const logs = Array.from({ length: 25 }, (_, i) => openAuditLog(join(dir, `${i}.jsonl`), { actor: 'ci', secrets: () => [] }));
    assert.equal(process.listenerCount('exit'), before + 1);
    for (const log of logs) log.close();
    assert.equal(process.listenerCount('exit'), before);
  });

  test('an exit right after an entry that waits to be written still writes it, in each of three open logs', () => {
    const dir = tempDir();
    const script = `
      const { openAuditLog } = require(${JSON.stringify(join(root, 'src', 'core', 'workflow', 'audit.ts'))});
      const logs = [0, 1, 2].map((i) => openAuditLog(${JSON.stringify(dir)} + '/' + i + '.jsonl', { actor: 'ci', secrets: () => [] }));
      const one = logs.map((l) => openAuditLog(l.file + '.closed', { actor: 'ci', secrets: () => [] }));
      for (const l of one) l.close();
      for (const [i, log] of logs.entries()) log.listener({ type: 'step-started', stepId: 'top' + i, kind: 'tool', tool: 'top_customers', runId: 'r', workflowId: 'w', time: new Date(0).toISOString() });
      process.exit(3);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 3, r.stderr);
    for (const i of [0, 1, 2]) {
      const entry = JSON.parse(readFileSync(join(dir, `${i}.jsonl`), 'utf8').trim()) as { action: string; step: string };
      assert.deepEqual([entry.action, entry.step], ['step-started', `top${i}`]);
    }
  });
});
