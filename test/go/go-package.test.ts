// The go-sdk notes server of test/fixtures/go/gosdk-package as a real stdio process: what the workspace reads from
// its package (handlers and structs declared in another file than the registration) is what the server sends.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { nodeHost } from '../../src/core/node-host';
import { WorkspaceIndex } from '../../src/core/workspace';
import { goFixtureDir, goPackageServer } from './go-server';

const root = join(__dirname, '..', '..');
let server: McpConnection;

before(async () => {
  server = await connectServer('go-sdk-package', { type: 'stdio', command: goPackageServer(), args: [], cwd: root });
});

after(async () => {
  await server?.close();
});

describe('the go-sdk notes server declared across its package', () => {
  test('what the workspace reads from the package is what the server sends', async () => {
    const dir = join(goFixtureDir, 'gosdk-package');
    const index = new WorkspaceIndex();
    await index.addPaths(nodeHost, [dir]);
    const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
    const read = byName(index.models().flatMap((m) => m.tools).map((t) => ({ name: t.name, description: t.description?.value, inputSchema: t.inputSchema?.value, outputSchema: t.outputSchema?.value })));
    const live = byName((await server.listTools()).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema })));
    assert.equal(read.length, 3);
    assert.deepEqual(read, live);
  });
});
