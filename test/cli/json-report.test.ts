// A command's JSON report is compact into a pipe (a program reads it) and indented on a terminal (a person does),
// with the same content either way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, runCli } from './run-cli';

describe('JSON reports', () => {
  const args = ['check', 'test/fixtures/ts', '--format', 'json'];

  it('are one line into a pipe and indented on a terminal, with the same content', () => {
    const piped = runCli(args);
    assert.equal(piped.stdout.indexOf('\n'), piped.stdout.length - 1, 'one line, then the newline');
    // util-linux's script runs the command on a pseudo-terminal.
    const command = [process.execPath, join(repoRoot, 'bin', 'mcp-workflow.js'), ...args].map((a) => `'${a}'`).join(' ');
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(tty.status, piped.status, tty.stderr);
    const shown = tty.stdout.replace(/\r\n/g, '\n');
    assert.match(shown, /^\{\n {2}"diagnostics": \[\n {4}\{\n {6}"file": /);
    // On a terminal stderr is on the same screen: the report is the JSON object, the rest is what stderr said.
    const report = shown.slice(shown.indexOf('{'), shown.lastIndexOf('}') + 1);
    assert.deepEqual(JSON.parse(report), JSON.parse(piped.stdout));
  });
});
