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
    const line = lines.findIndex((l) => l.includes('- order_history(customer_id)'));
    const position = { line, character: lines[line]!.indexOf('order_history') + 3 };
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover?.contents.value ?? '', /\*\*order_history\*\*/);
    const defs = await client.connection.sendRequest<{ uri: string }[]>('textDocument/definition', { textDocument: { uri }, position });
    assert.ok(defs.some((d) => d.uri.endsWith('/pmcp/src/tools/customers.rs')), JSON.stringify(defs));
  });

  it('completes argument names after {{ in a template', async () => {
    const line = lines.findIndex((l) => l.includes('Perform a comprehensive analysis of {{customer_id}}'));
    const character = lines[line]!.indexOf('{{customer_id}}') + 2;
    const items = await client.connection.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    assert.deepEqual(items.map((i) => i.label), ['customer_id']);
  });

  it('re-checks an edited document and clears the fixed error', async () => {
    const fixed = text.replace("{{#if customer_id == 'top'}}", '{{#if (eq customer_id \\"top\\")}}');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rust', version: 2, text: fixed } });
    const p = await client.waitForDiagnostics(uri, (d) => !d.diagnostics.some((x) => x.code === 'template/handlebars-syntax'));
    assert.ok(p.diagnostics.every((x) => x.code !== 'template/handlebars-syntax'));
  });
});
