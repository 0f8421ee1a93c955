// Folders that come and go under the language server (real process over stdio). VS Code reports a folder deleted,
// moved or renamed once, for the folder: its files' tools and diagnostics must go with it, and a folder moved in
// must be read, though no event names a file in it.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

describe('folders deleted, moved or renamed on disk (real process over stdio)', { timeout: 60_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-folders-'));
  mkdirSync(join(ws, 'src'));
  cpSync(join(repo, 'test/fixtures/ts/register-style.ts'), join(ws, 'src', 'server.ts'));
  cpSync(join(repo, 'test/fixtures/python/defects'), join(ws, 'src', 'tools'), { recursive: true });
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());
  const folderEvent = (path: string, type: 1 | 3) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).toString(), type }] });
  const next = (accept: (tools: number) => boolean) => {
    const from = client.statuses.length;
    return client.waitForStatus((s) => client.statuses.indexOf(s) >= from && accept(s.tools));
  };

  it('forgets a renamed folder\'s files and reads them where they went', async () => {
    const all = (await client.waitForStatus(() => true)).tools;
    const inTools = pathToFileURL(join(ws, 'src', 'tools', 'server.py')).toString();
    assert.ok((client.publishedFor(inTools)?.diagnostics.length ?? 0) > 0, 'the Python server has findings to lose');
    const fewer = next((n) => n < all);
    renameSync(join(ws, 'src', 'tools'), join(ws, 'src', 'handlers'));
    await folderEvent(join(ws, 'src', 'tools'), 3);
    const without = (await fewer).tools;
    assert.deepEqual(client.publishedFor(inTools)?.diagnostics, [], 'the gone file\'s diagnostics are cleared');
    const back = next((n) => n === all);
    await folderEvent(join(ws, 'src', 'handlers'), 1);
    assert.equal((await back).tools, all, `the moved folder's ${all - without} tools are read again`);
    const moved = client.publishedFor(pathToFileURL(join(ws, 'src', 'handlers', 'server.py')).toString());
    assert.ok((moved?.diagnostics.length ?? 0) > 0, 'the moved file has its findings');
  });
});
