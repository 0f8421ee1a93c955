// Issue 13, case 18: the smaller ways the CLI misled or said too little: a 9 MB value printed whole, plain-text
// errors under --json, "1 steps", "must be object", a step with a misspelt kind, "Method not found" for a server
// without prompts, bare `mcp-workflow` without descriptions, and --json on a terminal denying approvals silently.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exampleConfig, root, runCli, tempDir } from './helpers';
import { spawnCliOnPty } from './pty';

function bigWorkspace(): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.vscode'));
  writeFileSync(join(dir, '.vscode', 'mcp.json'), JSON.stringify({ servers: { big: { type: 'stdio', command: process.execPath, args: [join(root, 'test', 'runner', 'fixtures', 'big-server.mjs')] } } }));
  return dir;
}

describe('messages', () => {
  test('case 18: a 9 MB result is truncated in the report and whole in the audit log; "1 step done"', async () => {
    const dir = bigWorkspace();
    const file = join(dir, 'w.workflow.json');
    writeFileSync(file, JSON.stringify({ id: 'w', server: 'big', steps: [{ id: 'huge', tool: 'big', arguments: { bytes: 9_000_000 } }] }));
    const audit = join(dir, 'audit.jsonl');
    const r = await runCli(['run', file, '--audit', audit], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.length < 20_000, `the report is ${r.stdout.length} characters`);
    assert.match(r.stdout, /text: x+… \(9000000 characters; the whole value is in the audit log\)/);
    assert.match(r.stdout, /passed — 1 step done/);
    assert.ok(readFileSync(audit, 'utf8').includes('x'.repeat(9_000_000)), 'the audit log has the whole value');
  });

  test('case 18: with --json, an error is a JSON object on stderr', async () => {
    const dir = tempDir();
    const r = await runCli(['run', join(dir, 'nope.workflow.json'), '--json'], dir);
    assert.equal(r.code, 2);
    const error = JSON.parse(r.stderr) as { error: { message: string; exitCode: number } };
    assert.match(error.error.message, /cannot read .*nope\.workflow\.json: no such file/);
    assert.equal(error.error.exitCode, 2);
  });

  test('case 18: "must be an object", and a step without a kind names the property it has', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'array.workflow.json'), '[]');
    writeFileSync(join(dir, 'typo.workflow.json'), JSON.stringify({ id: 'w', server: 's', steps: [{ id: 'a', tol: 'sales_top_customers' }] }, null, 2));
    const r = await runCli(['check', dir], dir);
    assert.match(r.stdout, /the workflow must be an object/);
    assert.doesNotMatch(r.stdout, /must be object/);
    assert.match(r.stdout, /this one has none \(it has "tol": did you mean "tool"\?\)/);
  });

  test('case 18: prompts on a server without prompts says so', async () => {
    const dir = bigWorkspace();
    const r = await runCli(['prompts', '--server', 'big'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /server "big" has no prompts/);
    assert.doesNotMatch(r.stderr, /Method not found/);
    const json = await runCli(['prompts', '--server', 'big', '--json'], dir);
    assert.deepEqual(JSON.parse(json.stdout), []);
  });

  test('case 18: bare mcp-workflow lists each command with what it does', async () => {
    const r = await runCli([], tempDir());
    assert.equal(r.code, 2);
    for (const name of ['check', 'list', 'run', 'tools', 'prompts', 'call']) assert.match(r.stdout, new RegExp(`^  ${name} +\\S.{10,}$`, 'm'));
  });

  test('case 18: --json on a terminal denies an approval gate and says why', { timeout: 30_000 }, async (t) => {
    const dir = tempDir();
    const cli = spawnCliOnPty(['run', join(root, 'examples', 'approval.workflow.json'), '--config', exampleConfig(), '--json'], dir);
    t.after(() => cli.stop());
    assert.equal(await cli.exited, 1, cli.output());
    assert.match(cli.output(), /--json does not ask at approval gates; pass --yes to approve/);
  });
});
