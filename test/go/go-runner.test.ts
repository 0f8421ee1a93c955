// The Go fixtures as real stdio servers: examples/customer-analysis.workflow.json runs green against the go-sdk
// customer-analysis server with the core runner and with the CLI, and what the static extractor reads from each
// server's source equals what the server sends (names, descriptions, input and output schemas, annotations,
// prompt arguments), for the go-sdk server and the mcp-go one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { extractFile } from '../../src/core/extract';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { assertCliRun, assertNotFound, runCustomerAnalysis } from '../support/customer-analysis';
import { goFixtureDir, goSdkServer, mcpGoServer } from './go-server';

const root = join(__dirname, '..', '..');
let sdk: McpConnection;
let mcpgo: McpConnection;

before(async () => {
  sdk = await connectServer('go-sdk', { type: 'stdio', command: goSdkServer(), args: [], cwd: root });
  mcpgo = await connectServer('mcp-go', { type: 'stdio', command: mcpGoServer(), args: [], cwd: root });
});

after(async () => {
  await sdk?.close();
  await mcpgo?.close();
});

/** What a server sends for its tools and prompts, and what the extractor reads from its source, side by side. */
async function servedAndRead(connection: McpConnection, source: string) {
  const model = await extractFile(source, readFileSync(source, 'utf8'));
  const read = model.tools.map((t) => ({ name: t.name, description: t.description?.value, inputSchema: t.inputSchema?.value, outputSchema: t.outputSchema?.value, annotations: t.annotations?.value }));
  const live = (await connection.listTools()).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema, annotations: t.annotations }));
  const readPrompts = model.prompts.map((p) => ({ name: p.name, description: p.description?.value, arguments: p.arguments.map((a) => ({ name: a.name, description: a.description?.value, required: a.required })) }));
  const livePrompts = (await connection.listPrompts()).map((p) => ({ name: p.name, description: p.description, arguments: (p.arguments ?? []).map((a) => ({ name: a.name, description: a.description, required: a.required ?? false })) }));
  // mcp-go lists by name; the go-sdk as registered: both are compared by name.
  const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
  const instructions = { read: model.instructions?.map((d) => d.text.value), live: [connection.serverInfo().instructions] };
  return { read: byName(read), live: byName(live), readPrompts: byName(readPrompts), livePrompts: byName(livePrompts), instructions };
}

describe('the go-sdk (Go) customer-analysis server', () => {
  test('customer-analysis.workflow.json runs end to end with the runner, carrying C-1001 into the parallel steps', async () => {
    await runCustomerAnalysis(sdk);
  });

  test('an unknown customer_id is a tool error whose text starts with NOT_FOUND:', async () => {
    await assertNotFound(sdk);
  });

  test('the CLI runs the workflow against it from an mcp.json', () => {
    assertCliRun('go-sdk', { type: 'stdio', command: goSdkServer(), args: [], env: { MCPWK_DATASET: join(root, 'examples', 'data', 'dataset.json') } });
  });

  test('what the extractor reads from the source is what the go-sdk sends', async () => {
    const { read, live, readPrompts, livePrompts, instructions } = await servedAndRead(sdk, join(goFixtureDir, 'gosdk', 'main.go'));
    assert.deepEqual(read, live);
    assert.deepEqual(readPrompts, livePrompts);
    assert.ok(instructions.live[0]);
    assert.deepEqual(instructions.read, instructions.live);
  });
});

describe('the mcp-go (Go) notes server', () => {
  test('what the extractor reads from the source is what mcp-go sends', async () => {
    const { read, live, readPrompts, livePrompts, instructions } = await servedAndRead(mcpgo, join(goFixtureDir, 'mcpgo', 'main.go'));
    assert.deepEqual(read, live);
    assert.deepEqual(readPrompts, livePrompts);
    assert.ok(instructions.live[0]);
    assert.deepEqual(instructions.read, instructions.live);
  });

  test('the review prompt reads its arguments into the text the server sends', async () => {
    const result = await mcpgo.getPrompt('review-notes', { topic: 'budget', days: '7' });
    const first = result.messages[0]?.content as { type: string; text: string };
    assert.match(first.text, /query "budget" for the last 7 days/);
  });
});
