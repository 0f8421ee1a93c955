// `mcp-workflow draft`: the built CLI drafts a guided prompt's workflow file, beside the workspace's
// .vscode/mcp.json with its server, never over an existing file; the file it writes runs green with `run`.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { exampleConfig } from '../runner/helpers';
import { repoRoot, runCli } from './run-cli';

/** A workspace holding a copy of the example server's sources and an mcp.json that starts the built server. */
function exampleWorkspace(): string {
  const dir = dirname(dirname(exampleConfig()));
  cpSync(join(repoRoot, 'examples', 'server'), join(dir, 'server'), { recursive: true });
  return dir;
}

describe('mcp-workflow draft', () => {
  it('writes NAME.workflow.json beside the mcp.json with its stdio server, then NAME-2 rather than overwrite; run passes', () => {
    const ws = exampleWorkspace();
    const first = runCli(['draft', '--prompt', 'customer-analysis', ws]);
    assert.equal(first.status, 0, first.stderr);
    const file = join(ws, 'customer-analysis.workflow.json');
    assert.match(first.stdout, /^wrote .*customer-analysis\.workflow\.json: 2 steps, 0 to decide\n$/);
    const workflow = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(workflow.server, 'example-stdio');
    assert.equal(workflow.$schema, undefined, 'the kit is not in this tree, so VS Code finds the schema by the file name');
    assert.deepEqual(workflow.steps[1].parallel.map((s: { tool: string }) => s.tool), ['order_history', 'support_tickets', 'engagement_metrics']);
    const again = runCli(['draft', '--prompt', 'customer-analysis', ws]);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(existsSync(join(ws, 'customer-analysis-2.workflow.json')));
    assert.equal(readFileSync(join(ws, 'customer-analysis-2.workflow.json'), 'utf8'), readFileSync(file, 'utf8'));
    const check = runCli(['check', ws]);
    assert.doesNotMatch(check.stdout, /workflow\.json/, check.stdout);
    const run = runCli(['run', file, '--yes'], { cwd: ws });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  it('an explicit --out that exists is refused (exit 2); --out - prints the draft', () => {
    const ws = exampleWorkspace();
    const taken = join(ws, '.vscode', 'mcp.json');
    const refused = runCli(['draft', '--prompt', 'data-gathering', '--out', taken, ws]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /the file exists; choose another name/);
    const printed = runCli(['draft', '--prompt', 'data-gathering', '--out', '-', ws]);
    assert.equal(printed.status, 0, printed.stderr);
    assert.deepEqual(JSON.parse(printed.stdout).inputs, { customer_id: { type: 'string', description: 'Customer ID, e.g. C-1001 (from sales_top_customers output)' } });
  });

  it('a name several files declare needs --in; the seed\'s prompt without an mcp.json leaves the server to decide', () => {
    const paths = ['examples/server', 'test/fixtures/rust/seed'];
    const ambiguous = runCli(['draft', '--prompt', 'customer-analysis', '--out', '-', ...paths]);
    assert.equal(ambiguous.status, 2);
    assert.match(ambiguous.stderr, /2 files declare a prompt "customer-analysis": examples\/server\/prompts\.ts, test\/fixtures\/rust\/seed\/prompts\.rs; name one with --in FILE/);
    const seed = runCli(['draft', '--prompt', 'customer-analysis', '--in', 'test/fixtures/rust/seed/prompts.rs', '--out', '-', ...paths]);
    assert.equal(seed.status, 0, seed.stderr);
    assert.equal(seed.stderr, 'todo /server: the key of "servers" in .vscode/mcp.json to run against\n');
    assert.equal(JSON.parse(seed.stdout).steps[1].parallel[0].arguments.customer_id, '${steps.sales_top_customers.result.customers[0].customer_id}');
    const missing = runCli(['draft', '--prompt', 'nope', 'examples/server']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no prompt "nope"; prompts found: customer-analysis, data-gathering, entity-management/);
  });
});
