// The MCP server definition provider wrapper: registered only where the editor offers the API (detected at run time:
// VS Code 1.100, the engine and the test editor, has neither lm.registerMcpServerDefinitionProvider nor
// McpStdioServerDefinition), and then publishing exactly the watched entries of the mcp.json files, as the written
// entries say, asked again when the configs change. The fake `lm` stands in for the editor's API in this wrapper only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMcpConfig } from '../../src/core/mcp/config';
import { addWatchedEntry } from '../../src/core/mcp/watch-entry';
import { offersMcpProviders, registerWatchedDefinitions, watchedDefinitions, WATCHED_PROVIDER_ID } from '../../src/extension/watch/server-definitions';

const plain = `{
  // A server and its watched entry.
  "servers": {
    "example": { "type": "stdio", "command": "node", "args": ["server.js"] },
    "remote": { "type": "http", "url": "http://127.0.0.1:3917/mcp" },
    "hand-written-watched": { "type": "stdio", "command": "node", "args": ["\${workspaceFolder}/cli.js", "proxy", "--server", "example"] }
  }
}`;
const paths = { cliPath: '/storage/mcp-workflow.cjs', configPath: '/ws/.vscode/mcp.json', tracePath: '/ws/.mcp-workflow/traces/example.trace.jsonl' };

class FakeDefinition {
  constructor(readonly label: string, readonly command: string, readonly args?: string[], readonly env?: Record<string, string | number | null>, readonly version?: string) {}
}

/** A stand-in for VS Code 1.101's `lm` and definition class, recording what was registered. */
function fakeApi(): { api: unknown; registered: { id: string; provider: { provideMcpServerDefinitions(token: unknown): unknown[]; onDidChangeMcpServerDefinitions?: unknown } }[]; disposed: () => number } {
  const registered: { id: string; provider: never }[] = [];
  let disposed = 0;
  const lm = { registerMcpServerDefinitionProvider: (id: string, provider: never) => (registered.push({ id, provider }), { dispose: () => void disposed++ }) };
  return { api: { lm, McpStdioServerDefinition: FakeDefinition }, registered, disposed: () => disposed };
}

describe('the MCP server definition provider wrapper', () => {
  it('registers nothing where the editor lacks the API (VS Code 1.100: lm without the provider, no definition class)', () => {
    const never = () => assert.fail('asked for definitions');
    const noEvent = () => ({ dispose: () => undefined });
    assert.equal(registerWatchedDefinitions({ lm: { selectChatModels: () => [] } }, never, noEvent), undefined);
    assert.equal(registerWatchedDefinitions({ lm: { registerMcpServerDefinitionProvider: () => ({ dispose() {} }) } }, never, noEvent), undefined, 'no McpStdioServerDefinition');
    assert.equal(registerWatchedDefinitions(undefined, never, noEvent), undefined);
    assert.equal(offersMcpProviders(fakeApi().api), true);
  });

  it("goes on when the editor has the API but refuses the registration (code-server's Code 1.100.3 throws)", () => {
    const refusal = new Error('MCP configuration providers must be registered in the contributes.modelContextServerCollections array within your package.json, but "mcpWorkflow.watchedServers" was not');
    const api = { lm: { registerMcpServerDefinitionProvider: () => { throw refusal; } }, McpStdioServerDefinition: FakeDefinition };
    const heard: unknown[] = [];
    assert.equal(registerWatchedDefinitions(api, () => [], () => ({ dispose: () => undefined }), (e) => heard.push(e)), undefined);
    assert.deepEqual(heard, [refusal]);
  });

  it('where it is offered: the watched entries as stdio definitions under the contributed id, asked again on change', () => {
    const { api, registered, disposed } = fakeApi();
    let text = plain;
    const configs = () => [{ config: parseMcpConfig(text, '/ws/.vscode/mcp.json') }];
    let fire: (() => void) | undefined;
    const onDidChange = (listener: () => unknown) => ((fire = () => void listener()), { dispose: () => undefined });
    const disposable = registerWatchedDefinitions(api, () => watchedDefinitions(configs()), onDidChange);
    assert.ok(disposable);
    assert.equal(registered.length, 1);
    assert.equal(registered[0]!.id, WATCHED_PROVIDER_ID);
    assert.equal(registered[0]!.provider.onDidChangeMcpServerDefinitions, onDidChange);
    // Only a watched entry with nothing left to resolve: the hand-written one with ${workspaceFolder} is the editor's.
    assert.deepEqual(registered[0]!.provider.provideMcpServerDefinitions(undefined), []);
    text = (addWatchedEntry(text, 'example', paths) as { text: string }).text;
    fire?.();
    const [definition, ...rest] = registered[0]!.provider.provideMcpServerDefinitions(undefined) as FakeDefinition[];
    assert.deepEqual(rest, []);
    assert.ok(definition instanceof FakeDefinition);
    assert.deepEqual([definition.label, definition.command, definition.args, definition.env], ['example-watched', 'node', ['/storage/mcp-workflow.cjs', 'proxy', '--server', 'example', '--config', '/ws/.vscode/mcp.json', '--trace', '/ws/.mcp-workflow/traces/example.trace.jsonl'], {}]);
    // The version follows the entry, so the editor refreshes the server when it changes.
    const again = (registered[0]!.provider.provideMcpServerDefinitions(undefined) as FakeDefinition[])[0]!;
    assert.equal(again.version, definition.version);
    text = (addWatchedEntry(text, 'example', { ...paths, tracePath: '/ws/other.trace.jsonl' }) as { text: string }).text;
    assert.notEqual((registered[0]!.provider.provideMcpServerDefinitions(undefined) as FakeDefinition[])[0]!.version, definition.version);
    disposable.dispose();
    assert.equal(disposed(), 1);
  });
});
