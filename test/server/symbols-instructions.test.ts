// The outline of a server file shows its instructions beside its tools, in source order, by their first words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind } from 'vscode-languageserver/node';
import { extractFile } from '../../src/core/extract';
import { sourceSymbols } from '../../src/server/symbols';

const SOURCE = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

const server = new McpServer(
  { name: "projects", version: "1.0.0" },
  { instructions: "Projects of one workspace: always call list_projects before you delete one of them." },
);
server.registerTool("list_projects", { description: "The projects of the workspace." }, async () => ({ content: [] }));
`;

describe('outline: servers\' instructions', () => {
  it('one symbol per instructions, at its member, detailed by its first words', async () => {
    const symbols = sourceSymbols(await extractFile('/ws/server.ts', SOURCE));
    assert.deepEqual(symbols.map((s) => s.name), ['instructions', 'list_projects']);
    const [instructions] = symbols;
    assert.equal(instructions!.kind, SymbolKind.String);
    assert.equal(instructions!.detail, 'Projects of one workspace: always call list_projects before …');
    assert.deepEqual(instructions!.range.start, { line: 4, character: 4 });
    assert.equal(SOURCE.split('\n')[4]!.slice(instructions!.range.start.character, instructions!.range.end.character), 'instructions: "Projects of one workspace: always call list_projects before you delete one of them."');
  });
});
