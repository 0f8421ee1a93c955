// The language server on Python FastMCP sources (the real process over stdio): the defects fixture's diagnostics
// at their positions, hover and definition on a tool a prompt names, and rename of a `name=` tool.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

describe('language server on Python sources (real process over stdio)', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-lsp-py-'));
  cpSync(join(repo, 'test/fixtures/python'), ws, { recursive: true });
  const file = join(ws, 'defects', 'server.py');
  const uri = pathToFileURL(file).toString();
  const lines = readFileSync(file, 'utf8').split('\n');
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());

  it('publishes the f-string NameError and the unknown tool at their positions', async () => {
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'template/undeclared-variable'));
    const line = lines.findIndex((l) => l.includes('{acount_id}'));
    const undeclared = p.diagnostics.find((x) => x.code === 'template/undeclared-variable')!;
    assert.deepEqual(undeclared.range.start, { line, character: lines[line]!.indexOf('acount_id') });
    const unknown = p.diagnostics.find((x) => x.code === 'tools/unknown-tool')!;
    assert.deepEqual(unknown.range.start, { line, character: lines[line]!.indexOf('close_acount') });
  });

  it('hovers a tool named in prompt words and goes to its declaration', async () => {
    const line = lines.findIndex((l) => l.includes('Call the account_usage tool'));
    const position = { line, character: lines[line]!.indexOf('account_usage') + 2 };
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover?.contents.value ?? '', /\*\*account_usage\*\*/);
    const defs = await client.connection.sendRequest<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri }, position });
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line]), [[uri, lines.findIndex((l) => l.includes('name="account_usage"'))]]);
  });

  it('renames a name= tool in its literal and in the prompt text', async () => {
    const line = lines.findIndex((l) => l.includes('name="account_usage"'));
    const position = { line, character: lines[line]!.indexOf('account_usage') + 1 };
    const edit = await client.connection.sendRequest<{ changes: Record<string, { range: { start: { line: number } }; newText: string }[]> }>('textDocument/rename', { textDocument: { uri }, position, newName: 'seat_usage' });
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));
    assert.deepEqual(edit.changes[uri]?.map((e) => e.range.start.line).sort((a, b) => a - b), [lineOf('name="account_usage"'), lineOf('Call the account_usage tool')]);
  });
});
