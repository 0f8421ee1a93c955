// `mcp-workflow … | head`: standard output's reader leaves before the command is done. The real CLI then drops what it
// still writes, without an EPIPE stack trace: check exits with its own code, `run` goes on to its end against the
// real example server (its audit log ends with run-done "done"), and `check --watch` ends.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { AuditEntry } from '../../src/core/workflow/audit';
import { exampleConfig, root, runCli, tempDir } from './helpers';

/** Runs the CLI with its standard output's reader gone after `keep` bytes (0: before anything is written). */
function runWithReaderLeaving(args: string[], keep: number, cwd = root, left = () => undefined as void): Promise<{ code: number | null; stderr: string; read: number }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'mcp-workflow.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let read = 0;
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const leave = () => {
    if (child.stdout.destroyed) return;
    child.stdout.destroy();
    left();
  };
  if (keep === 0) leave();
  else
    child.stdout.on('data', (c: Buffer) => {
      read += c.length;
      if (read >= keep) leave();
    });
  const killer = setTimeout(() => child.kill(), 60_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, read });
    }),
  );
}

const noStack = (stderr: string) => assert.doesNotMatch(stderr, /EPIPE|Unhandled 'error' event|node:events/, stderr);

describe('standard output closed by its reader', () => {
  test('check: a report far over a pipe buffer, its reader gone after 1 KB: no stack trace, the exit code of a whole run', async () => {
    const args = ['check', join(root, 'test', 'fixtures'), '--format', 'json'];
    const whole = await runCli(args, root);
    assert.ok(whole.stdout.length > 200_000, `the report is ${whole.stdout.length} bytes, too small to fill the pipe`);
    const cut = await runWithReaderLeaving(args, 1024);
    assert.ok(cut.read < whole.stdout.length, 'the reader left before the end');
    noStack(cut.stderr);
    assert.equal(cut.code, whole.code);
  });

  test('run: its reader gone before the first line, the workflow still runs to its end, logged, exit 0', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const audit = join(dir, 'audit.jsonl');
    const r = await runWithReaderLeaving(['run', join(root, 'examples', 'customer-analysis.workflow.json'), '--config', exampleConfig(), '--audit', audit, '--yes'], 0, dir);
    noStack(r.stderr);
    assert.match(r.stderr, /standard output was closed \(its reader left\); the run goes on to its end/);
    const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    const done = lines.at(-1)!;
    assert.equal(done.action, 'run-done', lines.map((l) => l.action).join(' '));
    assert.equal(done.details['outcome'], 'done');
    assert.equal(r.code, 0, r.stderr);
  });

  test('check --watch: its reader gone after the first report, the watch ends with 0 at the next report', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    cpSync(join(root, 'test', 'fixtures', 'ts'), dir, { recursive: true });
    // As in a shell: the watch learns that its reader left when it next writes, after a change.
    const r = runWithReaderLeaving(['check', dir, '--watch'], 1, root, () => setTimeout(() => appendFileSync(join(dir, 'register-style.ts'), '\n// edited\n'), 300));
    const { code, stderr } = await r;
    noStack(stderr);
    assert.equal(code, 0, stderr);
  });
});
