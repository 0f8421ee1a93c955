import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractAs } from '../../src/core/parse/registry';
import { positionOf } from './helpers';

const at = (span: { range: { start: { line: number; character: number } } }) => ({ line: span.range.start.line + 1, column: span.range.start.character + 1 });

const SERVER = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'crm', version: '1.0.0' });
const customerId = z.string().describe('ID from sales_top_customers output');

server.registerTool(
  'order_history',
  {
    title: 'Order history',
    description: 'Orders of one customer',
    inputSchema: { customer_id: customerId, limit: z.number().int().min(1).optional() },
    outputSchema: { orders: z.array(z.object({ order_id: z.string() })), total: z.number() },
  },
  async ({ customer_id }) => ({ content: [], structuredContent: { orders: [], total: 0 } }),
);

const STEPS = [
  '**Step 1**',
  '- Use \`sales_top_customers\` with limit=1',
  '- Then call order_history for {{customer_id}}',
];

server.registerPrompt(
  'customer-analysis',
  { description: 'Analyse a customer', argsSchema: { customer_id: z.string().describe("Customer ID, or 'top'") } },
  ({ customer_id }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'Analyse {{customer_id}}:\\n' + STEPS.join('\\n') } }],
  }),
);

server.prompt('quick-look', 'A quick look', { customer_id: z.string() }, ({ customer_id }) => ({
  messages: [{ role: 'user', content: { type: 'text', text: \`Look at \${customer_id} with \\\`support_tickets\\\`\` } }],
}));

server.tool('support_tickets', 'Tickets of a customer', { customer_id: z.string() }, async () => ({ content: [] }));

const tools = [{ name: 'engagement_metrics', description: 'Metrics', inputSchema: { type: 'object', properties: { customer_id: { type: 'string' } }, required: ['customer_id'] } }];
lowLevel.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
`;

describe('TypeScript extraction', async () => {
  const model = await extractAs('typescript', '/ws/server.ts', SERVER);

  it('finds registerTool, tool() and low-level tools at their name literals', () => {
    assert.deepEqual(model.tools.map((t) => [t.name, t.style]), [['order_history', 'sdk'], ['support_tickets', 'sdk-legacy'], ['engagement_metrics', 'sdk-lowlevel']]);
    assert.deepEqual(at(model.tools[0]!.nameSpan), positionOf(SERVER, "'order_history'"));
    assert.deepEqual(at(model.tools[2]!.nameSpan), positionOf(SERVER, "'engagement_metrics'"));
  });

  it('turns zod shapes into JSON Schema, following consts, with optional fields not required', () => {
    const schema = model.tools[0]!.inputSchema!;
    assert.equal(schema.origin, 'zod');
    assert.deepEqual(schema.value, {
      type: 'object',
      properties: { customer_id: { type: 'string', description: 'ID from sales_top_customers output' }, limit: { type: 'integer', minimum: 1 } },
      required: ['customer_id'],
    });
    assert.deepEqual(at(schema.locations['/properties/limit']!.key!), positionOf(SERVER, 'limit: z.number()'));
    assert.deepEqual((model.tools[0]!.outputSchema!.value as { required: string[] }).required, ['orders', 'total']);
  });

  it('reads plain JSON Schema objects', () => {
    assert.deepEqual((model.tools[2]!.inputSchema!.value as { required: string[] }).required, ['customer_id']);
    assert.equal(model.tools[2]!.inputSchema!.origin, 'object-literal');
  });

  it('reads prompt arguments and message text built with + and .join, mapping positions back', () => {
    const p = model.prompts.find((x) => x.name === 'customer-analysis')!;
    assert.deepEqual(p.arguments.map((a) => [a.name, a.required, a.description?.value]), [['customer_id', true, "Customer ID, or 'top'"]]);
    const [message] = p.messages;
    assert.equal(message!.text.value, 'Analyse {{customer_id}}:\n**Step 1**\n- Use `sales_top_customers` with limit=1\n- Then call order_history for {{customer_id}}');
    assert.equal(message!.template.syntax, 'handlebars');
    const vars = message!.template.variables.map((v) => at(v.span));
    assert.deepEqual(vars, [positionOf(SERVER, '{{customer_id}}:', 2), positionOf(SERVER, 'order_history for {{customer_id}}', 'order_history for {{'.length)]);
    assert.deepEqual(message!.template.mentions.map((m) => [m.name, at(m.span)]), [
      ['sales_top_customers', positionOf(SERVER, 'sales_top_customers`', 0, SERVER.indexOf('const STEPS'))],
      ['order_history', positionOf(SERVER, 'order_history for')],
    ]);
  });

  it('treats ${…} in a template literal as an argument use in plain text', () => {
    const p = model.prompts.find((x) => x.name === 'quick-look')!;
    assert.equal(p.style, 'sdk-legacy');
    assert.equal(p.description?.value, 'A quick look');
    const [message] = p.messages;
    assert.equal(message!.template.syntax, 'plain');
    assert.deepEqual(message!.template.variables.map((v) => v.name), ['customer_id']);
    assert.deepEqual(message!.template.mentions.map((m) => m.name), ['support_tickets']);
  });

  it('keeps going past a syntax error', async () => {
    const broken = SERVER.replace("server.prompt('quick-look'", 'server.prompt(((( ;; quick-look');
    const m = await extractAs('typescript', '/ws/broken.ts', broken);
    assert.ok(m.tools.some((t) => t.name === 'order_history'));
    assert.ok(m.problems.length > 0);
  });
});

describe('TypeScript extraction: SDK shapes', () => {
  it('reads `inputSchema: {}` of registerTool as an empty zod shape (an object schema), not as the empty JSON Schema', async () => {
    const m = await extractAs('typescript', '/ws/ping.ts', "server.registerTool('ping', { description: 'Checks that the server answers', inputSchema: {} }, async () => ({ content: [] }));");
    assert.deepEqual(m.tools[0]?.inputSchema?.value, { type: 'object', properties: {} });
    assert.equal(m.tools[0]?.inputSchema?.origin, 'zod');
  });

  it('expands `...shape` spreads of a const zod shape', async () => {
    const src = "const counts = { record_count: z.number().int(), pending: z.number() };\nserver.registerTool('validate_source', { description: 'Validates the source records', inputSchema: {}, outputSchema: { valid: z.boolean(), ...counts } }, async () => ({ content: [] }));";
    const m = await extractAs('typescript', '/ws/v.ts', src);
    assert.deepEqual(Object.keys((m.tools[0]?.outputSchema?.value as { properties: object }).properties), ['valid', 'record_count', 'pending']);
  });

  it('gives a low-level prompt only the texts of its own GetPrompt branch, also when texts are consts declared outside the handler', async () => {
    const src = [
      "const A = 'Text for a: use `order_history`.';",
      "const B = 'Text for b: use `support_tickets`.';",
      "server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: [{ name: 'a', description: 'Prompt a', arguments: [] }, { name: 'b', description: 'Prompt b', arguments: [] }] }));",
      "server.setRequestHandler(GetPromptRequestSchema, async (request) => {",
      "  if (request.params.name === 'a') return { messages: [{ role: 'user', content: { type: 'text', text: A } }] };",
      "  return { messages: [{ role: 'user', content: { type: 'text', text: B } }] };",
      '});',
    ].join('\n');
    const m = await extractAs('typescript', '/ws/low.ts', src);
    const texts = Object.fromEntries(m.prompts.map((p) => [p.name, p.messages.map((x) => x.text.value)]));
    assert.deepEqual(texts, { a: ['Text for a: use `order_history`.'], b: ['Text for b: use `support_tickets`.'] });
  });

  it('decodes quoted keys the same way in zod shapes, registration options and JSON literals', async () => {
    const src = "server.registerTool('t', { 'descr\\u0069ption': 'Reads one order by id', inputSchema: { 'order\\u005fid': z.string() }, outputSchema: { type: 'object', properties: { 'tot\\u0061l': { type: 'number' } } } }, h);";
    const m = await extractAs('typescript', '/ws/k.ts', src);
    const tool = m.tools[0]!;
    assert.equal(tool.description?.value, 'Reads one order by id');
    assert.deepEqual(Object.keys((tool.inputSchema?.value as { properties: object }).properties), ['order_id']);
    assert.deepEqual(Object.keys((tool.outputSchema?.value as { properties: object }).properties), ['total']);
  });

  it('reads `z.object(shape)` of a const shape, nested in an array too, located where the shape is written', async () => {
    const src = "const customerShape = { customer_id: z.string(), name: z.string() };\nserver.registerTool('customer_list', { description: 'Lists the customers', inputSchema: {}, outputSchema: { customers: z.array(z.object(customerShape)), first: z.object(customerShape).optional() } }, async () => ({ content: [] }));";
    const m = await extractAs('typescript', '/ws/c.ts', src);
    const doc = m.tools[0]?.outputSchema;
    const value = doc?.value as { properties: { customers: { items: { properties: object } }; first: { properties: object } } };
    assert.deepEqual(Object.keys(value.properties.customers.items.properties), ['customer_id', 'name']);
    assert.deepEqual(Object.keys(value.properties.first.properties), ['customer_id', 'name']);
    assert.equal(doc?.locations['/properties/customers/items/properties/customer_id']?.key?.range.start.line, 0);
  });
});
