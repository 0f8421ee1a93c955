// Issue 13, case 2: `--resume` checks that the workflow file is the one the checkpoint was saved from, and
// continues at a step id, never at an index that an edit has moved: the real CLI against the example server.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { exampleConfig, root, runCli, startHttpServer, tempDir } from './helpers';
import { spawnCliOnPty } from './pty';

const config = exampleConfig();
const top = { id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } };
const saved = { id: 'saved', checkpoint: { name: 'after-top' } };
const failing = { id: 'denied', when: '${inputs.fail}', tool: 'external_api_call', arguments: { endpoint: '/x', simulate: { error: 'PERMISSION_DENIED' } } };
const orders = { id: 'orders', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].customer_id}' } };
const extra = (id: string) => ({ id, tool: 'order_history', arguments: { customer_id: 'C-1002' } });

function write(file: string, steps: object[]): void {
  writeFileSync(file, JSON.stringify({ id: 'resumable', server: 'example-stdio', inputs: { fail: { type: 'boolean', default: false } }, steps }, null, 2));
}

describe('resume', () => {
  test('case 2: --resume refuses a workflow file that changed since the checkpoint, and --force continues at the step id', async () => {
    const dir = tempDir();
    const file = join(dir, 'resumable.workflow.json');
    write(file, [top, extra('a'), extra('b'), saved, failing, orders]);
    const first = await runCli(['run', file, '--config', config, '--input', 'fail=true'], dir);
    assert.equal(first.code, 1, first.stdout + first.stderr);
    const runId = /--resume (\S+)/.exec(first.stdout)?.[1];
    assert.ok(runId, first.stdout);

    // Two steps before the checkpoint are removed: the saved index (4) now points past the end of the file.
    write(file, [top, saved, failing, orders]);
    const refused = await runCli(['run', file, '--config', config, '--resume', runId, '--input', 'fail=false'], dir);
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /resumable\.workflow\.json changed since run \S+ saved checkpoint "after-top".*--force/);
    assert.doesNotMatch(refused.stdout, /passed/);

    const forced = await runCli(['run', file, '--config', config, '--resume', runId, '--input', 'fail=false', '--force'], dir);
    assert.equal(forced.code, 0, forced.stdout + forced.stderr);
    assert.match(forced.stdout, /– denied external_api_call.* skipped \(when\)/);
    assert.match(forced.stdout, /✓ orders order_history/);
    assert.match(forced.stdout, /passed — 2 steps done/);
  });

  test('case 2: --force refuses when the step to continue at is no longer in the file', async () => {
    const dir = tempDir();
    const file = join(dir, 'resumable.workflow.json');
    write(file, [top, saved, failing, orders]);
    const first = await runCli(['run', file, '--config', config, '--input', 'fail=true'], dir);
    const runId = /--resume (\S+)/.exec(first.stdout)?.[1];
    assert.ok(runId, first.stdout);
    write(file, [top, { ...saved, id: 'renamed' }, failing, orders]);
    const forced = await runCli(['run', file, '--config', config, '--resume', runId, '--force'], dir);
    assert.equal(forced.code, 2, forced.stdout + forced.stderr);
    assert.match(forced.stderr, /no step "saved"/);
  });

  test('case 15: runs are kept beside the workspace of the mcp.json, so the printed resume command works from another folder', async () => {
    const workspace = dirname(dirname(exampleConfig()));
    mkdirSync(join(workspace, 'flows'));
    const file = join(workspace, 'flows', 'resumable.workflow.json');
    write(file, [top, saved, failing, orders]);
    const elsewhere = tempDir();
    const first = await runCli(['run', file, '--input', 'fail=true'], elsewhere);
    assert.equal(first.code, 1, first.stdout + first.stderr);
    const command = /Resume from checkpoint "after-top": (mcp-workflow run .+)$/m.exec(first.stdout)?.[1];
    assert.ok(command, first.stdout);
    const runId = /--resume (\S+)/.exec(command)![1]!;
    assert.equal(command, `mcp-workflow run ${file} --resume ${runId}`, 'the real command, with the file as given');
    assert.ok(existsSync(join(workspace, '.mcp-workflow', 'runs', `${runId}.json`)), 'the checkpoint is beside the workspace');
    assert.equal(existsSync(join(elsewhere, '.mcp-workflow')), false, 'nothing is written to the current folder');
    const second = await runCli([...command.split(' ').slice(1), '--input', 'fail=false'], tempDir());
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /↻ resumed from checkpoint "after-top"/);
  });
});

describe('the README resume example', () => {
  test('case 15: safe-migration on the HTTP example server, stopped with Ctrl-C during transform, resumes with the printed command', { timeout: 60_000 }, async (t) => {
    const http = await startHttpServer();
    t.after(() => http.stop());
    const port = new URL(http.url).port;
    const cfg = exampleConfig();
    const dir = dirname(dirname(cfg));
    const file = join(dir, 'safe-migration.workflow.json');
    writeFileSync(file, readFileSync(join(root, 'examples', 'safe-migration.workflow.json')));
    // One record per batch, so transform runs long enough to be interrupted.
    const args = ['run', file, '--server', 'example-http', '--input', `example-port=${port}`, '--input', 'batch_size=1', '--yes'];
    const cli = spawnCliOnPty(args, dir);
    t.after(() => cli.stop());
    const pid = await cli.pid();
    await cli.waitFor(/transform transform_records/);
    process.kill(pid, 'SIGINT');
    assert.equal(await cli.exited, 130, cli.output());
    assert.match(cli.output(), /rolled back to checkpoint "before-transform"/);
    const command = /Resume from checkpoint "before-transform": (mcp-workflow run .+)$/m.exec(cli.output())?.[1];
    assert.ok(command, cli.output());
    assert.match(command, /--server example-http --resume \S+$/);
    const resumed = await runCli([...command.split(' ').slice(1), '--input', `example-port=${port}`, '--input', 'batch_size=50'], tempDir());
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.match(resumed.stdout, /↻ resumed from checkpoint "before-transform"/);
    assert.match(resumed.stdout, /pending_count: 0/);
  });
});
