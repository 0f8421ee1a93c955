// A server that dies mid-session: the proxy says so on stderr (with the server's last words), closes the client's
// connection so no call waits forever, exits 1, and its trace ends with what happened up to then.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { repoRoot } from '../cli/run-cli';
import { cliPath, readTrace, tempDir, writeConfig } from './helpers';

const serverArgs = ['--import', 'tsx', join(repoRoot, 'test', 'proxy', 'fixtures', 'asking-server.ts')];

describe('the proxy when the server dies', () => {
  it("closes the client and says why, the server's last words included", async () => {
    const config = writeConfig({ asking: { type: 'stdio', command: process.execPath, args: serverArgs } });
    const trace = join(tempDir(), 'dies.trace.jsonl');
    const transport = new StdioClientTransport({ command: process.execPath, args: [cliPath, 'proxy', '--server', 'asking', '--config', config, '--trace', trace], stderr: 'pipe', cwd: repoRoot });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'faults', version: '0.0.0' });
    const closed = new Promise<void>((resolve) => (client.onclose = resolve));
    await client.connect(transport);
    await assert.rejects(client.callTool({ name: 'exit_now', arguments: {} }), /closed/i);
    await closed;
    assert.match(stderr, /asking-server: exiting on purpose/);
    assert.match(stderr, /mcp-workflow proxy: the server closed the connection/);
    const last = readTrace(trace).at(-1);
    assert.equal(last?.tool, 'exit_now');
    assert.equal(last?.kind, 'request');
  });

  it('exits 1 when the server ends the session', async () => {
    const config = writeConfig({ quits: { type: 'stdio', command: process.execPath, args: ['-e', 'setTimeout(() => process.exit(0), 10)'] } });
    const child = spawn(process.execPath, [cliPath, 'proxy', '--server', 'quits', '--config', config, '--trace', join(tempDir(), 'quits.jsonl')], { stdio: ['pipe', 'pipe', 'pipe'], cwd: repoRoot });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
  });
});
