// The rmcp fixture (test/fixtures/rust/rmcp-server) as a real MCP server: what a client receives from the
// official Rust SDK's macros, and the contract of examples/data/CONTRACT.md, which the TypeScript example server
// and the pmcp fixture also follow.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectRmcpServer, rmcpFixtureDir } from './rmcp-server';
import { extractAs } from '../../src/core/parse/registry';

let client: Client;
let tools: Tool[];

before(async () => {
  client = await connectRmcpServer();
  tools = (await client.listTools()).tools;
});

after(async () => {
  await client?.close();
});

function tool(name: string): Tool {
  const found = tools.find((t) => t.name === name);
  assert.ok(found, `tools/list has no ${name}`);
  return found;
}

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const text = (r: CallToolResult) => (r.content[0]?.type === 'text' ? r.content[0].text : '');

describe('rmcp fixture server', () => {
  test('tools/list: the five customer-analysis tools, names from name = "…" or the fn name', () => {
    assert.deepEqual(tools.map((t) => t.name).sort(), ['customer_analysis', 'engagement_metrics', 'order_history', 'sales_top_customers', 'support_tickets']);
  });

  test('descriptions come from description = "…" or the /// lines, joined with newlines', () => {
    assert.equal(tool('order_history').description, 'Order history for one customer: orders, count and total revenue');
    assert.equal(tool('sales_top_customers').description, 'Top customers by revenue, highest first. Use first: its customer_id feeds the other tools.');
    assert.equal(tool('customer_analysis').description, 'Synthesizes the customer report: call order_history, support_tickets and engagement_metrics first,\nor let this tool gather them.');
    assert.equal(tool('sales_top_customers').annotations?.title, 'Top customers');
  });

  test('input schemas: fields, doc and schemars descriptions, Option and serde(default) not required', () => {
    const limit = tool('sales_top_customers').inputSchema.properties?.['limit'] as Record<string, unknown>;
    assert.equal(limit['description'], 'How many customers to return');
    assert.equal(limit['minimum'], 1);
    assert.equal(limit['maximum'], 100);
    assert.equal(limit['default'], 10);
    assert.equal(tool('sales_top_customers').inputSchema.required, undefined);
    assert.deepEqual(tool('order_history').inputSchema.required, ['customer_id']);
    assert.deepEqual(tool('customer_analysis').inputSchema.required, ['customer_id']);
    const id = tool('support_tickets').inputSchema.properties?.['customer_id'] as Record<string, unknown>;
    assert.equal(id['description'], 'Customer ID from sales_top_customers output');
  });

  test('output schemas come from Json<T>', () => {
    assert.deepEqual(Object.keys(tool('order_history').outputSchema?.properties ?? {}).sort(), ['customer_id', 'order_count', 'orders', 'total_revenue']);
  });

  test('the contract: sales_top_customers, order_history, support_tickets, engagement_metrics', async () => {
    const top = await call('sales_top_customers', { limit: 1 });
    assert.deepEqual(top.structuredContent, { customers: [{ customer_id: 'C-1001', name: 'Acme Corp', segment: 'enterprise', revenue: 182500 }] });
    const orders = (await call('order_history', { customer_id: 'C-1001' })).structuredContent as { orders: { order_id: string }[]; order_count: number; total_revenue: number };
    assert.deepEqual(orders.orders.map((o) => o.order_id), ['O-5001', 'O-5002', 'O-5003', 'O-5004', 'O-5005']);
    assert.equal(orders.order_count, 5);
    assert.equal(orders.total_revenue, 182500);
    const tickets = (await call('support_tickets', { customer_id: 'C-1001' })).structuredContent as { tickets: unknown[]; open_count: number };
    assert.deepEqual([tickets.tickets.length, tickets.open_count], [3, 2]);
    const engagement = (await call('engagement_metrics', { customer_id: 'C-1001' })).structuredContent;
    assert.deepEqual(engagement, { customer_id: 'C-1001', active_users: 412, logins_last_30d: 9310, feature_adoption: 0.71, nps: 42 });
  });

  test('an unknown customer_id is a tool error whose text starts with NOT_FOUND:', async () => {
    for (const name of ['order_history', 'support_tickets', 'engagement_metrics', 'customer_analysis']) {
      const result = await call(name, { customer_id: 'C-9999' });
      assert.equal(result.isError, true, name);
      assert.match(text(result), /^NOT_FOUND:/, name);
    }
  });

  test('prompts: arguments from Parameters<T> (serde rename, Option not required), text from format!', async () => {
    const { prompts } = await client.listPrompts();
    const analysis = prompts.find((p) => p.name === 'customer-analysis');
    assert.equal(analysis?.description, 'Guides a model through the customer analysis, one tool at a time.');
    assert.deepEqual(analysis?.arguments?.map((a) => [a.name, a.required ?? false]), [['customer_id', false], ['focus', true]]);
    const got = await client.getPrompt({ name: 'customer-analysis', arguments: { customer_id: 'C-1002', focus: 'churn risk' } });
    const first = got.messages[0]?.content;
    assert.match(first?.type === 'text' ? first.text : '', /^Analyze C-1002, focusing on churn risk\.\n1\. Call the sales_top_customers tool/);
  });

  test('the extractor reads what the server sends: names, descriptions, titles, input properties, required, instructions', async () => {
    const read = async (name: string) => {
      const file = join(rmcpFixtureDir, 'src', name);
      return extractAs('rust', file, readFileSync(file, 'utf8'));
    };
    const model = await read('tools.rs');
    assert.deepEqual(model.tools.map((t) => t.name).sort(), tools.map((t) => t.name).sort());
    for (const sent of tools) {
      const found = model.tools.find((t) => t.name === sent.name)!;
      assert.equal(found.description?.value, sent.description, sent.name);
      assert.equal(found.title, sent.annotations?.title, sent.name);
      const schema = found.inputSchema?.value as { properties?: Record<string, { description?: string }>; required?: string[] };
      const sentProps = (sent.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
      assert.deepEqual(Object.keys(schema.properties ?? {}).sort(), Object.keys(sentProps).sort(), sent.name);
      for (const [k, v] of Object.entries(schema.properties ?? {})) assert.equal(v.description, sentProps[k]?.description, `${sent.name}.${k}`);
      assert.deepEqual([...(schema.required ?? [])].sort(), [...(sent.inputSchema.required ?? [])].sort(), sent.name);
    }
    const prompts = (await client.listPrompts()).prompts;
    const promptModel = await read('prompts.rs');
    assert.deepEqual(
      promptModel.prompts.map((p) => [p.name, p.description?.value, p.arguments.map((a) => [a.name, a.required, a.description?.value])]),
      prompts.map((p) => [p.name, p.description, (p.arguments ?? []).map((a) => [a.name, a.required ?? false, a.description])]),
    );

    // get_info's with_instructions is what initialize answers.
    assert.ok(client.getInstructions());
    assert.deepEqual((await read('main.rs')).instructions?.map((d) => d.text.value), [client.getInstructions()]);
  });
});
