// Issue 13, case 11: an unclosed `${` reference is a positioned error in `check` and before `run` sends
// anything, never literal text that reaches the server.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exampleConfig, root, runCli, tempDir } from './helpers';

const config = exampleConfig();

describe('reference syntax', () => {
  test('case 11: an unclosed ${steps.… is a positioned error in check and in run', async () => {
    const dir = tempDir();
    const file = join(dir, 'unclosed.workflow.json');
    writeFileSync(file, JSON.stringify({
      id: 'unclosed',
      server: 'example-stdio',
      steps: [
        { id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } },
        { id: 'orders', tool: 'order_history', arguments: { customer_id: 'C-${steps.top.result.customers[0].customer_id' } },
      ],
    }, null, 2));
    const check = await runCli(['check', file], dir);
    assert.equal(check.code, 1, check.stdout);
    assert.match(check.stdout, /\n\s+16:\d+\s+error\s+.*unclosed reference "\$\{steps\.top\.result\.customers\[0\]\.customer_id": the closing "\}" is missing/);
    const run = await runCli(['run', file, '--config', config, '--json'], dir);
    assert.equal(run.code, 2, run.stdout);
    assert.match(run.stderr, /unclosed\.workflow\.json:16:\d+: unclosed reference/);
    assert.equal(run.stdout, '', 'nothing ran');
  });

  test('case 11: an escaped $${ without a closing brace stays literal text', async () => {
    const dir = tempDir();
    const file = join(dir, 'literal.workflow.json');
    writeFileSync(file, JSON.stringify({ id: 'literal', server: 'example-stdio', steps: [{ id: 'log', tool: 'workflow_log', arguments: { workflow_id: 'w', action: 'costs $${ and more', actor: 'me' } }] }));
    const check = await runCli(['check', file], dir);
    assert.equal(check.code, 0, check.stdout);
  });
});

describe('server names', () => {
  test('case 13: --server naming no entry says so and lists the servers, even when another entry is broken', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'mcp.json');
    writeFileSync(cfg, JSON.stringify({ servers: { good: { type: 'stdio', command: process.execPath }, broken: { type: 'stdio' } } }, null, 2));
    const r = await runCli(['run', join(root, 'examples', 'customer-analysis.workflow.json'), '--config', cfg, '--server', 'missing'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^mcp-workflow run: .*mcp\.json:\d+:\d+: no server "missing" in .*mcp\.json; servers: good, broken \(broken has a problem\)/);
    const broken = await runCli(['tools', '--config', cfg, '--server', 'broken'], dir);
    assert.equal(broken.code, 2);
    assert.doesNotMatch(broken.stderr, /no server "broken"/);
    assert.match(broken.stderr, /command/);
  });
});

describe('inputs', () => {
  test('case 17: an --input the workflow does not declare (nor mcp.json) is an error, exit 2, before anything runs', async () => {
    const dir = tempDir();
    const r = await runCli(['run', join(root, 'examples', 'customer-analysis.workflow.json'), '--config', exampleConfig(), '--input', 'limt=5'], dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /--input limt: the workflow declares no input "limt" and mcp\.json none with that id; did you mean "limit"\?/);
    assert.equal(r.stdout, '');
  });

  test('case 17: a declared input no step uses is a warning of check and run; the examples use all theirs', async () => {
    const dir = tempDir();
    const file = join(dir, 'unused.workflow.json');
    writeFileSync(file, JSON.stringify({ id: 'unused', server: 'example-stdio', inputs: { batch_size: { type: 'integer', default: 100 } }, steps: [{ id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } }] }, null, 2));
    const check = await runCli(['check', file, '--format', 'json'], dir);
    const unused = (JSON.parse(check.stdout) as { diagnostics: { ruleId: string; severity: string; message: string; range: { start: { line: number } } }[] }).diagnostics.filter((d) => d.ruleId === 'workflow-unused-input');
    assert.equal(unused.length, 1, check.stdout);
    assert.equal(unused[0]!.severity, 'warning');
    assert.equal(unused[0]!.range.start.line, 4);
    assert.match(unused[0]!.message, /input "batch_size" is declared but no step uses \$\{inputs\.batch_size\}/);
    const run = await runCli(['run', file, '--config', exampleConfig()], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /warning: .*unused\.workflow\.json:5:\d+: input "batch_size" is declared but no step uses/);
    const examples = await runCli(['check', join(root, 'examples'), '--format', 'json'], dir);
    assert.deepEqual((JSON.parse(examples.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.filter((d) => d.ruleId === 'workflow-unused-input'), []);
  });

  test('case 17: safe-migration\'s batch_size input sets the batch size', async () => {
    const dir = tempDir();
    const r = await runCli(['run', join(root, 'examples', 'safe-migration.workflow.json'), '--config', exampleConfig(), '--input', 'batch_size=50', '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const steps = (JSON.parse(r.stdout) as { steps: Record<string, { result: { results: unknown[] } }> }).steps;
    assert.equal(steps['transform']?.result.results.length, 5, '250 records in batches of 50');
  });
});
