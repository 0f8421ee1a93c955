// `replay --http`: the same trace served over Streamable HTTP answers an SDK client exactly as it does over stdio
// (the same matching, each session counting its own repeats), and a host other than 127.0.0.1 is refused before
// anything listens.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { listenMcpHttp, NonLoopbackHostError } from '../../src/core/mcp/http-endpoint';
import { runCli, repoRoot } from '../cli/run-cli';
import { cliPath, clientOverHttp, directOverStdio, stopChild } from './helpers';
import { gather, traced } from './scripts';

/** A scripted client's calls, keeping every answer (the lists, each tool result, the same call twice); against a
 * replay, also a call the trace never saw. */
async function answersOf(client: Client, unrecorded = true): Promise<unknown[]> {
  const answers: unknown[] = [await client.listTools(), await client.listPrompts()];
  const top = await client.callTool({ name: 'sales_top_customers', arguments: { limit: 1 } });
  const id = (top.structuredContent as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
  answers.push(top, ...(await Promise.all(gather.map((tool) => client.callTool({ name: tool, arguments: { customer_id: id } })))));
  answers.push(await client.callTool({ name: 'order_history', arguments: { customer_id: id } }));
  if (unrecorded) answers.push(await client.callTool({ name: 'order_history', arguments: { customer_id: 'C-9999' } }).catch((e: Error) => e.message));
  answers.push(client.getServerVersion());
  return answers;
}

/** Starts `replay TRACE --http --port 0` and resolves with the child and the URL it printed. */
function spawnHttpReplay(trace: string): Promise<{ child: ReturnType<typeof spawn>; url: string }> {
  const child = spawn(process.execPath, [cliPath, 'replay', trace, '--http', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: repoRoot });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^listening (\S+)$/m.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`replay exited (${code}) before listening: ${err}`)));
  });
}

describe('replay --http', () => {
  it('answers an SDK client over HTTP exactly as over stdio, in two sessions alike', async () => {
    const { trace } = await traced(async (client) => void (await answersOf(client, false)), false);
    const stdio = await directOverStdio(process.execPath, [cliPath, 'replay', trace]);
    const overStdio = await answersOf(stdio.client);
    await stdio.close();
    assert.match(String(overStdio.at(-2)), /replay: no recorded call of order_history with arguments \{"customer_id":"C-9999"\}/);
    const { child, url } = await spawnHttpReplay(trace);
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      const first = await clientOverHttp(url);
      const second = await clientOverHttp(url);
      assert.deepEqual(await answersOf(first.client), overStdio);
      assert.deepEqual(await answersOf(second.client), overStdio);
      await first.client.close();
      await second.client.close();
    } finally {
      assert.equal(await stopChild(child), 0);
    }
  });

  it('refuses a host other than 127.0.0.1 before listening (exit 2, no "listening" line)', async () => {
    const { trace } = await traced(async (client) => void (await client.listPrompts()), false);
    for (const host of ['0.0.0.0', '::', 'localhost', '192.168.1.10']) {
      const r = runCli(['replay', trace, '--http', '--host', host]);
      assert.equal(r.status, 2, host);
      assert.equal(r.stdout, '', `${host}: nothing listened`);
      assert.match(r.stderr, new RegExp(`mcp-workflow replay: refusing to listen on ${host.replace(/\./g, '\\.')}: MCP endpoints here bind 127\\.0\\.0\\.1 only`));
    }
    assert.equal(runCli(['replay', trace, '--port', '1234']).status, 2, '--port without --http');
  });

  it('the shared endpoint rejects a non-loopback host without creating a listener', async () => {
    let opened = 0;
    await assert.rejects(listenMcpHttp({ port: 0, host: '0.0.0.0', label: 'test' }, async () => void opened++), NonLoopbackHostError);
    assert.equal(opened, 0);
  });
});
