// rmcp (the official Rust SDK) macro servers: what the extractor reads from `#[tool_router]` / `#[prompt_router]`
// impl blocks, checked on the compiled fixture server (test/fixtures/rust/rmcp-server, built and run in
// `npm run test:rust`) and on a fixture with seeded defects, with exact positions; and rename of their names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import type { FileModel } from '../../src/core/model';
import { renameTool } from '../../src/core/rename';
import { createRevisionResolver } from '../../src/core/protocol-revision';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, positionOf, readFixture } from './helpers';
import { extractAs } from '../../src/core/parse/registry';

const at = (span: { range: { start: { line: number; character: number } } }) => ({ line: span.range.start.line + 1, column: span.range.start.character + 1 });

const read = (path: string[]) => extractAs('rust', fixture(...path), readFixture(...path));

describe('rmcp: the fixture server (tools.rs, prompts.rs)', async () => {
  const TOOLS = readFixture('rust', 'rmcp-server', 'src', 'tools.rs');
  const PROMPTS = readFixture('rust', 'rmcp-server', 'src', 'prompts.rs');
  const tools = await read(['rust', 'rmcp-server', 'src', 'tools.rs']);
  const prompts = await read(['rust', 'rmcp-server', 'src', 'prompts.rs']);
  const tool = (name: string) => tools.tools.find((t) => t.name === name)!;

  it('finds every #[tool] method of the #[tool_router] block, on one server per impl type', () => {
    assert.deepEqual(tools.tools.map((t) => [t.name, t.style, t.server]), [
      ['sales_top_customers', 'rmcp-macro', 'rmcp:CustomerInsights'],
      ['order_history', 'rmcp-macro', 'rmcp:CustomerInsights'],
      ['support_tickets', 'rmcp-macro', 'rmcp:CustomerInsights'],
      ['engagement_metrics', 'rmcp-macro', 'rmcp:CustomerInsights'],
      ['customer_analysis', 'rmcp-macro', 'rmcp:CustomerInsights'],
    ]);
  });

  it('takes the name from name = "…" (inside the quotes) or the fn name (the identifier)', () => {
    assert.deepEqual(at(tool('order_history').nameSpan), positionOf(TOOLS, '"order_history", description'));
    assert.deepEqual(at(tool('sales_top_customers').nameSpan), positionOf(TOOLS, 'sales_top_customers('));
  });

  it('takes the description from description = "…", else the /// lines joined with a newline, as rmcp does', () => {
    assert.equal(tool('order_history').description?.value, 'Order history for one customer: orders, count and total revenue');
    assert.equal(tool('customer_analysis').description?.value, 'Synthesizes the customer report: call order_history, support_tickets and engagement_metrics first,\nor let this tool gather them.');
    assert.deepEqual(at(tool('customer_analysis').description!.span), positionOf(TOOLS, 'Synthesizes the customer report'));
    // "call X, Y and Z first" names X in the mention forms of issue 12; Y and Z are plain words there.
    assert.deepEqual(tool('customer_analysis').mentions?.map((m) => m.name), ['order_history', 'support_tickets', 'engagement_metrics']);
    assert.equal(tool('sales_top_customers').title, 'Top customers');
  });

  it('reads the input schema from the Parameters<T> struct: docs, schemars description and range, serde default', () => {
    assert.deepEqual(tool('sales_top_customers').inputSchema?.value, {
      type: 'object',
      properties: { limit: { type: 'integer', minimum: 1, maximum: 100, description: 'How many customers to return' } },
    });
    assert.deepEqual(tool('support_tickets').inputSchema?.value, {
      type: 'object',
      properties: { customer_id: { type: 'string', description: 'Customer ID from sales_top_customers output' } },
      required: ['customer_id'],
    });
    assert.deepEqual(tool('customer_analysis').inputSchema?.value, {
      type: 'object',
      properties: {
        customer_id: { type: 'string', description: 'Customer ID from sales_top_customers output' },
        include_recommendations: { type: 'boolean', description: 'Add recommended next actions to the report' },
      },
      required: ['customer_id'],
    });
    const location = tool('support_tickets').inputSchema!.locations['/properties/customer_id/description']!;
    assert.deepEqual(at(location.value), positionOf(TOOLS, '"Customer ID from sales_top_customers output"'));
  });

  it('reads the output schema from Json<T>; a type declared in another file leaves it unknown, not {}', () => {
    assert.deepEqual(Object.keys((tool('order_history').outputSchema?.value as { properties: object }).properties), ['customer_id', 'orders', 'order_count', 'total_revenue']);
    assert.deepEqual(tool('order_history').outputSchema?.errors, []);
    // `Customer` (data.rs) and `CustomerReport` (analysis.rs) are not in this file.
    assert.match(tool('sales_top_customers').outputSchema?.errors[0]?.message ?? '', /`Customer` is not read statically/);
    assert.match(tool('customer_analysis').outputSchema?.errors[0]?.message ?? '', /`CustomerReport` is not read statically/);
  });

  it('reads #[prompt] methods: name, /// description, arguments from Parameters<T> (serde rename, Option)', () => {
    assert.deepEqual(prompts.prompts.map((p) => [p.name, p.description?.value, p.server]), [
      ['customer-analysis', 'Guides a model through the customer analysis, one tool at a time.', 'rmcp:CustomerInsights'],
      ['quick-check', 'A short health check of one customer', 'rmcp:CustomerInsights'],
    ]);
    const [analysis] = prompts.prompts;
    assert.deepEqual(analysis!.arguments.map((a) => [a.name, a.required]), [['customer_id', false], ['focus', true]]);
    assert.deepEqual(at(analysis!.arguments[1]!.nameSpan), positionOf(PROMPTS, 'focus")]'));
    assert.deepEqual(analysis!.argumentUses?.map((u) => u.name), ['customer_id', 'focus']);
  });

  it('reads the format! text of a prompt, with its tool mentions at their positions', () => {
    const message = prompts.prompts[0]!.messages[0]!;
    assert.equal(message.template.syntax, 'format');
    assert.deepEqual(message.template.mentions.map((m) => m.name), ['sales_top_customers', 'order_history', 'support_tickets', 'engagement_metrics', 'customer_analysis']);
    assert.deepEqual(at(message.template.mentions[0]!.span), positionOf(PROMPTS, 'sales_top_customers tool'));
  });

  it('the whole fixture server checks clean', async () => {
    const files = ['main.rs', 'tools.rs', 'prompts.rs', 'data.rs', 'analysis.rs'];
    const models = await Promise.all(files.map((f) => read(['rust', 'rmcp-server', 'src', f])));
    assert.deepEqual(checkWorkspace(models).map((d) => `${d.ruleId} ${d.message}`), []);
  });
});

describe('rmcp: seeded defects (router.rs)', async () => {
  const SOURCE = readFixture('rust', 'rmcp', 'router.rs');
  const model = await read(['rust', 'rmcp', 'router.rs']);
  const pos = (d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
    `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;

  it('reads rename_all, rename, a unit enum and Option into the schema', () => {
    assert.deepEqual(model.tools[0]?.inputSchema?.value, {
      type: 'object',
      properties: {
        queryText: { type: 'string', description: 'Words to look for' },
        maxResults: { type: 'integer', minimum: 1, maximum: 50, description: 'At most this many results' },
        order: { type: 'string', enum: ['newest', 'oldest'], description: 'Newest or oldest first' },
      },
      required: ['queryText', 'order'],
    });
  });

  it('reports each seeded defect once, at its exact position, and nothing across the two servers', () => {
    const found = checkWorkspace([model]).map((d) => `${pos(d)} ${d.ruleId}`);
    const span = (needle: string, length: number, shift = 0) => {
      const p = positionOf(SOURCE, needle, shift);
      return `${p.line}:${p.column}-${p.line}:${p.column + length}`;
    };
    const second = SOURCE.indexOf('#[tool(name = "fetch_ticket")]');
    const dup = positionOf(SOURCE, '"fetch_ticket")]', 0, second);
    assert.deepEqual(found.sort(), [
      `${span('requester: String', 9)} template/unused-argument`,
      `${dup.line}:${dup.column}-${dup.line}:${dup.column + 14} names/duplicate`,
      `${dup.line}:${dup.column}-${dup.line}:${dup.column + 14} descriptions/missing`,
      `${span('lookup_ticket tool', 13)} tools/unknown-tool`,
    ].sort());
  });

  it('an imported Parameters<T> leaves the input schema unknown: no schema rule judges it', () => {
    const fetch = model.tools.find((t) => t.name === 'fetch_ticket')!;
    assert.match(fetch.inputSchema?.errors[0]?.message ?? '', /`ImportedArgs` is not read statically/);
  });
});

describe('rmcp: schemas given as expressions', () => {
  it('an input_schema = … computed at run time is a schema that exists and is unknown, not a tool without one', async () => {
    const m = await extractAs('rust', '/ws/s.rs', '#[tool_router]\nimpl S {\n    #[tool(description = "Lists", input_schema = list_schema())]\n    fn list(&self) -> String {\n        String::new()\n    }\n}\n');
    assert.match(m.tools[0]?.inputSchema?.errors[0]?.message ?? '', /computed at run time/);
  });
});

describe('rmcp: rename', async () => {
  const SOURCE = readFixture('rust', 'rmcp', 'router.rs');
  const file = fixture('rust', 'rmcp', 'router.rs');
  const models: FileModel[] = [await extractAs('rust', file, SOURCE)];
  const textOf = (f: string) => (f === file ? SOURCE : undefined);

  it('edits the name = "…" values and the mentions of a tool named in its attribute', () => {
    const result = renameTool(models, 'fetch_ticket', 'get_ticket', textOf);
    assert.ok('edits' in result, 'error' in result ? result.error : '');
    const declarations = result.edits.filter((e) => e.kind === 'declaration').map((e) => SOURCE.split('\n')[e.range.start.line]!.slice(e.range.start.character, e.range.end.character));
    assert.deepEqual(declarations, ['fetch_ticket', 'fetch_ticket']);
    assert.ok(result.edits.some((e) => e.kind === 'tool-description'), 'the mention in search_tickets\' doc comment is renamed too');
  });

  it('refuses a name derived from the fn name, saying where', () => {
    const result = renameTool(models, 'search_tickets', 'find_tickets', textOf);
    assert.ok('error' in result);
    assert.match(result.error, /derived from code at .*router\.rs:\d+:\d+/);
  });
});

describe('rmcp: the protocol revision a project targets', () => {
  it('reads rmcp from Cargo.lock: 3.x targets 2026-07-28, where an output schema may have any root (SEP-2106)', () => {
    const dir = fixture('rust', 'rmcp-server');
    assert.deepEqual(createRevisionResolver(() => dir)(`${dir}/src/tools.rs`), { revision: '2026-07-28', reason: 'from rmcp 3.11.0' });
  });

  it('follows rmcp = { workspace = true } to the workspace dependencies: 2.x targets 2025-11-25', () => {
    const root = mkdtempSync(join(tmpdir(), 'rmcp-ws-'));
    mkdirSync(join(root, 'examples', 'servers'), { recursive: true });
    writeFileSync(join(root, 'Cargo.toml'), '[workspace]\nmembers = ["examples/*"]\n\n[workspace.dependencies]\nrmcp = { version = "2.2.0", path = "./crates/rmcp" }\n');
    writeFileSync(join(root, 'examples', 'servers', 'Cargo.toml'), '[package]\nname = "x"\n\n[dependencies]\nrmcp = { workspace = true, features = ["server"] }\n');
    const dir = join(root, 'examples', 'servers');
    assert.deepEqual(createRevisionResolver(() => dir)(join(dir, 'src', 'main.rs')), { revision: '2025-11-25', reason: 'from rmcp 2.2.0' });
  });
});

describe('rmcp: resources of a ServerHandler (resources.rs)', async () => {
  const SOURCE = readFixture('rust', 'rmcp', 'resources.rs');
  const model = await read(['rust', 'rmcp', 'resources.rs']);
  const at = (s: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => `${s.range.start.line + 1}:${s.range.start.character + 1}-${s.range.end.line + 1}:${s.range.end.character + 1}`;
  const lineOf = (needle: string) => SOURCE.slice(0, SOURCE.indexOf(needle)).split('\n').length;

  it('reads list_resources and list_resource_templates: constructors, a helper of the impl, chains and a struct literal', () => {
    assert.deepEqual(model.resources?.map((r) => [r.name, r.uri?.value, r.template ?? false, r.description?.value, r.mimeType?.value, r.server]), [
      ['catalog', 'library://catalog', false, undefined, undefined, 'rmcp:Library'],
      ['news', 'library://news', false, "Today's news", 'text/markdown', 'rmcp:Library'],
      ['catalog-again', 'library://catalog', false, undefined, undefined, 'rmcp:Library'],
      ['book', 'library://books/{isbn}', true, 'One book by its ISBN', undefined, 'rmcp:Library'],
      ['author', 'library://authors/{id}', true, undefined, undefined, 'rmcp:Library'],
    ]);
    // Through the helper, the name and URI stand where the call gives them.
    const line = lineOf('"library://catalog", "catalog")');
    assert.equal(at(model.resources![0]!.nameSpan), `${line}:57-${line}:66`);
    assert.deepEqual(model.resources![3]!.uriParameters?.map((u) => `${u.name} ${at(u.span)}`), [`isbn ${lineOf('{isbn}')}:53-${lineOf('{isbn}')}:57`]);
  });

  it('reports the URI listed twice, at the later one', () => {
    const line = lineOf('"library://catalog", "catalog-again"');
    assert.deepEqual(checkWorkspace([model]).map((d) => `${at(d)} ${d.ruleId}`), [`${line}:36-${line}:55 names/duplicate`]);
  });
});
