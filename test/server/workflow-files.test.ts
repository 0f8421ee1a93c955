// Workflow files in the language server (the real server process over stdio): the static checks of
// *.workflow.json run against the tools the workspace's own TypeScript sources declare, live as the file is
// edited, and never by reaching a server (the workspace's mcp.json here names one that cannot start).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

function positionOf(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is not in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

const workflow = (tool: string, limit: unknown): string =>
  `${JSON.stringify(
    {
      id: 'analysis',
      server: 'example',
      steps: [
        { id: 'top', tool, arguments: { limit } },
        { id: 'orders', tool: 'order_history', arguments: { customer_id: '${steps.top.result.customers[0].id}' } },
      ],
    },
    null,
    2,
  )}\n`;

describe('workflow files in the language server (real process over stdio)', { timeout: 60_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-lsp-wf-'));
  // The example server's TypeScript sources are the workspace's tools (registerTool with zod shapes).
  cpSync(join(repo, 'examples', 'server'), join(ws, 'server'), { recursive: true });
  // A server the language server must never start: if it did, this command would not exist anyway.
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode', 'mcp.json'), JSON.stringify({ servers: { example: { type: 'stdio', command: join(ws, 'never-started') } } }));
  const file = join(ws, 'flows', 'analysis.workflow.json');
  mkdirSync(join(ws, 'flows'));
  const broken = workflow('sales_top_customer', 1);
  writeFileSync(file, broken);
  const uri = pathToFileURL(file).toString();
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());

  it('flags a misspelt tool at its name with a did-you-mean, from the file on disk', async () => {
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'workflow-missing-tool'));
    const d = p.diagnostics.find((x) => x.code === 'workflow-missing-tool')!;
    assert.equal(d.message, 'the workspace has no tool "sales_top_customer"; did you mean "sales_top_customers"?');
    assert.deepEqual(d.range.start, positionOf(broken, '"sales_top_customer"'));
    assert.equal(d.severity, 1);
  });

  it('checks arguments and result paths against the schemas the sources declare', async () => {
    const text = workflow('sales_top_customers', 'ten');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    const p = await client.waitForDiagnostics(uri, (d) => !d.diagnostics.some((x) => x.code === 'workflow-missing-tool') && d.diagnostics.length > 0);
    assert.deepEqual(
      p.diagnostics.map((x) => [x.code, x.range.start]),
      [
        ['workflow-arguments', positionOf(text, '"ten"')],
        ['workflow-result-path', positionOf(text, '${steps.top.result.customers[0].id}')],
      ],
      JSON.stringify(p.diagnostics.map((x) => x.message)),
    );
    assert.match(p.diagnostics[1]!.message, /outputSchema has no "id" at result\.customers\[0\]; it has customer_id, name, segment, revenue/);
  });

  it('clears the diagnostics once the open document is fixed', async () => {
    const fixed = workflow('sales_top_customers', 1).replace('customers[0].id}', 'customers[0].customer_id}');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.length === 0);
    assert.deepEqual(p.diagnostics, []);
  });

  it('re-checks workflow files when a source file declares the missing tool', async () => {
    const text = workflow('launch_rockets', 1).replace('customers[0].id}', 'customers[0].customer_id}');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.message.startsWith('the workspace has no tool "launch_rockets"')));
    const source = pathToFileURL(join(ws, 'server', 'rockets.ts')).toString();
    const code = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      "export function registerRockets(server: McpServer): void {",
      "  server.registerTool('launch_rockets', { description: 'Launch them.', inputSchema: { limit: z.number() } }, async () => ({ content: [] }));",
      '}',
      '',
    ].join('\n');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: source, languageId: 'typescript', version: 1, text: code } });
    const p = await client.waitForDiagnostics(uri, (d) => !d.diagnostics.some((x) => x.code === 'workflow-missing-tool'));
    // launch_rockets has no annotations, so the spec reads it as destructive: a hint (no approval before it) stays.
    assert.deepEqual(p.diagnostics.map((x) => x.code), ['workflow-destructive-without-approval']);
    assert.equal(p.diagnostics[0]!.severity, 4, 'a hint');
  });

  it('reports a JSON syntax error in a workflow file at its position', async () => {
    const text = '{\n  "id": "analysis",\n  "server": "example"\n  "steps": []\n}\n';
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'workflow-syntax'));
    const d = p.diagnostics.find((x) => x.code === 'workflow-syntax')!;
    assert.match(d.message, /a comma is missing/);
    assert.deepEqual(d.range.start, positionOf(text, '"steps"'));
  });

  it('hovers a step\'s tool with its declaration and goes to it in the sources', async () => {
    const text = workflow('sales_top_customers', 1).replace('customers[0].id}', 'customers[0].customer_id}');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text }] });
    const position = positionOf(text, 'order_history"');
    const hover = await client.connection.sendRequest<{ contents: { value: string }; range: { start: unknown } } | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover?.contents.value ?? '', /^\*\*order_history\*\* \(tool: Order history\)/);
    assert.match(hover?.contents.value ?? '', /`customer_id`: string \(required\)/);
    assert.deepEqual(hover?.range.start, position);
    const defs = await client.connection.sendRequest<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri }, position });
    assert.deepEqual(defs.map((d) => d.uri.slice(pathToFileURL(ws).toString().length + 1)), ['server/tools/customers.ts']);
    const declared = readFileSync(join(ws, 'server', 'tools', 'customers.ts'), 'utf8').split('\n')[defs[0]!.range.start.line]!;
    assert.match(declared, /'order_history'/);
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '"steps"') });
    assert.equal(none, null);
  });

  it('renames a tool from a workflow file\'s "tool" value: the file, the declaration and the prompt texts naming it', async () => {
    const text = workflow('sales_top_customers', 1).replace('customers[0].id}', 'customers[0].customer_id}');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ text }] });
    await client.waitForDiagnostics(uri, (d) => d.diagnostics.length === 0);
    const position = positionOf(text, 'order_history"');
    const prepared = await client.connection.sendRequest<{ placeholder: string; range: { start: unknown } } | null>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prepared?.placeholder, 'order_history');
    assert.deepEqual(prepared?.range.start, position);
    type Edit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
    const edit = await client.connection.sendRequest<{ changes: Record<string, Edit[]> }>('textDocument/rename', { textDocument: { uri }, position, newName: 'customer_orders' });
    const files = Object.keys(edit.changes).map((u) => u.slice(pathToFileURL(ws).toString().length + 1)).sort();
    assert.deepEqual(files, ['flows/analysis.workflow.json', 'server/prompts.ts', 'server/tools/customers.ts']);
    const lineOf = (u: string, e: Edit) => (u === uri ? text : readFileSync(new URL(u), 'utf8')).split('\n')[e.range.start.line]!;
    for (const [u, list] of Object.entries(edit.changes)) {
      for (const e of list) assert.equal(lineOf(u, e).slice(e.range.start.character, e.range.end.character), 'order_history', u);
    }
    // The prompts name it three times: the guided prompt's "Use `order_history`", data-gathering's list item and
    // top-customer-brief's "use the order_history tool".
    assert.equal(edit.changes[pathToFileURL(join(ws, 'server', 'prompts.ts')).toString()]?.length, 3);
  });

  it('started no process: it read the workflow files and never reached the server mcp.json names', () => {
    // Linux lists a process's children here; the language server must have none.
    const pid = client.process.pid!;
    const children = `/proc/${pid}/task/${pid}/children`;
    if (existsSync(children)) assert.equal(readFileSync(children, 'utf8').trim(), '');
  });
});
