// What an editor's watcher reports beside single files: changes inside folders a listing never enters, and whole
// folders that come or go (VS Code reports a deleted or moved folder once, not once per file in it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../src/core/workspace';
import { memoryHost } from './helpers';

const tool = (name: string) => `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 's', version: '1' });
server.registerTool('${name}', { description: 'Finds the ${name} of a customer by its id' }, async () => ({ content: [] }));
`;

describe('the workspace index and folders', () => {
  it('leaves out a file in node_modules, target or dist below a path read, as the listing does', async () => {
    const index = new WorkspaceIndex();
    await index.addPaths(memoryHost({ '/w/src/a.ts': tool('a') }), ['/w']);
    for (const file of ['/w/node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js', '/w/crate/target/debug/build/x.rs', '/w/dist/server.js']) assert.equal(index.leavesOut(file), true, file);
    assert.equal(index.leavesOut('/w/src/a.ts'), false);
    // A path given is read, whatever its name.
    const inside = new WorkspaceIndex();
    await inside.addPaths(memoryHost({ '/w/dist/server.ts': tool('b') }), ['/w/dist']);
    assert.equal(inside.leavesOut('/w/dist/server.ts'), false);
    assert.deepEqual(inside.models().map((m) => m.file), ['/w/dist/server.ts']);
  });

  it('reads a folder that came below a path read, under the test-code rule of the path it is in', async () => {
    const files: Record<string, string> = { '/w/src/a.ts': tool('a') };
    const host = memoryHost(files);
    const index = new WorkspaceIndex();
    await index.addPaths(host, ['/w']);
    files['/w/src/tools/b.ts'] = tool('b');
    files['/w/src/tools/c.ts'] = tool('c');
    files['/w/src/tools/test/d.ts'] = tool('d');
    index.takeChanged();
    await index.addFolder(host, '/w/src/tools');
    assert.deepEqual(index.models().map((m) => m.file), ['/w/src/a.ts', '/w/src/tools/b.ts', '/w/src/tools/c.ts']);
    assert.deepEqual([...index.takeChanged()].sort(), ['/w/src/tools/b.ts', '/w/src/tools/c.ts']);
    // A folder outside every path read is not read.
    files['/elsewhere/e.ts'] = tool('e');
    await index.addFolder(host, '/elsewhere');
    assert.equal(index.get('/elsewhere/e.ts'), undefined);
  });

  it('forgets every file below a folder that went, and no file of a folder whose name it starts', async () => {
    const index = new WorkspaceIndex();
    await index.addPaths(memoryHost({ '/w/src/a.ts': tool('a'), '/w/src/tools/b.ts': tool('b'), '/w/src/tools/deep/c.ts': tool('c'), '/w/src/tools-old/d.ts': tool('d') }), ['/w']);
    index.takeChanged();
    await index.removeFolder('/w/src/tools');
    assert.deepEqual(index.models().map((m) => m.file), ['/w/src/a.ts', '/w/src/tools-old/d.ts']);
    assert.deepEqual([...index.takeChanged()].sort(), ['/w/src/tools/b.ts', '/w/src/tools/deep/c.ts']);
  });
});
