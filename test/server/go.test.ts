// The language server on Go sources (the real process over stdio): the mcp-go defects fixture's diagnostics at
// their positions, hover and definition on a tool a prompt names, and rename of a tool in its Go string literal
// and in the prompt text naming it.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

describe('language server on Go sources (real process over stdio)', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-lsp-go-'));
  cpSync(join(repo, 'test/fixtures/go'), ws, { recursive: true });
  const file = join(ws, 'defects', 'mcpgo', 'main.go');
  const uri = pathToFileURL(file).toString();
  const lines = readFileSync(file, 'utf8').split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());

  it('publishes the undeclared argument key and the unknown tool at their positions', async () => {
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'template/undeclared-variable'));
    const read = lineOf('Arguments["acount_id"]');
    const undeclared = p.diagnostics.find((x) => x.code === 'template/undeclared-variable')!;
    assert.deepEqual(undeclared.range.start, { line: read, character: lines[read]!.indexOf('acount_id') });
    const text = lineOf('then call send_reminder');
    const unknown = p.diagnostics.find((x) => x.code === 'tools/unknown-tool' && x.range.start.line === text)!;
    assert.equal(unknown.range.start.character, lines[text]!.indexOf('send_reminder'));
  });

  it('hovers a tool named in prompt words and goes to its declaration', async () => {
    const line = lineOf('Call list_invoices for %s');
    const position = { line, character: lines[line]!.indexOf('list_invoices') + 2 };
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover?.contents.value ?? '', /\*\*list_invoices\*\*/);
    const defs = await client.connection.sendRequest<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri }, position });
    assert.ok(defs.some((d) => d.uri === uri && d.range.start.line === lineOf('mcp.NewTool("list_invoices"')), JSON.stringify(defs));
  });

  it('renames a tool in its Go string literal and in the texts naming it', async () => {
    const line = lineOf('mcp.NewTool("refund_invoice"');
    const position = { line, character: lines[line]!.indexOf('refund_invoice') + 1 };
    const edit = await client.connection.sendRequest<{ changes: Record<string, { range: { start: { line: number; character: number }; end: { character: number } }; newText: string }[]> }>('textDocument/rename', { textDocument: { uri }, position, newName: 'refund_payment' });
    const edits = edit.changes[uri] ?? [];
    assert.deepEqual(edits.map((e) => e.range.start.line), [line]);
    const e = edits[0]!;
    assert.equal(lines[line]!.slice(e.range.start.character, e.range.end.character), 'refund_invoice');
    assert.equal(e.newText, 'refund_payment');
  });
});
