// Issue 13, cases 1, 3 and 4: a run that is interrupted (Ctrl-C or Ctrl-D at an approval prompt, SIGINT or
// SIGTERM mid-step) ends with the true outcome, a complete audit log and the conventional exit code, against
// the real CLI and the real example server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { AuditEntry } from '../../src/core/workflow/audit';
import { root, tempDir } from './helpers';
import { spawnCliOnPty } from './pty';

const config = join(root, 'examples', '.vscode', 'mcp.json');
const approval = join(root, 'examples', 'approval.workflow.json');

function readAudit(file: string): AuditEntry[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as AuditEntry);
}

describe('interruptions', () => {
  for (const [key, name, code, reason] of [
    ['\x03', 'Ctrl-C', 130, /interrupted \(Ctrl-C\)/],
    ['\x04', 'Ctrl-D', 1, /end of input \(Ctrl-D\)/],
  ] as const) {
    test(`case 1: ${name} at an approval prompt is a denial: logged, exit ${code}, nothing after it run`, { timeout: 30_000 }, async (t) => {
      const dir = tempDir();
      const audit = join(dir, 'audit.jsonl');
      const cli = spawnCliOnPty(['run', approval, '--config', config, '--audit', audit], dir);
      t.after(() => cli.stop());
      await cli.waitFor(/Type yes to proceed: /);
      cli.type(key);
      assert.equal(await cli.exited, code, cli.output());
      const lines = readAudit(audit);
      const actions = lines.map((l) => l.action);
      assert.deepEqual(actions.slice(-4), ['waiting-for-approval', 'denied', 'step-failed', 'run-done'], actions.join(' '));
      assert.match(String(lines.find((l) => l.action === 'denied')?.details['reason']), reason);
      const done = lines.at(-1)!;
      assert.equal(done.details['ok'], false);
      assert.equal(done.details['outcome'], code === 130 ? 'interrupted' : 'denied');
      assert.ok(!lines.some((l) => l.action === 'step-started' && l.step === 'log'), 'a step after the gate ran');
      assert.match(cli.output(), /✗ approval (stopped: approval denied|interrupted)/);
    });
  }
});
