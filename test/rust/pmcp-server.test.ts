// The pmcp fixture (test/fixtures/rust/pmcp) as a real MCP server: the built binary is spawned and spoken
// to with the SDK client over stdio, so these assertions hold for what a client actually receives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { connectPmcpServer, type PmcpSession } from './pmcp-server';

const SEED_TOOLS = [
  'sales_top_customers',
  'order_history',
  'support_tickets',
  'engagement_metrics',
  'customer_analysis',
  'workflow_execute',
  'find_candidates',
  'process_candidate',
  'workflow_checkpoint',
  'workflow_rollback',
  'validate_source',
  'create_backup',
  'transform_records',
  'validate_target',
  'external_api_call',
  'workflow_progress',
  'workflow_log',
];

const SEED_PROMPTS = [
  'customer-analysis',
  'data-gathering',
  'safe-data-migration',
  'long-running-analysis',
  'entity-management',
  'investigate-anomaly',
  'require-approval',
];

let session: PmcpSession;
let tools: Tool[];

before(async () => {
  session = await connectPmcpServer();
  tools = (await session.client.listTools()).tools;
});

after(async () => {
  await session?.close();
});

function tool(name: string): Tool {
  const found = tools.find((t) => t.name === name);
  assert.ok(found, `tools/list has no ${name}`);
  return found;
}

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await session.client.callTool({ name, arguments: args })) as CallToolResult;
}

function firstText(result: CallToolResult): string {
  const block = result.content[0];
  return block?.type === 'text' ? block.text : '';
}

async function promptText(name: string, args: Record<string, string>): Promise<string> {
  const { messages } = await session.client.getPrompt({ name, arguments: args });
  return messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
}

describe('pmcp fixture server: tools', () => {
  test('tools/list has exactly the seed tools, each with an object input schema', () => {
    assert.deepEqual(tools.map((t) => t.name).sort(), [...SEED_TOOLS].sort());
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object', `${t.name} inputSchema`);
      assert.ok(t.description, `${t.name} has a description`);
    }
  });

  test('input schemas are the ones written in the source (ToolInfo, SimpleTool, #[mcp_tool])', () => {
    assert.deepEqual(tool('sales_top_customers').inputSchema.properties?.['limit'], {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 10,
      description: 'How many customers to return',
    });
    assert.deepEqual(tool('order_history').inputSchema.required, ['customer_id']);
    const candidate = tool('process_candidate').inputSchema.properties?.['candidate_id'] as { description?: string };
    assert.equal(candidate.description, 'ID from find_candidates output');
    assert.deepEqual(tool('workflow_execute').inputSchema.properties?.['workflow'], {
      type: 'string',
      enum: ['customer_onboarding', 'order_fulfillment', 'issue_escalation'],
    });
    // The macro derives the schema from the argument struct: its fields and doc comments.
    const log = tool('workflow_log');
    assert.deepEqual(Object.keys(log.inputSchema.properties ?? {}).sort(), ['action', 'actor', 'details', 'timestamp', 'workflow_id']);
    assert.deepEqual([...(log.inputSchema.required ?? [])].sort(), ['action', 'actor', 'workflow_id']);
    const percent = tool('workflow_progress').inputSchema.properties?.['progress_percent'] as { description?: string };
    assert.equal(percent.description, 'Completion, 0 to 100');
  });

  test('output schemas: declared with ToolInfo::with_output_schema, or derived from a typed #[mcp_tool] result', () => {
    for (const name of ['sales_top_customers', 'order_history', 'support_tickets', 'engagement_metrics', 'customer_analysis', 'workflow_execute', 'find_candidates']) {
      assert.equal(tool(name).outputSchema?.type, 'object', `${name} outputSchema`);
    }
    assert.deepEqual(Object.keys(tool('workflow_log').outputSchema?.properties ?? {}).sort(), ['action', 'entry_id', 'workflow_id']);
    assert.equal(tool('process_candidate').outputSchema, undefined);
  });

  test('sales_top_customers {limit: 1} returns Acme Corp (C-1001) in structuredContent', async () => {
    const result = await call('sales_top_customers', { limit: 1 });
    assert.notEqual(result.isError, true, firstText(result));
    assert.deepEqual(result.structuredContent, {
      customers: [{ customer_id: 'C-1001', name: 'Acme Corp', segment: 'enterprise', revenue: 182500 }],
    });
    assert.deepEqual(JSON.parse(firstText(result)), result.structuredContent);
  });

  test('order_history for C-1001 returns its 5 orders', async () => {
    const result = await call('order_history', { customer_id: 'C-1001' });
    const s = result.structuredContent as { customer_id: string; orders: { order_id: string }[]; order_count: number; total_revenue: number };
    assert.equal(s.customer_id, 'C-1001');
    assert.equal(s.order_count, 5);
    assert.deepEqual(
      s.orders.map((o) => o.order_id),
      ['O-5001', 'O-5002', 'O-5003', 'O-5004', 'O-5005'],
    );
    assert.equal(s.total_revenue, 182500);
  });

  test('support_tickets and engagement_metrics follow the contract', async () => {
    const tickets = (await call('support_tickets', { customer_id: 'C-1001' })).structuredContent as { tickets: unknown[]; open_count: number };
    assert.equal(tickets.tickets.length, 3);
    assert.equal(tickets.open_count, 2);
    const engagement = (await call('engagement_metrics', { customer_id: 'C-1001' })).structuredContent;
    assert.deepEqual(engagement, { customer_id: 'C-1001', active_users: 412, logins_last_30d: 9310, feature_adoption: 0.71, nps: 42 });
  });

  test('an unknown customer_id is a tool error whose text starts with NOT_FOUND:', async () => {
    const result = await call('order_history', { customer_id: 'C-9999' });
    assert.equal(result.isError, true);
    assert.match(firstText(result), /^NOT_FOUND:/);
  });

  test('customer_analysis synthesizes the report the example workflow expects', async () => {
    const result = await call('customer_analysis', { customer_id: 'C-1001', include_recommendations: true });
    const s = result.structuredContent as {
      customer: { customer_id: string };
      orders: { order_count: number; trend: string };
      support: { health: string; recurring_issues: string[] };
      recommendations: string[];
    };
    assert.equal(s.customer.customer_id, 'C-1001');
    assert.equal(s.orders.order_count, 5);
    assert.equal(s.orders.trend, 'increasing');
    assert.equal(s.support.health, 'Poor');
    assert.deepEqual(s.support.recurring_issues, ['sso login']);
    assert.ok(s.recommendations.length > 0);
  });

  test('workflow_execute walks a state machine to completion, offering next_actions', async () => {
    type Step = { state: string; completed: boolean; next_actions: string[] };
    let step = (await call('workflow_execute', { workflow: 'order_fulfillment' })).structuredContent as Step;
    const visited = [step.state];
    while (!step.completed) {
      assert.equal(step.next_actions.length, 1);
      step = (await call('workflow_execute', { workflow: 'order_fulfillment', state: step.state, input: {} })).structuredContent as Step;
      visited.push(step.state);
    }
    assert.deepEqual(visited, ['validate_order', 'reserve_stock', 'ship', 'notify_customer', 'done']);
    assert.deepEqual(step.next_actions, []);
  });

  test('external_api_call answers RATE_LIMITED with retry_after_seconds, then succeeds', async () => {
    const args = { endpoint: '/crm/accounts', request_key: 'rate-test', simulate: { error: 'RATE_LIMITED', times: 1, retry_after_seconds: 2 } };
    const failed = await call('external_api_call', args);
    assert.equal(failed.isError, true);
    assert.match(firstText(failed), /^RATE_LIMITED:/);
    assert.deepEqual((failed.structuredContent as { error: { retry_after_seconds: number } }).error.retry_after_seconds, 2);
    const retried = await call('external_api_call', args);
    assert.notEqual(retried.isError, true, firstText(retried));
    assert.equal((JSON.parse(firstText(retried)) as { attempt: number }).attempt, 2);
  });
});

describe('pmcp fixture server: prompts', () => {
  test('prompts/list has the seed prompts and the SequentialWorkflow prompt, with their arguments', async () => {
    const { prompts } = await session.client.listPrompts();
    assert.deepEqual(prompts.map((p) => p.name).sort(), [...SEED_PROMPTS, 'top-customer-review'].sort());
    const byName = new Map(prompts.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('customer-analysis')?.arguments, [
      { name: 'customer_id', description: "Customer ID, or 'top' for highest revenue customer", required: false },
    ]);
    assert.deepEqual(byName.get('entity-management')?.arguments, [
      { name: 'entity_type', description: 'Type: customer, order, product', required: true },
    ]);
    assert.deepEqual(byName.get('top-customer-review')?.arguments?.map((a) => [a.name, a.required]), [['analyst', true]]);
    assert.equal(byName.get('require-approval')?.description, 'Ask for explicit approval before an operation, and log the answer');
  });

  test('customer-analysis renders the {{#if}} branch for "top"', async () => {
    const text = await promptText('customer-analysis', { customer_id: 'top' });
    assert.match(text, /^Perform a comprehensive analysis of top:/);
    assert.match(text, /Use `sales_top_customers` with limit=1 to find the top customer/);
    assert.doesNotMatch(text, /Use customer_id:/);
    assert.doesNotMatch(text, /\{\{/);
  });

  test('customer-analysis renders the {{else}} branch for a given customer', async () => {
    const text = await promptText('customer-analysis', { customer_id: 'C-1002' });
    assert.match(text, /- Use customer_id: C-1002\n/);
    assert.doesNotMatch(text, /sales_top_customers/);
  });

  test('entity-management fills its format! placeholders', async () => {
    const text = await promptText('entity-management', { entity_type: 'order' });
    assert.match(text, /^Manage order entities:/);
    assert.match(text, /use order_list with any filters/);
    assert.match(text, /then use order_delete$/);
  });

  test('a plain literal prompt keeps the continuation-stripped text and the \\x20 indent', async () => {
    const text = await promptText('investigate-anomaly', {});
    assert.match(text, /- For each potential cause:\n {2}- Gather supporting evidence\n/);
    assert.match(await promptText('require-approval', {}), /^This operation requires approval:\n\n\*\*Before Proceeding:\*\*\n1\. /);
  });

  test('the SequentialWorkflow prompt runs its steps server-side, carrying the top customer ID', async () => {
    const text = await promptText('top-customer-review', { analyst: 'Dana' });
    assert.match(text, /I'll find the top customer by revenue for Dana\./);
    assert.match(text, /"customer_id": "C-1001"/);
    assert.match(text, /"order_id": "O-5005"/);
    assert.match(text, /"ticket_id": "T-303"/);
    assert.match(text, /"nps": 42/);
    assert.match(text, /Now synthesize the report for Dana/);
    assert.match(text, /"entry_id": \d+/);
  });
});
