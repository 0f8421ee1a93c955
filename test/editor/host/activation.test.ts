// Extension-host tests, run by the test-runner extension inside the real VS Code (code-server 4.100.3):
// the packaged extension activates there, and everything its packaged package.json contributes is really
// registered. Expectations are read from the installed manifest, so the tests grow with the contributions.
// Mocha's tdd interface supplies the globals `suite` and `test`.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { sessionParams } from './params';

interface Contributes {
  commands?: { command: string }[];
  snippets?: { language: string; path: string }[];
  grammars?: { language?: string; scopeName: string; path: string; injectTo?: string[] }[];
}

const params = sessionParams();
const extension = vscode.extensions.getExtension(params.extensionId);
const contributes: Contributes = (extension?.packageJSON as { contributes?: Contributes } | undefined)?.contributes ?? {};
const commands = contributes.commands ?? [];
const snippets = contributes.snippets ?? [];
const grammars = contributes.grammars ?? [];

/** Opens the workspace's Rust prompt file, which fires the extension's `onLanguage:rust` activation event. */
async function openRustFile(): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.file(join(params.workspace, 'src', 'prompts.rs'));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

suite(`activation (${params.session})`, () => {
  test('runs in VS Code 1.100.3', () => {
    assert.equal(vscode.version, '1.100.3');
  });

  test('the packaged extension is installed', () => {
    assert.ok(extension, `${params.extensionId} is not among ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
  });

  test('activates when a Rust file opens', async () => {
    const document = await openRustFile();
    assert.equal(document.languageId, 'rust');
    // activate() returns the activation already started by onLanguage:rust, and rejects if activation threw.
    await extension?.activate();
    assert.equal(extension?.isActive, true);
  });

  test(`workspace trust is ${params.trusted ? 'granted' : 'not granted (Restricted Mode)'}`, () => {
    assert.equal(vscode.workspace.isTrusted, params.trusted);
  });
});

suite(`contributions (${params.session})`, () => {
  test(`registers its ${commands.length} contributed command(s)`, async () => {
    assert.ok(commands.length > 0, 'the packaged package.json contributes no commands');
    await extension?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'contributed commands that the extension did not register');
  });

  test(`ships its ${snippets.length} snippet file(s) and VS Code offers their prefixes`, async () => {
    const languages = new Set(await vscode.languages.getLanguages());
    for (const snippet of snippets) {
      const file = join(extension?.extensionPath ?? '', snippet.path);
      assert.ok(existsSync(file), `snippet file ${snippet.path} is missing from the installed extension`);
      assert.ok(languages.has(snippet.language), `snippet language ${snippet.language} is unknown to VS Code`);
      const prefixes = snippetPrefixes(file);
      assert.ok(prefixes.length > 0, `${snippet.path} defines no snippets`);
      const offered = await completionLabels(snippet.language);
      const missing = prefixes.filter((p) => !offered.has(p));
      assert.deepEqual(missing, [], `snippet prefixes of ${snippet.path} that the completion list lacks`);
    }
  });

  test(`ships its ${grammars.length} grammar file(s) with the declared scope names`, () => {
    for (const grammar of grammars) {
      const file = join(extension?.extensionPath ?? '', grammar.path);
      assert.ok(existsSync(file), `grammar file ${grammar.path} is missing from the installed extension`);
      const parsed = parseJsonc(readFileSync(file, 'utf8')) as { scopeName?: string };
      assert.equal(parsed.scopeName, grammar.scopeName, `scopeName inside ${grammar.path}`);
    }
  });

  if (params.forceFail) {
    test('EDITOR_TEST_FORCE_FAIL: a deliberately failing extension-host test', () => {
      assert.equal(vscode.version, '0.0.0-forced-failure');
    });
  }
});

/** Every prefix that a VS Code snippet file (JSON with comments) defines; a prefix may be a string or a list. */
function snippetPrefixes(file: string): string[] {
  const body = parseJsonc(readFileSync(file, 'utf8')) as Record<string, { prefix?: string | string[] }>;
  return Object.values(body).flatMap((s) => (s.prefix === undefined ? [] : Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
}

/** Labels of the completion items VS Code offers at the start of an empty document of `language`. */
async function completionLabels(language: string): Promise<Set<string>> {
  const document = await vscode.workspace.openTextDocument({ language, content: '' });
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    new vscode.Position(0, 0),
  );
  return new Set(list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label)));
}
