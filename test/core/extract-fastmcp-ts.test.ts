// The `fastmcp` npm framework: what the extractor reads from `addTool` / `addTools` / `addPrompt`, and every rule on
// a fixture with seeded defects (test/fixtures/ts/fastmcp/server.ts), at exact positions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import { fixture, positionOf, readFixture } from './helpers';

const SOURCE = readFixture('ts', 'fastmcp', 'server.ts');
const at = (span: { range: { start: { line: number; character: number } } }) => ({ line: span.range.start.line + 1, column: span.range.start.character + 1 });
const range = (needle: string, length: number, from = 0) => {
  const p = positionOf(SOURCE, needle, 0, from);
  return `${p.line}:${p.column}-${p.line}:${p.column + length}`;
};

describe('fastmcp (TypeScript)', async () => {
  const model = await extractFile(fixture('ts', 'fastmcp', 'server.ts'), SOURCE);
  const tool = (name: string) => model.tools.find((t) => t.name === name)!;

  it('finds addTool and every config of addTools, on the const server they are added to', () => {
    assert.deepEqual(model.tools.map((t) => [t.name, t.style]), [
      ['sales_top_customers', 'fastmcp'], ['order_history', 'fastmcp'], ['support_tickets', 'fastmcp'], ['engagement_metrics', 'fastmcp'], ['order_history', 'fastmcp'],
    ]);
    assert.equal(new Set(model.tools.map((t) => t.server)).size, 1);
    assert.deepEqual(at(tool('sales_top_customers').nameSpan), positionOf(SOURCE, "'sales_top_customers',"));
  });

  it('reads description, annotations.title and the zod parameters (a const too) as the input schema', () => {
    assert.equal(tool('sales_top_customers').description?.value, 'Top customers by revenue, highest first');
    assert.equal(tool('sales_top_customers').title, 'Top customers');
    assert.deepEqual(tool('sales_top_customers').inputSchema?.value, {
      type: 'object',
      properties: { limit: { type: 'integer', minimum: 1, maximum: 100, description: 'How many customers to return' } },
    });
    assert.deepEqual(tool('order_history').inputSchema?.value, {
      type: 'object',
      properties: { customer_id: { type: 'string', description: 'Customer ID from sales_top_customers output' } },
      required: ['customer_id'],
    });
    assert.deepEqual(tool('order_history').mentions?.map((m) => m.name), ['sales_top_customers']);
  });

  it('leaves a schema of another validator (ArkType) unknown, never {}', () => {
    assert.ok((tool('engagement_metrics').inputSchema?.errors.length ?? 0) > 0);
  });

  it('reads addPrompt: the arguments list and the template literal load returns, ${args.x} as uses', () => {
    const [prompt] = model.prompts;
    assert.equal(prompt?.name, 'customer-analysis');
    assert.deepEqual(prompt?.arguments.map((a) => [a.name, a.required, a.description?.value]), [
      ['customer_id', true, 'The customer to analyze'],
      ['focus', false, 'What to focus on'],
    ]);
    const message = prompt!.messages[0]!;
    assert.equal(message.role, 'user');
    assert.deepEqual(message.template.variables.map((v) => [v.name, v.interpolation]), [['customer_id', 'argument'], ['regoin', 'argument']]);
    assert.deepEqual(at(message.template.variables[0]!.span), positionOf(SOURCE, 'customer_id} in'));
    assert.deepEqual(message.template.mentions.map((m) => m.name), ['sales_lookup', 'order_history']);
  });

  it('reports each seeded defect once, at its exact position', () => {
    const found = checkWorkspace([model]).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.ruleId}`);
    assert.deepEqual(found.sort(), [
      `${range("'support_tickets'", 17)} descriptions/missing`,
      `${range("'order_history',\n});", 15)} names/duplicate`,
      `${range("'focus'", 7)} template/unused-argument`,
      `${range('sales_lookup tool', 12)} tools/unknown-tool`,
      `${range('regoin}', 6)} template/undeclared-variable`,
    ].sort());
  });

  it('an object literal as parameters is no schema fastmcp sends (it refuses it): unknown, no schema rule', async () => {
    const src = "import { FastMCP } from 'fastmcp';\nconst server = new FastMCP({ name: 'x', version: '1' });\nserver.addTool({ description: 'Migrate the legacy records to the new format', execute: async () => 'ok', name: 'legacy', parameters: {} as never });\n";
    const m = await extractFile('/ws/legacy.ts', src);
    assert.match(m.tools[0]?.inputSchema?.errors[0]?.message ?? '', /Standard Schema/);
    assert.deepEqual(checkWorkspace([m]), []);
  });
});
