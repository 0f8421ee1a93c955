// Find-references and rename of a tool across a workspace of both languages and a workflow file: every place the
// name stands is found, the rename edits exactly the name's characters, and after it the checks find no dangling
// reference (the proof that nothing was missed).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import type { Range } from '../../src/core/diagnostic';
import { extractFile } from '../../src/core/extract';
import { renameTool, toolReferences } from '../../src/core/rename';
import { LineIndex } from '../../src/core/text/line-index';
import { readFixture } from './helpers';

const TS = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export function register(server: McpServer): void {
  server.registerTool('sales_top_customers', {
    description: 'Customers ranked by revenue, highest first.',
    inputSchema: { limit: z.number().int().describe('How many customers to return') },
    outputSchema: { customers: z.array(z.object({ customer_id: z.string() })) },
  }, async () => ({ content: [], structuredContent: { customers: [] } }));
  server.registerTool('support_tickets', {
    description: 'Open tickets of one customer; its customer_id comes from sales_top_customers.',
    inputSchema: { customer_id: z.string().describe('ID from sales_top_customers output; call sales_top_customers first') },
  }, async () => ({ content: [] }));
  server.registerPrompt('top-customer', {
    description: 'Analyse the top customer.',
    argsSchema: { region: z.string().describe('Region to rank in') },
  }, ({ region }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: \`First call \\\`sales_top_customers\\\` for \${region}, then call support_tickets with its customer_id.\` } }],
  }));
}
`;

const WORKFLOW = `{
  // The seed's first two steps.
  "server": "example",
  "steps": [
    { "id": "top", "tool": "sales_top_customers", "args": { "limit": 1 } },
    { "parallel": [ { "id": "tickets", "tool": "support_tickets", "args": { "customer_id": "\${steps.top.result.customers[0].customer_id}" } } ] }
  ]
}
`;

async function workspace() {
  const texts = new Map<string, string>([
    ['/ws/src/tools.ts', TS],
    ['/ws/src/review.rs', readFixture('rules', 'workflow-unknown-tool', 'good.rs')],
    ['/ws/top.workflow.json', WORKFLOW],
  ]);
  const models = await Promise.all(['/ws/src/tools.ts', '/ws/src/review.rs'].map((f) => extractFile(f, texts.get(f)!)));
  return { texts, models, textOf: (f: string) => texts.get(f) };
}

const at = (text: string, range: Range) => {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
};

/** Applies edits to the texts (per file, from the last to the first so offsets stay valid). */
function apply(texts: Map<string, string>, edits: { file: string; range: Range; newText: string }[]): void {
  for (const file of new Set(edits.map((e) => e.file))) {
    let text = texts.get(file)!;
    const lines = new LineIndex(text);
    const mine = edits.filter((e) => e.file === file).map((e) => ({ ...e, start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) })).sort((a, b) => b.start - a.start);
    for (const e of mine) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    texts.set(file, text);
  }
}

describe('tool references and rename', () => {
  test('every place the name stands, in sources of both languages and in the workflow file', async () => {
    const { models, textOf } = await workspace();
    const refs = toolReferences(models, 'sales_top_customers', textOf, ['/ws/top.workflow.json']);
    const summary = refs.map((r) => `${r.file.split('/').pop()}:${r.range.start.line + 1} ${r.kind}`);
    const line = (file: string, needle: string, from = 0) => textOf(file)!.slice(0, textOf(file)!.indexOf(needle, from)).split('\n').length;
    const rs = '/ws/src/review.rs';
    assert.deepEqual(summary.sort(), [
      `review.rs:${line(rs, 'ToolInfo::new("sales_top_customers"')} declaration`,
      `review.rs:${line(rs, 'ID from sales_top_customers output')} id-source`,
      `review.rs:${line(rs, 'ToolHandle::new("sales_top_customers")')} workflow-step`,
      'tools.ts:11 tool-description',
      'tools.ts:12 id-source',
      'tools.ts:12 id-source',
      'tools.ts:18 prompt-text',
      'tools.ts:5 declaration',
      'top.workflow.json:5 workflow-file',
    ].sort());
    for (const r of refs) assert.equal(at(textOf(r.file)!, r.range), 'sales_top_customers', `${r.file} ${r.kind}`);
  });

  test('rename edits all of them, and afterwards no check finds a dangling name', async () => {
    const { texts, models, textOf } = await workspace();
    const before = checkWorkspace(models).filter((d) => /unknown/.test(d.ruleId)).map((d) => d.message);
    assert.deepEqual(before, []);
    const result = renameTool(models, 'sales_top_customers', 'rank_customers', textOf, ['/ws/top.workflow.json']);
    assert.ok('edits' in result, JSON.stringify(result));
    assert.equal(result.edits.length, 9);
    apply(texts, result.edits);
    for (const [file, text] of texts) assert.doesNotMatch(text, /sales_top_customers/, file);
    const after = await Promise.all(['/ws/src/tools.ts', '/ws/src/review.rs'].map((f) => extractFile(f, texts.get(f)!)));
    assert.deepEqual(checkWorkspace(after).filter((d) => /unknown/.test(d.ruleId)).map((d) => d.message), []);
    assert.ok(after.some((m) => m.tools.some((t) => t.name === 'rank_customers')));
    assert.match(texts.get('/ws/top.workflow.json')!, /"tool": "rank_customers"/);
  });

  test('refuses an invalid name, a name already taken, and a tool declared nowhere', async () => {
    const { models, textOf } = await workspace();
    assert.match((renameTool(models, 'sales_top_customers', 'rank customers', textOf) as { error: string }).error, /not a valid MCP tool name/);
    assert.match((renameTool(models, 'sales_top_customers', 'support_tickets', textOf) as { error: string }).error, /already exists/);
    assert.match((renameTool(models, 'no_such_tool', 'x', textOf) as { error: string }).error, /No declaration/);
  });

  test('a name inside a longer name is not a reference', async () => {
    const { models, textOf } = await workspace();
    const refs = toolReferences(models, 'support_tickets', textOf, ['/ws/top.workflow.json']);
    assert.ok(refs.every((r) => at(textOf(r.file)!, r.range) === 'support_tickets'));
    assert.deepEqual(refs.map((r) => r.kind).sort(), ['declaration', 'prompt-text', 'workflow-file']);
  });

  test('a tool named by its Rust function (#[mcp_tool] without name) is not renamed as text', async () => {
    const rs = `use pmcp::mcp_tool;\n\n#[mcp_tool(description = "Report workflow progress to the user")]\npub async fn workflow_progress(args: ProgressArgs) -> pmcp::Result<Value> {\n    todo!()\n}\n`;
    const models = [await extractFile('/ws/ops.rs', rs)];
    assert.equal(models[0]!.tools[0]?.name, 'workflow_progress');
    const result = renameTool(models, 'workflow_progress', 'report_progress', () => rs);
    assert.match((result as { error: string }).error, /derived from code at \/ws\/ops\.rs:4:14/);
  });

  test('in descriptions, a name that is also an English word counts only in backticks or as the "from X" source', async () => {
    const ts = `server.registerTool('lookup', { description: 'Look up a customer by name.', inputSchema: { q: z.string().describe('What to lookup') } }, h);
server.registerTool('orders', { description: 'Orders of a customer: first lookup the customer with \`lookup\`.', inputSchema: { customer_id: z.string().describe('ID from lookup output; lookup is fast') } }, h);
`;
    const models = [await extractFile('/ws/t.ts', ts)];
    const refs = toolReferences(models, 'lookup', () => ts);
    const columns = refs.map((r) => `${r.kind}@${r.range.start.line + 1}:${r.range.start.character}`);
    const col = (needle: string, line: number) => ts.split('\n')[line - 1]!.indexOf(needle);
    assert.deepEqual(columns, [
      `declaration@1:${col("'lookup'", 1) + 1}`,
      `tool-description@2:${col('`lookup`', 2) + 1}`,
      `id-source@2:${col('from lookup', 2) + 5}`,
    ]);
  });

  test('descriptions inside schemas name the tool too (zod and JSON), but a property of that name is data and stays', async () => {
    const ts = `server.registerTool('order_history', { description: 'Orders of one customer, oldest first.', inputSchema: { customer_id: z.string() } }, h);
server.registerTool('sales_top_customers', { description: 'Customers by revenue.', inputSchema: {}, outputSchema: { rows: z.array(z.object({ order_history: z.string(), id: z.string().describe('Use with order_history') })).describe('Rows; pass each id to order_history') } }, h);
`;
    const rs = `fn t() -> ToolInfo { ToolInfo::new("support_tickets", Some("Tickets of a customer".into()), json!({ "type": "object", "properties": { "customer_id": { "type": "string", "description": "A customer_id, as order_history takes it" } } })) }\n`;
    const texts = new Map([['/ws/a.ts', ts], ['/ws/b.rs', rs]]);
    const models = [await extractFile('/ws/a.ts', ts), await extractFile('/ws/b.rs', rs)];
    const refs = toolReferences(models, 'order_history', (f) => texts.get(f));
    const where = refs.map((r) => {
      const line = texts.get(r.file)!.split('\n')[r.range.start.line]!;
      return `${r.kind}: …${line.slice(Math.max(0, r.range.start.character - 12), r.range.end.character + 1)}`;
    });
    assert.deepEqual(where, [
      "declaration: …gisterTool('order_history'",
      "schema-description: …e('Use with order_history'",
      "schema-description: … each id to order_history'",
      'schema-description: …omer_id, as order_history ',
    ]);
  });

  test('a zod "ID from X output" is renamed in its .describe text, not in a nested property of that name', async () => {
    const ts = `server.registerTool('lookup', { description: 'Look up a customer by name.', inputSchema: { q: z.string() } }, h);
server.registerTool('details', { description: 'Details of one order.', inputSchema: { order_id: z.object({ lookup: z.string() }).describe('ID from lookup output') } }, h);
`;
    const refs = toolReferences([await extractFile('/ws/t.ts', ts)], 'lookup', () => ts);
    const line = ts.split('\n')[1]!;
    assert.deepEqual(refs.map((r) => `${r.kind}@${r.range.start.line + 1}:${r.range.start.character}`), [
      `declaration@1:${ts.indexOf("'lookup'") + 1}`,
      `id-source@2:${line.indexOf('from lookup') + 5}`,
    ]);
  });
});
