// Extension-host tests of the language features as VS Code's own API sees them, through the packaged extension's
// language server: references and rename of a tool name named in prompt text and declared in another file.
// Mocha's tdd interface supplies the globals `suite` and `test`.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { sessionParams } from './params';

const params = sessionParams();
const file = (name: string) => vscode.Uri.file(join(params.workspace, 'src', name));

/** The position of the first `needle` after `after` in a workspace file (opened, which also starts the server). */
async function positionOf(name: string, after: string, needle: string): Promise<{ document: vscode.TextDocument; position: vscode.Position }> {
  const document = await vscode.workspace.openTextDocument(file(name));
  const text = document.getText();
  const offset = text.indexOf(needle, text.indexOf(after));
  assert.ok(offset >= 0, `${name} has no ${needle} after ${after}`);
  return { document, position: document.positionAt(offset + 2) };
}

/** Asks until the server has read the workspace (its first answer may come before the index is built). */
async function until<T>(ask: () => Thenable<T>, ready: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await ask();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after 30 s, last answer ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

suite(`language features (${params.session})`, () => {
  test('references of a tool named in prompt text include its declaration in tools.rs', async function () {
    this.timeout(60_000);
    const { document, position } = await positionOf('prompts.rs', 'Use `', 'sales_top_customers');
    await vscode.window.showTextDocument(document);
    const refs = await until(
      () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position),
      (r) => (r ?? []).some((l) => l.uri.path.endsWith('/tools.rs')),
      'references',
    );
    for (const ref of refs) {
      const text = (await vscode.workspace.openTextDocument(ref.uri)).getText(ref.range);
      assert.equal(text, 'sales_top_customers', `${ref.uri.path}:${ref.range.start.line + 1}`);
    }
    const names = new Set(refs.map((r) => r.uri.path.split('/').pop()));
    assert.deepEqual([...names].sort(), ['guided.rs', 'prompts.rs', 'tools.rs']);
  });

  test('rename of that tool edits the declaration, the prompt mentions and the "ID from" description together', async function () {
    this.timeout(60_000);
    const { document, position } = await positionOf('prompts.rs', 'Use `', 'sales_top_customers');
    const edit = await until(
      () => vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, 'rank_customers'),
      (e) => !!e && e.entries().some(([uri]) => uri.path.endsWith('/tools.rs')),
      'rename',
    );
    const edits = edit.entries().flatMap(([uri, list]) => list.map((e) => ({ uri, e })));
    for (const { uri, e } of edits) {
      assert.equal(e.newText, 'rank_customers');
      assert.equal((await vscode.workspace.openTextDocument(uri)).getText(e.range), 'sales_top_customers');
    }
    const tools = edits.filter(({ uri }) => uri.path.endsWith('/tools.rs')).map(({ e }) => e.range.start.line + 1);
    const source = (await vscode.workspace.openTextDocument(file('tools.rs'))).getText().split('\n');
    const lines = (needle: string) => source.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
    const expected = [...lines('"sales_top_customers",'), ...lines('ID from sales_top_customers output')];
    assert.ok(expected.length >= 2, 'the fixture declares the tool and says an ID comes from it');
    assert.deepEqual(tools.sort((a, b) => a - b), expected.sort((a, b) => a - b));
  });

  test('rename refuses a name MCP does not allow, with the reason', async function () {
    this.timeout(60_000);
    const { document, position } = await positionOf('prompts.rs', 'Use `', 'sales_top_customers');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, position, 'rank customers')),
      /not a valid MCP tool name/,
    );
  });
});
