// Issue 13, case 9: text a server sends (results, error messages, descriptions, its last words on stderr)
// never reaches the terminal as control characters, so it cannot redraw a failed step as a pass, clear the
// screen or set the window title. The real CLI against a hostile real server; colours are off (NO_COLOR), so
// any control character in the output came from the server.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { root, runCli, tempDir } from './helpers';

// C0 controls but newline and tab, DEL, and the C1 range (U+009B is an 8-bit CSI to many terminals).
const control = /[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/;

function workspace(steps: object[]): { dir: string; file: string } {
  const dir = tempDir();
  mkdirSync(join(dir, '.vscode'));
  writeFileSync(join(dir, '.vscode', 'mcp.json'), JSON.stringify({ servers: { escape: { type: 'stdio', command: process.execPath, args: [join(root, 'test', 'runner', 'fixtures', 'escape-server.mjs')] } } }));
  const file = join(dir, 'w.workflow.json');
  writeFileSync(file, JSON.stringify({ id: 'w', server: 'escape', steps }));
  return { dir, file };
}

function assertClean(text: string, what: string): void {
  const at = control.exec(text);
  assert.equal(at, null, `${what} holds control character U+${at?.[0].charCodeAt(0).toString(16).padStart(4, '0')}: ${JSON.stringify(text)}`);
}

describe('terminal escapes', () => {
  test('case 9: results and a failed step\'s message are shown with their control characters made visible', async () => {
    const { dir, file } = workspace([{ id: 'report', tool: 'report' }, { id: 'fail', tool: 'fail' }]);
    const r = await runCli(['run', file], dir);
    assert.equal(r.code, 1);
    assertClean(r.stdout, 'stdout');
    assertClean(r.stderr, 'stderr');
    assert.match(r.stdout, /✗ fail .*\\x1b\[2J/, 'the failure is still shown, its escapes visible');
  });

  test('case 9: a passing run\'s report, the server\'s last words and tools --server are clean too', async () => {
    const passing = workspace([{ id: 'report', tool: 'report' }]);
    const ok = await runCli(['run', passing.file], passing.dir);
    assert.equal(ok.code, 0, ok.stderr);
    assertClean(ok.stdout, 'stdout');
    const crash = workspace([{ id: 'crash', tool: 'crash' }]);
    const dead = await runCli(['run', crash.file], crash.dir);
    assert.equal(dead.code, 1);
    assertClean(dead.stdout, 'stdout');
    assertClean(dead.stderr, 'stderr');
    const tools = await runCli(['tools', '--server', 'escape'], passing.dir);
    assert.equal(tools.code, 0, tools.stderr);
    assertClean(tools.stdout, 'tools');
    const call = await runCli(['call', 'fail', '--server', 'escape'], passing.dir);
    assertClean(call.stdout + call.stderr, 'call');
  });

  test('case 9: --json output escapes the 8-bit controls JSON itself leaves raw, and stays the exact text', async () => {
    const { dir, file } = workspace([{ id: 'report', tool: 'report' }]);
    const r = await runCli(['run', file, '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assertClean(r.stdout, 'run --json');
    const note = (JSON.parse(r.stdout) as { steps: Record<string, { result: { note: string } }> }).steps['report']!.result.note;
    assert.ok(note.includes('\u009b') && note.includes('\x1b]0;pwned'), 'the value itself is unchanged');
    for (const args of [['tools', '--server', 'escape', '--json'], ['call', 'report', '--server', 'escape', '--json']]) {
      const out = await runCli(args, dir);
      assertClean(out.stdout, args.join(' '));
    }
  });
});
