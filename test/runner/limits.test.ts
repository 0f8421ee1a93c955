// Issue 13, cases 7 and 8: a result too large for one stdio message, and a server that never finishes the
// handshake (silent, or writing garbage to stdout), each end with what really happened and how to change the
// limit, against real server processes.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { connectServer } from '../../src/core/mcp/client';
import { root, runCli, tempDir } from './helpers';

const fixture = (name: string): string => join(root, 'test', 'runner', 'fixtures', name);

function workspace(server: string, steps: object[]): { dir: string; file: string } {
  const dir = tempDir();
  mkdirSync(join(dir, '.vscode'));
  writeFileSync(join(dir, '.vscode', 'mcp.json'), JSON.stringify({ servers: { hostile: { type: 'stdio', command: process.execPath, args: [fixture(server)] } } }));
  const file = join(dir, 'w.workflow.json');
  writeFileSync(file, JSON.stringify({ id: 'w', server: 'hostile', steps }));
  return { dir, file };
}

describe('limits', () => {
  test('case 7: a result over the 10 MiB stdio limit says so and names the setting; a higher --max-message-mb lets it through', { timeout: 60_000 }, async () => {
    const { dir, file } = workspace('big-server.mjs', [{ id: 'huge', tool: 'big', arguments: { bytes: 11 * 1024 * 1024 } }]);
    const r = await runCli(['run', file, '--json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const summary = JSON.parse(r.stdout) as { steps: Record<string, { code?: string; message?: string }> };
    assert.equal(summary.steps['huge']?.code, 'MESSAGE_TOO_LARGE');
    assert.match(summary.steps['huge']?.message ?? '', /larger than the 10 MiB limit.*--max-message-mb/);
    assert.doesNotMatch(summary.steps['huge']?.message ?? '', /closed the connection/);
    const raised = await runCli(['run', file, '--json', '--max-message-mb', '20'], dir);
    assert.equal(raised.code, 0, raised.stderr);
  });

  test('case 8: a server that never answers initialize is a connect timeout, not "exited"', { timeout: 30_000 }, async () => {
    const { dir, file } = workspace('silent-server.mjs', [{ id: 'a', tool: 'anything' }]);
    const r = await runCli(['run', file, '--connect-timeout-ms', '300'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /server "hostile" did not finish the MCP handshake within 300 ms/);
    assert.match(r.stderr, /--connect-timeout-ms/);
    assert.doesNotMatch(r.stderr, /exited/);
  });

  test('case 8: a server that writes garbage to stdout: the timeout names what it wrote', { timeout: 30_000 }, async () => {
    const { dir, file } = workspace('garbage-server.mjs', [{ id: 'a', tool: 'anything' }]);
    const r = await runCli(['run', file, '--connect-timeout-ms', '300'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /did not finish the MCP handshake within 300 ms/);
    assert.match(r.stderr, /wrote to stdout what is not MCP.*starting up\.\.\. listening on stdout/);
  });
});

describe('limit errors name a way to raise the limit only where there is one', () => {
  test('the core error says what happened; the CLI adds its flag (the editor has none to name)', async () => {
    const silent = { type: 'stdio' as const, command: process.execPath, args: [fixture('silent-server.mjs')] };
    const plain = await connectServer('silent', silent, { connectTimeoutMs: 300 }).then(() => assert.fail('connected'), (e: Error) => e.message);
    assert.match(plain, /did not finish the MCP handshake within 300 ms/);
    assert.doesNotMatch(plain, /--/, 'no CLI flag where no CLI runs');
    const hinted = await connectServer('silent', silent, { connectTimeoutMs: 300, limitHints: { connectTimeout: 'give it longer with --connect-timeout-ms' } }).then(() => assert.fail('connected'), (e: Error) => e.message);
    assert.match(hinted, /within 300 ms; give it longer with --connect-timeout-ms$/);
  });
});
