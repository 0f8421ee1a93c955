// "Watch This Server" edits mcp.json as text: the proxied entry lands beside the original, comments and formatting
// kept; "Stop Watching" removes exactly that entry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { repoRoot } from '../cli/run-cli';
import { addWatchedEntry, removeWatchedEntry, watchedServerOf } from '../../src/core/mcp/watch-entry';

const config = `{
  // The example server.
  "servers": {
    "example": {
      "type": "stdio", // started by VS Code
      "command": "node",
      "args": ["server.js"]
    }
  }
}
`;
const paths = { cliPath: '/ext/bin/mcp-workflow.js', configPath: '/ws/.vscode/mcp.json', tracePath: '/ws/.mcp-workflow/traces/example.trace.jsonl' };

describe('watched entries in mcp.json', () => {
  it('adds the proxied entry after the original, keeping the comments, and removes it again to the same text', () => {
    const added = addWatchedEntry(config, 'example', paths);
    assert.ok('text' in added);
    assert.match(added.text, /\/\/ The example server\./);
    assert.match(added.text, /"type": "stdio", \/\/ started by VS Code/);
    assert.match(added.text, /"example-watched": \{\n {6}"type": "stdio",\n {6}"command": "node",\n {6}"args": \[\n {8}"\/ext\/bin\/mcp-workflow.js",\n {8}"proxy",\n {8}"--server",\n {8}"example",/);
    assert.ok(added.text.indexOf('"example-watched"') > added.text.indexOf('"example":'));
    assert.equal(removeWatchedEntry(added.text, 'example'), config);
  });

  it('on the examples mcp.json: the entry lands right after example-stdio, and removal restores the file byte for byte', () => {
    const text = readFileSync(join(repoRoot, 'examples', '.vscode', 'mcp.json'), 'utf8');
    const added = addWatchedEntry(text, 'example-stdio', paths) as { text: string };
    const keys = Object.keys((parse(added.text) as { servers: Record<string, unknown> }).servers);
    assert.deepEqual(keys, ['example-stdio', 'example-stdio-watched', 'example-http']);
    assert.equal(removeWatchedEntry(added.text, 'example-stdio'), text);
  });

  it('refuses a server that is not there or is itself watched; removing an entry that is not a proxy leaves the text', () => {
    assert.deepEqual(addWatchedEntry(config, 'nope', paths), { error: 'mcp.json has no server "nope"' });
    const added = addWatchedEntry(config, 'example', paths) as { text: string };
    assert.deepEqual(addWatchedEntry(added.text, 'example-watched', paths), { error: '"example-watched" is itself a watched entry' });
    const handWritten = config.replace('"example": {', '"example-watched": { "args": [] },\n    "example": {');
    assert.equal(removeWatchedEntry(handWritten, 'example'), handWritten);
    assert.equal(watchedServerOf({ args: ['x', 'proxy', '--server', 'a'] }), 'a');
  });
});
