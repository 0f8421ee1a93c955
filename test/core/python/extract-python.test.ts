// The Python fixture servers read as FastMCP and the official SDK serve them: names at their source positions,
// descriptions as `inspect.getdoc` cleans docstrings, input schemas from type hints, output schemas from return
// annotations (wrapped in {"result": …} where FastMCP wraps them), prompt arguments and f-string uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFile } from '../../../src/core/extract';
import type { FileModel, SourceSpan } from '../../../src/core/model';
import { draftWorkflow } from '../../../src/core/workflow/draft';
import { fixture, readFixture } from '../helpers';

const pos = (s: SourceSpan) => `${s.range.start.line + 1}:${s.range.start.character + 1}`;
const read = (...parts: string[]): Promise<FileModel> => extractFile(fixture('python', ...parts), readFixture('python', ...parts));
const names = (m: FileModel) => [...m.tools.map((t) => `tool ${t.name} ${pos(t.nameSpan)}`), ...m.prompts.map((p) => `prompt ${p.name} ${pos(p.nameSpan)}`)];

describe('Python extraction: FastMCP', () => {
  it('finds every tool and prompt of the customer server at its name', async () => {
    const m = await read('fastmcp', 'customer_server.py');
    assert.deepEqual(m.problems, []);
    assert.deepEqual(names(m), [
      'tool sales_top_customers 98:5', 'tool order_history 110:5', 'tool support_tickets 119:5', 'tool engagement_metrics 128:5',
      'tool customer_analysis 141:10', 'prompt customer-analysis 175:18',
    ]);
    assert.ok(m.tools.every((t) => t.server === 'mcp' && t.style === 'fastmcp'));
  });

  it('builds the input schema from hints, Annotated Field metadata and defaults', async () => {
    const m = await read('fastmcp', 'customer_server.py');
    const top = m.tools.find((t) => t.name === 'sales_top_customers')!;
    assert.deepEqual(top.inputSchema?.value, {
      additionalProperties: false, type: 'object',
      properties: { limit: { default: 10, description: 'How many customers to return (1-100, default 10)', maximum: 100, minimum: 1, type: 'integer' } },
    });
    const analysis = m.tools.find((t) => t.name === 'customer_analysis')!;
    assert.deepEqual(analysis.inputSchema?.value, {
      additionalProperties: false, type: 'object', required: ['customer_id'],
      properties: {
        customer_id: { description: 'Customer ID from sales_top_customers output', type: 'string' },
        include_recommendations: { default: true, description: 'Add recommendations to the report', type: 'boolean' },
      },
    });
    // The description written once in the `CustomerId` alias is located there, for rules and rename.
    const at = analysis.inputSchema!.locations['/properties/customer_id/description']!;
    assert.equal(pos(at.value), '21:47');
  });

  it('takes the docstring as getdoc cleans it, or description=', async () => {
    const m = await read('fastmcp', 'customer_server.py');
    assert.equal(m.tools[0]!.description?.value, 'List customers by revenue, highest first.\n\nUse the customer_id of a row with order_history, support_tickets and engagement_metrics.');
    assert.equal(m.tools[4]!.description?.value, "Gather a customer's orders, tickets and engagement and synthesize a report. Call sales_top_customers first to get the customer_id.");
    assert.deepEqual(m.tools[4]!.mentions?.map((x) => x.name), ['sales_top_customers']);
  });

  it('reads model return annotations as output schemas, nested models inlined', async () => {
    const m = await read('fastmcp', 'customer_server.py');
    const history = m.tools.find((t) => t.name === 'order_history')!.outputSchema!.value as { properties: Record<string, unknown>; required: string[] };
    assert.deepEqual(history.required, ['customer_id', 'orders', 'order_count', 'total_revenue']);
    assert.deepEqual(history.properties['orders'], {
      items: { properties: { order_id: { type: 'string' }, date: { type: 'string' }, total: { type: 'number' } }, required: ['order_id', 'date', 'total'], type: 'object' }, type: 'array',
    });
  });

  it('reads a prompt: arguments from parameters, f-string fields as uses at the name, tools named in words', async () => {
    const m = await read('fastmcp', 'customer_server.py');
    const p = m.prompts[0]!;
    assert.deepEqual(p.arguments.map((a) => [a.name, a.required, a.description?.value]), [['focus', false, 'What the report should focus on']]);
    const t = p.messages[0]!.template;
    assert.deepEqual(t.variables.map((v) => `${v.name}@${pos(v.span)} ${v.interpolation}`), ['focus@179:58 argument']);
    assert.deepEqual(t.mentions.map((x) => x.name), ['sales_top_customers', 'order_history', 'support_tickets', 'engagement_metrics', 'customer_analysis']);
  });

  it('reads the shapes of public servers: positional names, add_tool, Context left out, unknown hints unknown', async () => {
    const m = await read('shapes', 'fastmcp_v1.py');
    assert.deepEqual(names(m), ['tool find_tickets 21:11', 'tool store_invoice 28:5', 'tool escalate 38:14', 'prompt triage 42:5', 'prompt summary 54:5']);
    const find = m.tools[0]!;
    assert.deepEqual(Object.keys((find.inputSchema!.value as { properties: object }).properties), ['filters', 'page']);
    assert.deepEqual(find.outputSchema?.value, { additionalProperties: true, type: 'object' });
    // An imported model is not read: the schema is unknown (an error on it), never an empty `{}` judged as read.
    assert.match(m.tools[1]!.inputSchema!.errors[0]!.message, /`Invoice` is not read statically/);
    assert.deepEqual(m.tools[2]!.outputSchema?.value, { properties: { result: { type: 'boolean' } }, required: ['result'], type: 'object', 'x-fastmcp-wrap-result': true });
    const triage = m.prompts[0]!;
    assert.deepEqual(triage.messages.map((x) => x.role), ['user', 'assistant']);
    assert.deepEqual(triage.messages[0]!.template.variables.map((v) => `${v.name}@${pos(v.span)}`), ['queue@43:27', 'depth@46:23']);
    assert.equal(triage.messages[0]!.text.value, '{intro}, {depth} levels deep.\nCall the find_tickets tool, then escalate(ticket_id) for each urgent one.\n');
    // `**kwargs` may carry any argument: nothing to judge.
    assert.ok(m.prompts[1]!.argumentUses?.some((u) => u.name === '*'));
    assert.equal(m.prompts[1]!.messages[0]!.template.syntax, 'format');
  });
});

describe('Python extraction: FastMCP 3+ shapes', () => {
  it('keys versions of a tool apart, reads TypedDict NotRequired keys, dataclasses and a typed factory server', async () => {
    const m = await read('shapes', 'versioned.py');
    assert.deepEqual(m.tools.map((t) => `${t.name} ${t.server}`), ['charge mcp@"1.0"', 'charge mcp@"2.0"', 'set_light mcp', 'lookup app']);
    const light = m.tools[2]!;
    assert.deepEqual((light.inputSchema!.value as { properties: { state: unknown } }).properties.state, {
      properties: { on: { description: 'on/off state', type: 'boolean' }, bri: { description: 'brightness', maximum: 254, minimum: 0, type: 'integer' } }, type: 'object',
    });
    assert.deepEqual(light.outputSchema?.value, { properties: { receipt_id: { type: 'string' }, total: { type: 'number' }, note: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null } }, required: ['receipt_id', 'total'], type: 'object' });
    // Backticks in a docstring mark code (``payments``, `x-idempotency-key`): never an unknown tool.
    assert.ok(m.tools[1]!.mentions?.every((x) => x.weak));
  });
});

describe('Python extraction: the low-level Server', () => {
  it('reads types.Tool / types.Prompt in both SDK spellings', async () => {
    const v2 = await read('lowlevel', 'server_v2.py');
    assert.deepEqual(names(v2), ['tool sales_top_customers 13:22', 'tool order_history 32:22', 'prompt customer-brief 44:22']);
    assert.equal(v2.tools[0]!.title, 'Top customers');
    assert.deepEqual((v2.tools[1]!.inputSchema!.value as { properties: object }).properties, { customer_id: { type: 'string', description: 'Customer ID from sales_top_customers output' } });
    assert.deepEqual(v2.prompts[0]!.arguments.map((a) => [a.name, a.required]), [['customer_id', true]]);
    const v1 = await read('lowlevel', 'server_v1.py');
    assert.deepEqual(names(v1), ['tool support_tickets 14:18', 'prompt ticket-triage 27:31']);
    assert.equal(v1.tools[0]!.server, 'server');
  });

  it('skips a file that declares nothing without parsing it', async () => {
    const m = await extractFile('util.py', 'def add(a, b):\n    return a + b\n');
    assert.deepEqual([m.tools, m.prompts], [[], []]);
  });
});

describe('Python prompts drive the workflow draft', () => {
  it('drafts the guided FastMCP prompt: the finder, the three gathering tools in parallel, then the report with the ID carried', async () => {
    const m = await read('fastmcp', 'customer_server.py');
    const draft = draftWorkflow(m.prompts[0]!, m.tools, { server: 'python-fastmcp' });
    const steps = draft.workflow.steps as { id: string; tool?: string; parallel?: { tool: string }[]; arguments?: Record<string, unknown> }[];
    assert.deepEqual(steps.map((s) => s.tool ?? s.parallel!.map((p) => p.tool).join('+')), ['sales_top_customers', 'order_history+support_tickets+engagement_metrics', 'customer_analysis']);
    assert.deepEqual(steps[2]!.arguments, { customer_id: '${steps.sales_top_customers.result.customers[0].customer_id}' });
  });
});
