// Two servers in one workspace, each its own project, each declaring `sales_top_customers` (a Python FastMCP server
// and an rmcp crate, as a monorepo of examples holds them): a name in one server's prompt means that server's tool.
// Hover, definition, completion and rename stay in the project (the real server process over stdio).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

describe('language server: names resolve within their own project', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-lsp-projects-'));
  cpSync(join(repo, 'test/fixtures/python/fastmcp'), join(ws, 'python'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/rust/rmcp-server/src'), join(ws, 'rmcp', 'src'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/rust/rmcp-server/Cargo.toml'), join(ws, 'rmcp', 'Cargo.toml'));
  const prompts = join(ws, 'rmcp', 'src', 'prompts.rs');
  const tools = join(ws, 'rmcp', 'src', 'tools.rs');
  // An explicit name, so the rmcp tool can be renamed (a name derived from the method's is code).
  const declared = readFileSync(tools, 'utf8');
  const attribute = '#[tool(annotations(title = "Top customers"';
  assert.ok(declared.includes(attribute), 'the rmcp fixture changed');
  writeFileSync(tools, declared.replace(attribute, '#[tool(name = "sales_top_customers", annotations(title = "Top customers"'));
  const python = join(ws, 'python', 'customer_server.py');
  const uri = (f: string) => pathToFileURL(f).toString();
  const lines = readFileSync(prompts, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('1. Call the sales_top_customers tool'));
  const position = { line, character: lines[line]!.indexOf('sales_top_customers') + 3 };
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());
  // Both servers indexed: the rmcp crate has 5 tools and the Python server 5.
  await client.waitForStatus((s) => s.tools >= 10);

  it("hovers the rmcp prompt's tool with the rmcp declaration, not the Python one", async () => {
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: uri(prompts) }, position });
    assert.match(hover?.contents.value ?? '', /Top customers by revenue, highest first/);
    assert.doesNotMatch(hover?.contents.value ?? '', /List customers by revenue/);
  });

  it('goes to the declaration of its own project only', async () => {
    const defs = await client.connection.sendRequest<{ uri: string }[]>('textDocument/definition', { textDocument: { uri: uri(prompts) }, position });
    assert.deepEqual(defs.map((d) => d.uri), [uri(tools)]);
  });

  it("renames the tool in its project and leaves the other server's tool of that name alone", async () => {
    const edit = await client.connection.sendRequest<{ changes: Record<string, unknown[]> }>('textDocument/rename', { textDocument: { uri: uri(prompts) }, position, newName: 'top_customers' });
    const files = Object.keys(edit.changes);
    assert.ok(files.includes(uri(tools)) && files.includes(uri(prompts)), `edited: ${files.join(', ')}`);
    assert.ok(!files.includes(uri(python)), `the rename reached the Python server: ${files.join(', ')}`);
  });
});
