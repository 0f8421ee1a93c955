// The fastmcp fixture as a real MCP server: what a client receives from the framework (its tools/list built from
// zod, structuredContent, UserError as isError), the example workflow run against it, and the extractor reading
// the same source: the names, descriptions and schemas it reads are the ones the server sends.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { extractFile } from '../../src/core/extract';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { createRunner } from '../../src/core/workflow/runner';
import { fastmcpServer } from './fastmcp-server';

const root = join(__dirname, '..', '..');
const source = join(root, 'test', 'fixtures', 'ts', 'fastmcp-server', 'server.ts');
let client: Client;
let tools: Tool[];

before(async () => {
  client = new Client({ name: 'mcp-workflow-kit-test', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ ...fastmcpServer(), stderr: 'pipe' }));
  tools = (await client.listTools()).tools;
});

after(async () => {
  await client?.close();
});

const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;

describe('fastmcp fixture server', () => {
  test('serves the contract: structuredContent, and NOT_FOUND: as a tool error', async () => {
    const top = await call('sales_top_customers', { limit: 1 });
    assert.deepEqual(top.structuredContent, { customers: [{ customer_id: 'C-1001', name: 'Acme Corp', segment: 'enterprise', revenue: 182500 }] });
    const engagement = await call('engagement_metrics', { customer_id: 'C-1001' });
    assert.deepEqual(engagement.structuredContent, { customer_id: 'C-1001', active_users: 412, logins_last_30d: 9310, feature_adoption: 0.71, nps: 42 });
    const missing = await call('order_history', { customer_id: 'C-9999' });
    assert.equal(missing.isError, true);
    assert.match(missing.content[0]?.type === 'text' ? missing.content[0].text : '', /^NOT_FOUND:/);
  });

  test('the extractor reads what the server sends: names, descriptions, titles, input properties and required, instructions', async () => {
    const model = await extractFile(source, readFileSync(source, 'utf8'));
    assert.deepEqual(model.tools.map((t) => t.name).sort(), tools.map((t) => t.name).sort());
    for (const sent of tools) {
      const read = model.tools.find((t) => t.name === sent.name)!;
      assert.equal(read.description?.value, sent.description, sent.name);
      assert.equal(read.title, sent.annotations?.title, sent.name);
      const schema = read.inputSchema?.value as { properties?: object; required?: string[] };
      assert.deepEqual(Object.keys(schema.properties ?? {}).sort(), Object.keys(sent.inputSchema.properties ?? {}).sort(), sent.name);
      assert.deepEqual([...(schema.required ?? [])].sort(), [...(sent.inputSchema.required ?? [])].sort(), sent.name);
    }
    const { prompts } = await client.listPrompts();
    assert.deepEqual(model.prompts.map((p) => [p.name, p.description?.value, p.arguments.map((a) => a.name)]), prompts.map((p) => [p.name, p.description, (p.arguments ?? []).map((a) => a.name)]));

    // The instructions `new FastMCP({ instructions })` is given are what initialize answers.
    assert.ok(client.getInstructions());
    assert.deepEqual(model.instructions?.map((d) => d.text.value), [client.getInstructions()]);
  });

  test('a prompt whose load returns a template literal gets that text, ${args.focus} filled in', async () => {
    const got = await client.getPrompt({ name: 'customer-analysis', arguments: { focus: 'churn risk' } });
    const content = got.messages[0]?.content;
    assert.match(content?.type === 'text' ? content.text : '', /^Analyze the top customer, focusing on churn risk\./);
  });
});

describe('runner against the fastmcp server', () => {
  let connection: McpConnection;
  before(async () => {
    const { command, args, env, cwd } = fastmcpServer();
    connection = await connectServer('fastmcp-fixture', { type: 'stdio', command, args, env, cwd });
  });
  after(async () => {
    await connection?.close();
  });

  test('customer-analysis.workflow.json runs green', async () => {
    const file = join(root, 'examples', 'customer-analysis.workflow.json');
    const loaded = loadWorkflowText(file, readFileSync(file, 'utf8'));
    assert.ok(loaded.workflow);
    const summary = await createRunner({ workflow: loaded.workflow, connection, inputs: { limit: 1 } }).run();
    assert.equal(summary.ok, true, summary.message);
    assert.equal((summary.steps['orders']?.result as { order_count: number }).order_count, 5);
    assert.equal((summary.steps['report']?.result as { customer: { name: string } }).customer.name, 'Acme Corp');
  });
});
