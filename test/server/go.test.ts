// The language server on Go sources (the real process over stdio): the mcp-go defects fixture's diagnostics at
// their positions, hover and definition on a tool a prompt names, and rename of a tool in its Go string literal
// and in the prompt text naming it; a go-sdk tool whose arguments struct another file of the package declares,
// judged again as that file is edited.
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

  it('judges a tool again when the file of its package declaring its arguments struct is edited', async () => {
    const main = pathToFileURL(join(ws, 'gosdk-package', 'main.go')).toString();
    const notesFile = join(ws, 'gosdk-package', 'notes.go');
    const notes = pathToFileURL(notesFile).toString();
    const undescribed = (p: { diagnostics: { message: string }[] }) => p.diagnostics.some((d) => d.message.includes('Input `id` of tool `get_note` has no description'));
    await client.waitForDiagnostics(main, (p) => p.diagnostics.length > 0);
    await client.waitForDiagnostics(notes, (p) => p.diagnostics.length > 0 && !undescribed(p));
    const text = readFileSync(notesFile, 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: notes, languageId: 'go', version: 1, text } });
    const edited = text.replace(' jsonschema:"The note\'s id, from search_notes output"', '');
    assert.notEqual(edited, text);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: notes, version: 2 }, contentChanges: [{ text: edited }] });
    // get_note, registered in main.go, is read again: its argument, written in notes.go, is reported there.
    await client.waitForDiagnostics(notes, undescribed);
  });
});
