// Issue 13, cases 5 and 6 (and later the encoding cases): files no one should write still get a positioned
// problem or a skip with a reason, and one bad file never stops `check` or `run` from saying so clearly.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers';

const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('bad files', () => {
  test('case 5: a workflow file nested 2,000 levels deep is a positioned error, and check still checks the other files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deep.workflow.json'), `{"id":"d","server":"s","steps":[{"id":"a","tool":"t","arguments":{"x":${nested(2000)}}}]}`);
    writeFileSync(join(dir, 'other.workflow.json'), '{"id":"o","server":"s","steps":[{"id":"a","tool":"t","arguments":{"x":"${steps.nope.result}"}}]}');
    const r = await runCli(['check', dir], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.match(r.stdout, /deep\.workflow\.json\n\s+1:\d+\s+error\s+objects and arrays nest more than 100 levels deep/);
    assert.match(r.stdout, /other\.workflow\.json\n\s+1:\d+\s+error\s+.*no step "nope"/);
    const run = await runCli(['run', join(dir, 'deep.workflow.json')], dir);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /deep\.workflow\.json:1:\d+: objects and arrays nest more than 100 levels deep/);
  });

  test('case 5: an mcp.json nested 2,000 levels deep is a positioned error, exit 2', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(join(dir, '.vscode', 'mcp.json'), `{"servers":{"s":{"type":"stdio","command":"node","args":${nested(2000)}}}}`);
    writeFileSync(join(dir, 'w.workflow.json'), '{"id":"w","server":"s","steps":[{"id":"a","tool":"t"}]}');
    const r = await runCli(['run', join(dir, 'w.workflow.json')], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /mcp\.json:1:\d+: .*nest more than 100 levels deep/);
  });
});
