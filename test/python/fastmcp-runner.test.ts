// The FastMCP customer-analysis fixture as a real stdio server: examples/customer-analysis.workflow.json runs green
// against it with the core runner and with the CLI, and what the static extractor reads from its source equals
// what FastMCP serves (names, descriptions, input and output schemas, prompt arguments).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { extractFile } from '../../src/core/extract';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { assertCliRun, assertNotFound, runCustomerAnalysis } from '../support/customer-analysis';
import { fastMcpFixtureDir, fastMcpServerFile, venvPython } from './fastmcp-server';

let connection: McpConnection;

before(async () => {
  connection = await connectServer('python-fastmcp', { type: 'stdio', command: venvPython(), args: [fastMcpServerFile], cwd: fastMcpFixtureDir });
});

after(async () => {
  await connection?.close();
});

describe('the FastMCP (Python) server', () => {
  test('customer-analysis.workflow.json runs end to end with the runner, carrying C-1001 into the parallel steps', async () => {
    await runCustomerAnalysis(connection);
  });

  test('an unknown customer_id is a tool error whose text starts with NOT_FOUND:', async () => {
    await assertNotFound(connection);
  });

  test('the CLI runs the workflow against it from an mcp.json', () => {
    assertCliRun('python-fastmcp', { type: 'stdio', command: venvPython(), args: [fastMcpServerFile] });
  });

  test('what the extractor reads from the source is what FastMCP serves', async () => {
    const model = await extractFile(fastMcpServerFile, readFileSync(fastMcpServerFile, 'utf8'));
    const served = await connection.listTools();
    const read = model.tools.map((t) => ({ name: t.name, description: t.description?.value, inputSchema: t.inputSchema?.value, outputSchema: t.outputSchema?.value }));
    const live = served.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema }));
    assert.deepEqual(read, live);
    const prompts = await connection.listPrompts();
    assert.deepEqual(model.prompts.map((p) => ({ name: p.name, description: p.description?.value, arguments: p.arguments.map((a) => ({ name: a.name, required: a.required })) })),
      prompts.map((p) => ({ name: p.name, description: p.description, arguments: (p.arguments ?? []).map((a) => ({ name: a.name, required: a.required ?? false })) })));

    const { instructions } = connection.serverInfo();
    assert.ok(instructions);
    assert.deepEqual(model.instructions?.map((d) => d.text.value), [instructions]);
  });
});
