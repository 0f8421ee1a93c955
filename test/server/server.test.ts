import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

describe('language server (real process over stdio)', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-lsp-'));
  cpSync(join(repo, 'test/fixtures/rust'), ws, { recursive: true });
  const file = join(ws, 'seed', 'prompts.rs');
  const uri = pathToFileURL(file).toString();
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  // A tool named in one file and declared in another of the same project (the pmcp crate).
  const pFile = join(ws, 'pmcp', 'src', 'prompts.rs');
  const pUri = pathToFileURL(pFile).toString();
  const pLines = readFileSync(pFile, 'utf8').split('\n');
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());

  it('publishes the seed\'s Handlebars error at its position after reading the workspace', async () => {
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'template/handlebars-syntax'));
    const d = p.diagnostics.find((x) => x.code === 'template/handlebars-syntax')!;
    const line = lines.findIndex((l) => l.includes("{{#if customer_id == 'top'}}"));
    assert.deepEqual(d.range.start, { line, character: lines[line]!.indexOf('{{#if') });
  });

  it('offers the (eq …) rewrite as a quick fix', async () => {
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'template/handlebars-syntax'));
    const d = p.diagnostics.find((x) => x.code === 'template/handlebars-syntax')!;
    const actions = await client.connection.sendRequest<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
    });
    assert.equal(actions[0]?.edit.changes[uri]?.[0]?.newText, '{{#if (eq customer_id \\"top\\")}}');
  });

  it('hovers a tool named in prompt text and goes to its declaration in another file', async () => {
    const line = pLines.findIndex((l) => l.includes('- order_history(customer_id)'));
    const position = { line, character: pLines[line]!.indexOf('order_history') + 3 };
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: pUri }, position });
    assert.match(hover?.contents.value ?? '', /\*\*order_history\*\*/);
    const defs = await client.connection.sendRequest<{ uri: string }[]>('textDocument/definition', { textDocument: { uri: pUri }, position });
    assert.ok(defs.some((d) => d.uri.endsWith('/pmcp/src/tools/customers.rs')), JSON.stringify(defs));
  });

  it('completes argument names after {{ in a template', async () => {
    const line = lines.findIndex((l) => l.includes('Perform a comprehensive analysis of {{customer_id}}'));
    const character = lines[line]!.indexOf('{{customer_id}}') + 2;
    const items = await client.connection.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    assert.deepEqual(items.map((i) => i.label), ['customer_id']);
  });

  it('finds every reference of a tool and renames it across files, refusing an invalid name', async () => {
    const line = pLines.findIndex((l) => l.includes('- order_history(customer_id)'));
    const position = { line, character: pLines[line]!.indexOf('order_history') + 2 };
    const textAt = (u: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      const l = readFileSync(new URL(u), 'utf8').split('\n')[r.start.line]!;
      return l.slice(r.start.character, r.end.character);
    };
    const refs = await client.connection.sendRequest<{ uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]>('textDocument/references', { textDocument: { uri: pUri }, position, context: { includeDeclaration: true } });
    const files = new Set(refs.map((r) => r.uri.slice(pathToFileURL(ws).toString().length + 1)));
    assert.ok(files.has('pmcp/src/prompts.rs') && files.has('pmcp/src/tools/customers.rs'), JSON.stringify([...files]));
    // The seed's prompts name an order_history too, but they are another project: not this tool's references.
    assert.ok(!files.has('seed/prompts.rs'), JSON.stringify([...files]));
    for (const r of refs) assert.equal(textAt(r.uri, r.range), 'order_history');
    const prepared = await client.connection.sendRequest<{ placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: pUri }, position });
    assert.equal(prepared?.placeholder, 'order_history');
    const edit = await client.connection.sendRequest<{ changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> }>('textDocument/rename', { textDocument: { uri: pUri }, position, newName: 'customer_orders' });
    const edits = Object.entries(edit.changes).flatMap(([u, list]) => list.map((e) => ({ u, ...e })));
    assert.equal(edits.length, refs.length);
    for (const e of edits) assert.deepEqual([textAt(e.u, e.range), e.newText], ['order_history', 'customer_orders']);
    await assert.rejects(
      client.connection.sendRequest('textDocument/rename', { textDocument: { uri: pUri }, position, newName: 'customer orders' }),
      /not a valid MCP tool name/,
    );
    const nothing = await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: pUri }, position: { line: 0, character: 0 } });
    assert.equal(nothing, null);
  });

  it('finds a prompt argument\'s declaration and its template uses from a {{use}}', async () => {
    const line = lines.findIndex((l) => l.includes('Perform a comprehensive analysis of {{customer_id}}'));
    const position = { line, character: lines[line]!.indexOf('{{customer_id}}') + 4 };
    type Loc = { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
    const refs = await client.connection.sendRequest<Loc[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    const texts = refs.map((r) => lines[r.range.start.line]!.slice(r.range.start.character, r.range.end.character));
    assert.ok(refs.every((r) => r.uri === uri), JSON.stringify(refs));
    assert.ok(texts.every((t) => t.replace(/"/g, '') === 'customer_id'), JSON.stringify(texts));
    // The declaration is a PromptArgument::new("customer_id"), and the template uses it more than once.
    assert.ok(texts.some((t) => t === '"customer_id"') && texts.filter((t) => t === 'customer_id').length >= 2, JSON.stringify(texts));
    const uses = await client.connection.sendRequest<Loc[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    assert.equal(uses.length, refs.length - 1);
  });

  it('re-checks an edited document and clears the fixed error', async () => {
    const fixed = text.replace("{{#if customer_id == 'top'}}", '{{#if (eq customer_id \\"top\\")}}');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rust', version: 2, text: fixed } });
    const p = await client.waitForDiagnostics(uri, (d) => !d.diagnostics.some((x) => x.code === 'template/handlebars-syntax'));
    assert.ok(p.diagnostics.every((x) => x.code !== 'template/handlebars-syntax'));
  });
});
