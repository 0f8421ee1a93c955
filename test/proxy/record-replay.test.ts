// A good session becomes a test two ways: the conforming scripted client's trace, written as a workflow file by
// `record-to-workflow`, runs green with the real runner against the real example server; and the same trace served
// by `replay` answers the scripted client exactly as the real server does.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { serverBundle } from '../examples/start-server';
import { runCli } from '../cli/run-cli';
import { cliPath, directOverStdio, exampleConfig, tempDir } from './helpers';
import { gather, guided, traced } from './scripts';

const reference = '${steps.sales_top_customers.result.customers[0].customer_id}';

/** The conforming client's calls, keeping every answer it got (lists, the prompt, each tool result). */
async function answersOf(client: Client, together: <T>(start: () => Promise<T>[]) => Promise<T[]>): Promise<unknown[]> {
  const answers: unknown[] = [await client.listTools(), await client.listPrompts(), await client.getPrompt({ name: 'customer-analysis', arguments: { customer_id: 'top' } })];
  const top = await client.callTool({ name: 'sales_top_customers', arguments: { limit: 1 } });
  const id = (top.structuredContent as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
  answers.push(top, ...(await together(() => gather.map((tool) => client.callTool({ name: tool, arguments: { customer_id: id } })))));
  answers.push(await client.callTool({ name: 'customer_analysis', arguments: { customer_id: id, include_recommendations: true } }));
  return answers;
}

describe('record-to-workflow', () => {
  it('writes the conforming session as steps in order, the gathering calls in parallel, the ID as a reference; the runner replays it green', async () => {
    const { trace } = await traced(guided(async (client, together) => void (await answersOf(client, together))), false);
    const out = join(tempDir(), 'recorded.workflow.json');
    const recorded = runCli(['record-to-workflow', trace, '--out', out]);
    assert.equal(recorded.status, 0, recorded.stderr);
    assert.equal(recorded.stderr, '');
    const workflow = JSON.parse(readFileSync(out, 'utf8')) as { server: string; steps: { id: string; tool?: string; arguments?: Record<string, unknown>; parallel?: { tool: string; arguments: Record<string, unknown> }[] }[] };
    assert.equal(workflow.server, 'example-stdio');
    assert.deepEqual(workflow.steps.map((s) => s.tool ?? s.parallel?.map((p) => p.tool)), ['sales_top_customers', [...gather], 'customer_analysis']);
    assert.deepEqual(workflow.steps[0]!.arguments, { limit: 1 });
    for (const lane of workflow.steps[1]!.parallel!) assert.deepEqual(lane.arguments, { customer_id: reference });
    assert.deepEqual(workflow.steps[2]!.arguments, { customer_id: reference, include_recommendations: true });
    const run = runCli(['run', out, '--config', exampleConfig, '--yes', '--json']);
    assert.equal(run.status, 0, run.stderr);
    // The recorded file is also what the session should have been: its own trace verifies clean against it.
    assert.equal(runCli(['verify', trace, '--workflow', out]).status, 0);
  });
});

describe('bad input', () => {
  it('a trace that is missing or has a broken line: exit 2 naming the file and line; no trace at all: usage', () => {
    const dir = tempDir();
    const missing = runCli(['record-to-workflow', join(dir, 'none.jsonl')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /mcp-workflow record-to-workflow: cannot read the trace .*none\.jsonl/);
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, '{"time":"2026-01-01T00:00:00.000Z","kind":"session","server":"s"}\nnot json\n');
    const replayed = runCli(['replay', broken]);
    assert.equal(replayed.status, 2);
    assert.match(replayed.stderr, /broken\.jsonl:2: not JSON/);
    assert.equal(runCli(['replay']).status, 2);
  });
});

describe('replay', () => {
  it('answers the scripted client identically to the real server, and says what was recorded for an unrecorded call', async () => {
    const { trace } = await traced(async (client, together) => void (await answersOf(client, together)), false);
    const direct = await directOverStdio(process.execPath, [serverBundle, '--stdio']);
    const real = await answersOf(direct.client, direct.together);
    const realServer = direct.client.getServerVersion();
    await direct.close();
    const mock = await directOverStdio(process.execPath, [cliPath, 'replay', trace]);
    const replayed = await answersOf(mock.client, mock.together);
    assert.deepEqual(replayed, real);
    assert.deepEqual(mock.client.getServerVersion(), realServer);
    await assert.rejects(mock.client.callTool({ name: 'order_history', arguments: { customer_id: 'C-9999' } }), /replay: no recorded call of order_history with arguments \{"customer_id":"C-9999"\}; recorded arguments: \{"customer_id":"C-\d+"\}/);
    await mock.close();
  });
});
