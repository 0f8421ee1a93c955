// Issue 13, cases 1, 3 and 4: a run that is interrupted (Ctrl-C or Ctrl-D at an approval prompt, SIGINT or
// SIGTERM mid-step) ends with the true outcome, a complete audit log and the conventional exit code, against
// the real CLI and the real example server.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { AuditEntry } from '../../src/core/workflow/audit';
import { connectServer } from '../../src/core/mcp/client';
import { exampleConfig, processAlive, root, startCli, startHttpServer, tempDir } from './helpers';
import { spawnCliOnPty } from './pty';

const config = exampleConfig();
const approval = join(root, 'examples', 'approval.workflow.json');

/** Resolves once `file` exists (it is written whole and renamed into place). */
function whenExists(file: string): Promise<void> {
  return new Promise((resolve) => {
    const dir = join(file, '..');
    const watcher = watch(dir, () => {
      if (existsSync(file)) {
        watcher.close();
        resolve();
      }
    });
    if (existsSync(file)) {
      watcher.close();
      resolve();
    }
  });
}


/** Running, and not a zombie waiting for its (gone) parent to be reaped by init. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

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

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    const code = 128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal];
    test(`case 4: ${signal} mid-step cancels the call, ends the audit log with run-done "interrupted", exit ${code}`, { timeout: 30_000 }, async (t) => {
      const http = await startHttpServer();
      t.after(() => http.stop());
      const dir = tempDir();
      const audit = join(dir, 'audit.jsonl');
      const taskId = `term-${signal}-${process.pid}`;
      const file = join(dir, 'slow.workflow.json');
      writeFileSync(file, JSON.stringify({ id: 'slow', server: 'example-http', steps: [{ id: 'work', tool: 'slow_task', arguments: { duration_ms: 60000, steps: 600, task_id: taskId } }] }));
      const port = new URL(http.url).port;
      const cli = spawnCliOnPty(['run', file, '--config', config, '--input', `example-port=${port}`, '--audit', audit], dir);
      t.after(() => cli.stop());
      const pid = await cli.pid();
      await cli.waitFor(/work slow_task/);
      process.kill(pid, signal);
      assert.equal(await cli.exited, code, cli.output());
      const lines = readAudit(audit);
      assert.deepEqual(lines.slice(-2).map((l) => l.action), ['step-failed', 'run-done'], lines.map((l) => l.action).join(' '));
      assert.equal(lines.at(-1)!.details['outcome'], 'interrupted');
      assert.match(String(lines.at(-1)!.details['message']), new RegExp(`interrupted \\(${signal === 'SIGINT' ? 'Ctrl-C' : signal}\\)`));
      // The server saw notifications/cancelled: task_status answers "cancelled" once the task stopped.
      const check = await connectServer('check', { type: 'http', url: http.url });
      try {
        const status = await check.callTool('task_status', { task_id: taskId, wait_ms: 10_000 });
        assert.equal((status.structuredContent as { status: string }).status, 'cancelled');
      } finally {
        await check.close();
      }
    });
  }

  test('case 4: SIGINT while the server is still in its handshake stops the server too, exit 130', { timeout: 30_000 }, async (t) => {
    const dir = tempDir();
    mkdirSync(join(dir, '.vscode'));
    const pidFile = join(dir, 'server.pid');
    writeFileSync(join(dir, '.vscode', 'mcp.json'), JSON.stringify({ servers: { silent: { type: 'stdio', command: process.execPath, args: [join(root, 'test', 'runner', 'fixtures', 'silent-server.mjs')], env: { SILENT_PID_FILE: pidFile } } } }));
    const file = join(dir, 'silent.workflow.json');
    writeFileSync(file, JSON.stringify({ id: 'silent', server: 'silent', steps: [{ id: 'a', tool: 'anything' }] }));
    const cli = startCli(['run', file], dir);
    t.after(() => cli.child.kill('SIGKILL'));
    await whenExists(pidFile);
    const serverPid = Number(readFileSync(pidFile, 'utf8'));
    t.after(() => {
      if (processAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
    });
    cli.child.kill('SIGINT');
    const r = await cli.result;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /interrupted \(Ctrl-C\) while starting server "silent"/);
    assert.equal(processAlive(serverPid), false, 'the server process was left running');
  });

  for (const how of ['done', 'SIGTERM'] as const) {
    // Not on a terminal: closing one would hang up its whole process group, helpers included, and hide the bug.
    test(`case 4: the processes a stdio server started are stopped with it (${how === 'done' ? 'a run that ends' : 'SIGTERM as it starts'})`, { timeout: 30_000 }, async (t) => {
      const dir = tempDir();
      mkdirSync(join(dir, '.vscode'));
      const pidFile = join(dir, 'helper.pid');
      writeFileSync(join(dir, '.vscode', 'mcp.json'), JSON.stringify({ servers: { family: { type: 'stdio', command: process.execPath, args: [join(root, 'test', 'runner', 'fixtures', 'family-server.mjs')], env: { FAMILY_PID_FILE: pidFile } } } }));
      const file = join(dir, 'family.workflow.json');
      writeFileSync(file, JSON.stringify({ id: 'family', server: 'family', steps: [{ id: 'ping', tool: 'ping' }] }));
      const cli = startCli(['run', file], dir);
      t.after(() => cli.child.kill('SIGKILL'));
      if (how === 'SIGTERM') {
        await whenExists(pidFile);
        cli.child.kill('SIGTERM');
      }
      const r = await cli.result;
      if (how === 'done') assert.equal(r.code, 0, r.stderr);
      else assert.ok(r.code === 143 || r.code === 0, `exit ${r.code}: ${r.stderr}`);
      const helper = Number(readFileSync(pidFile, 'utf8'));
      t.after(() => {
        if (running(helper)) process.kill(helper, 'SIGKILL');
      });
      assert.equal(running(helper), false, 'the helper the server started is still running');
    });
  }
});
